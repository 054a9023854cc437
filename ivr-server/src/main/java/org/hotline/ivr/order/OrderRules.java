package org.hotline.ivr.order;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hotline.ivr.ops.ConfigException;
import org.hotline.ivr.ops.ConfigProblem;

/**
 * The rule data under one configuration directory: {@code categories.yaml}, {@code gazetteer/*.yaml},
 * {@code urgency.yaml} and {@code dispatch.yaml} (units and deadlines); loaded and checked together (every problem with its
 * file, line and key), then applied to descriptions. Immutable, so one instance serves all calls.
 */
public final class OrderRules {

    private final CategoryTaxonomy taxonomy;
    private final Gazetteer gazetteer;
    private final UrgencyRules urgency;
    private final DispatchRules dispatch;
    private final DispatchDeadlines deadlines;
    private final SummaryWriter summaries;

    OrderRules(CategoryTaxonomy taxonomy, Gazetteer gazetteer, UrgencyRules urgency, DispatchRules dispatch,
               DispatchDeadlines deadlines) {
        this.taxonomy = taxonomy;
        this.gazetteer = gazetteer;
        this.urgency = urgency;
        this.dispatch = dispatch;
        this.deadlines = deadlines;
        this.summaries = new SummaryWriter(taxonomy);
    }

    /** Loads {@code configDir}; throws {@link ConfigException} listing every problem found. */
    public static OrderRules load(Path configDir) {
        List<ConfigProblem> problems = new ArrayList<>();
        RuleFile categoriesFile = RuleFile.read(configDir.resolve("categories.yaml"), problems);
        CategoryTaxonomy taxonomy = CategoryTaxonomy.read(categoriesFile);
        List<Place> places = new ArrayList<>();
        for (Path file : gazetteerFiles(configDir.resolve("gazetteer"), problems)) {
            places.addAll(new GazetteerReader().read(RuleFile.read(file, problems)));
        }
        UrgencyRules urgency = UrgencyRules.read(RuleFile.read(configDir.resolve("urgency.yaml"), problems));
        RuleFile dispatchFile = RuleFile.read(configDir.resolve("dispatch.yaml"), problems);
        DispatchRules dispatch = DispatchRules.read(dispatchFile, taxonomy);
        DispatchDeadlines deadlines = DispatchDeadlines.read(dispatchFile);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new OrderRules(taxonomy, new Gazetteer(places), urgency, dispatch, deadlines);
    }

    private static List<Path> gazetteerFiles(Path dir, List<ConfigProblem> problems) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            if (yaml.isEmpty()) {
                problems.add(new ConfigProblem(dir.toString(), null, "has no .yaml gazetteer"));
            }
            return yaml;
        } catch (IOException e) {
            problems.add(new ConfigProblem(dir.toString(), null, "cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }

    /** The draft fields a description gets. Never fails: an empty text is unclassified and unlocated. */
    public Assessment assess(String language, String text) {
        return assess(language, text, List.of());
    }

    /** The same, with the caller's menu path as a hint for the category. */
    public Assessment assess(String language, String text, List<String> menuPath) {
        MatchText matchText = MatchText.of(text);
        Classification classification = taxonomy.classify(matchText, menuPath);
        Location location = gazetteer.locate(matchText);
        Urgency urgencyLevel = urgency.assess(matchText);
        String unit = dispatch.unitFor(classification, location);
        String summary = summaries.summarize(language, classification, location, text);
        return new Assessment(classification, location, urgencyLevel, unit, summary);
    }

    /** The unit the dispatch rules suggest for a category and place (as a seat corrected them). */
    public String unitFor(String category, String subCategory, String district, String street) {
        return dispatch.unitFor(new Classification(category, subCategory, 1, List.of()),
                new Location(district, street, "", List.of()));
    }

    /** Every unit a rule would give an order at this place, the suggestion for the category first: the seat's picker. */
    public List<String> unitsFor(String category, String subCategory, String district, String street) {
        java.util.LinkedHashSet<String> units = new java.util.LinkedHashSet<>();
        units.add(unitFor(category, subCategory, district, street));
        units.addAll(dispatch.unitsAt(new Location(district, street, "", List.of())));
        units.remove("");
        return List.copyOf(units);
    }

    public CategoryTaxonomy taxonomy() {
        return taxonomy;
    }

    /** When orders must be dispatched, by urgency and time of acceptance. */
    public DispatchDeadlines deadlines() {
        return deadlines;
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }
}
