package org.hotline.ivr.order;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well the rules do on a labelled set: a TSV of {@code lang, text, category, district} (lines
 * starting with # and the header are skipped). Category and district are scored separately; a
 * district left empty in the labels expects no district.
 */
public final class AccuracyReport {

    /** One labelled description and what the rules made of it. */
    public record Case(int line, String language, String text, String category, String district,
                       String gotCategory, String gotDistrict) {
        boolean categoryRight() {
            return category.equals(gotCategory);
        }

        boolean districtRight() {
            return district.equals(gotDistrict);
        }
    }

    /** Totals for one language, or for all. */
    public record Score(int cases, int categoryRight, int districtRight, int bothRight) {
        public double category() {
            return cases == 0 ? 0 : (double) categoryRight / cases;
        }

        public double district() {
            return cases == 0 ? 0 : (double) districtRight / cases;
        }

        public double both() {
            return cases == 0 ? 0 : (double) bothRight / cases;
        }

        Score add(Case c) {
            return new Score(cases + 1, categoryRight + (c.categoryRight() ? 1 : 0),
                    districtRight + (c.districtRight() ? 1 : 0),
                    bothRight + (c.categoryRight() && c.districtRight() ? 1 : 0));
        }
    }

    private final List<Case> cases;

    private AccuracyReport(List<Case> cases) {
        this.cases = List.copyOf(cases);
    }

    public static AccuracyReport run(OrderRules rules, Path labels) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#") || line.startsWith("lang\t")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new IOException(labels + ":" + (i + 1) + ": needs 4 tab-separated columns, has " + f.length);
            }
            Assessment a = rules.assess(f[0], f[1]);
            cases.add(new Case(i + 1, f[0], f[1], f[2], f[3], a.classification().category(), a.location().district()));
        }
        return new AccuracyReport(cases);
    }

    public List<Case> cases() {
        return cases;
    }

    public Score total() {
        return cases.stream().reduce(new Score(0, 0, 0, 0), Score::add, (a, b) -> a);
    }

    public Map<String, Score> byLanguage() {
        Map<String, Score> scores = new TreeMap<>();
        cases.forEach(c -> scores.merge(c.language(), new Score(0, 0, 0, 0).add(c),
                (a, b) -> new Score(a.cases() + b.cases(), a.categoryRight() + b.categoryRight(),
                        a.districtRight() + b.districtRight(), a.bothRight() + b.bothRight())));
        return scores;
    }

    /** A plain-text report: a table per language, then every miss with what was expected. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-6s %6s %10s %10s %10s%n", "lang", "cases", "category", "district", "both"));
        byLanguage().forEach((lang, s) -> out.append(row(lang, s)));
        out.append(row("all", total()));
        for (Case c : cases) {
            if (!c.categoryRight() || !c.districtRight()) {
                out.append(String.format("miss line %d [%s] %s%n    expected %s / %s, got %s / %s%n", c.line(),
                        c.language(), c.text(), c.category(), blank(c.district()), c.gotCategory(), blank(c.gotDistrict())));
            }
        }
        return out.toString();
    }

    private static String row(String label, Score s) {
        return String.format(Locale.ROOT, "%-6s %6d %9.1f%% %9.1f%% %9.1f%%%n", label, s.cases(),
                100 * s.category(), 100 * s.district(), 100 * s.both());
    }

    private static String blank(String value) {
        return value.isEmpty() ? "(none)" : value;
    }
}
