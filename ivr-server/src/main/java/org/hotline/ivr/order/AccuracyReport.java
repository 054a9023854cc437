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
 * How well the rules do on a labelled set: a TSV of {@code lang, text, category, district} and optionally
 * {@code urgency} (lines starting with # and the header are skipped). Category, district and urgency are
 * scored separately; a district left empty in the labels expects no district; urgency is scored only on
 * sets that label it.
 */
public final class AccuracyReport {

    /** One labelled description and what the rules made of it. */
    public record Case(int line, String language, String text, String category, String district,
                       String gotCategory, String gotDistrict, String urgency, String gotUrgency) {
        boolean categoryRight() {
            return category.equals(gotCategory);
        }

        boolean districtRight() {
            return district.equals(gotDistrict);
        }

        boolean urgencyLabelled() {
            return !urgency.isEmpty();
        }

        boolean urgencyRight() {
            return urgency.equals(gotUrgency);
        }
    }

    /** Totals for one language, or for all. */
    public record Score(int cases, int categoryRight, int districtRight, int bothRight, int urgencyCases,
                        int urgencyRight) {

        static final Score ZERO = new Score(0, 0, 0, 0, 0, 0);

        public double category() {
            return cases == 0 ? 0 : (double) categoryRight / cases;
        }

        public double district() {
            return cases == 0 ? 0 : (double) districtRight / cases;
        }

        public double both() {
            return cases == 0 ? 0 : (double) bothRight / cases;
        }

        /** Share of urgency-labelled cases given the right level, 0..1 (0 when none is labelled). */
        public double urgency() {
            return urgencyCases == 0 ? 0 : (double) urgencyRight / urgencyCases;
        }

        Score add(Case c) {
            return plus(new Score(1, c.categoryRight() ? 1 : 0, c.districtRight() ? 1 : 0,
                    c.categoryRight() && c.districtRight() ? 1 : 0, c.urgencyLabelled() ? 1 : 0,
                    c.urgencyLabelled() && c.urgencyRight() ? 1 : 0));
        }

        Score plus(Score o) {
            return new Score(cases + o.cases, categoryRight + o.categoryRight, districtRight + o.districtRight,
                    bothRight + o.bothRight, urgencyCases + o.urgencyCases, urgencyRight + o.urgencyRight);
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
            if (f.length != 4 && f.length != 5) {
                throw new IOException(labels + ":" + (i + 1) + ": needs 4 or 5 tab-separated columns, has " + f.length);
            }
            Assessment a = rules.assess(f[0], f[1]);
            cases.add(new Case(i + 1, f[0], f[1], f[2], f[3], a.classification().category(), a.location().district(),
                    f.length == 5 ? f[4].strip() : "", a.urgency().level().id()));
        }
        return new AccuracyReport(cases);
    }

    public List<Case> cases() {
        return cases;
    }

    public Score total() {
        return cases.stream().reduce(Score.ZERO, Score::add, Score::plus);
    }

    public Map<String, Score> byLanguage() {
        Map<String, Score> scores = new TreeMap<>();
        cases.forEach(c -> scores.merge(c.language(), Score.ZERO.add(c), Score::plus));
        return scores;
    }

    /** A plain-text report: a table per language, then every miss with what was expected. */
    public String render() {
        boolean urgency = total().urgencyCases() > 0;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-6s %6s %10s %10s %10s%s%n", "lang", "cases", "category", "district",
                "both", urgency ? String.format("%10s", "urgency") : ""));
        byLanguage().forEach((lang, s) -> out.append(row(lang, s, urgency)));
        out.append(row("all", total(), urgency));
        for (Case c : cases) {
            boolean urgencyMiss = c.urgencyLabelled() && !c.urgencyRight();
            if (!c.categoryRight() || !c.districtRight() || urgencyMiss) {
                out.append(String.format("miss line %d [%s] %s%n    expected %s / %s%s, got %s / %s%s%n", c.line(),
                        c.language(), c.text(), c.category(), blank(c.district()),
                        c.urgencyLabelled() ? " / " + c.urgency() : "", c.gotCategory(), blank(c.gotDistrict()),
                        c.urgencyLabelled() ? " / " + c.gotUrgency() : ""));
            }
        }
        return out.toString();
    }

    private static String row(String label, Score s, boolean urgency) {
        return String.format(Locale.ROOT, "%-6s %6d %9.1f%% %9.1f%% %9.1f%%%s%n", label, s.cases(),
                100 * s.category(), 100 * s.district(), 100 * s.both(),
                urgency ? String.format(Locale.ROOT, " %9.1f%%", 100 * s.urgency()) : "");
    }

    private static String blank(String value) {
        return value.isEmpty() ? "(none)" : value;
    }
}
