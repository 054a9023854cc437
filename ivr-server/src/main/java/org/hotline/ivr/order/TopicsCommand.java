package org.hotline.ivr.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.Json;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ivr report topics --month 2026-11 [--json|--csv]}: the month's hot topics ({@link HotTopics}) from the
 * server's Redis, for a supervisor's monthly review (每月一题). Exit 0, 1 when Redis cannot be read, 2 on a
 * configuration problem.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "The month's hot topics: top categories with counts and change against the previous month, "
                + "their top districts and streets, and the hot words of transcripts and summaries.")
public final class TopicsCommand implements Callable<Integer> {

    @Option(names = "--month", paramLabel = "yyyy-MM", description = "the month (default: this month)")
    String month;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the server's configuration (default: config/ivr.yaml under $IVR_HOME if present)")
    Path config;

    @CommandLine.ArgGroup(exclusive = true)
    Format format = new Format();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment the configuration is read with; a test sets its own. */
    Map<String, String> env = System.getenv();

    static final class Format {
        @Option(names = "--json", description = "the report as one JSON object") boolean json;
        @Option(names = "--csv", description = "the report as CSV rows (section,rank,category,...)") boolean csv;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Path file = config;
        Path home = Path.of(env.getOrDefault("IVR_HOME", ""));
        if (file == null && home.resolve("config/ivr.yaml").toFile().isFile()) {
            file = home.resolve("config/ivr.yaml");
        }
        IvrConfig loaded = new ConfigLoader(env).load(file);
        if (loaded.redis().embedded()) {
            spec.commandLine().getErr().println("cannot report: redis.url is empty (the server's embedded Redis):"
                    + " give the server's Redis with IVR_REDIS_URL=redis://host:port");
            return 1;
        }
        try (RedisGateway redis = new RedisGateway(loaded.redis().topology(loaded.redis().url()),
                loaded.redis().timeout(), RetryPolicy.covering(loaded.redis().retryFor()))) {
            Path rules = loaded.paths().orderRules();
            OrderSettings settings = OrderSettings.defaults();
            HotTopics topics = Orders.create(redis, rules, settings, Clock.systemUTC())
                    .hotTopics(rules, settings, Clock.systemUTC());
            TopicsReport report = topics.report(month(topics));
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.json ? Json.mapper().writeValueAsString(report) + "\n" : format.csv ? csv(report) : text(report));
            out.flush();
            return 0;
        }
    }

    private YearMonth month(HotTopics topics) {
        if (month == null) {
            return topics.currentMonth();
        }
        try {
            return YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--month: '" + month + "' is not a month like 2026-11");
        }
    }

    static String text(TopicsReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Hot topics %s (%s): %d orders (%s: %d), %d unclassified%n", r.month(), r.zone(),
                r.orders(), r.previousMonth(), r.previousOrders(), r.unclassified()));
        int rank = 1;
        for (TopicsReport.CategoryTopic c : r.categories()) {
            out.append(String.format("%2d. %s (%s)  %d  [%s: %d, %s]%n", rank++, c.name(), c.category(), c.count(),
                    r.previousMonth(), c.previous(), change(c)));
            out.append("      districts: ").append(places(c.districts())).append('\n');
            out.append("      streets:   ").append(places(c.streets())).append('\n');
            out.append("      words:     ").append(words(c.words())).append('\n');
        }
        out.append("Hot words: ").append(words(r.hotWords())).append('\n');
        return out.toString();
    }

    private static String change(TopicsReport.CategoryTopic c) {
        String sign = c.change() > 0 ? "+" : "";
        return c.changeRate() == null ? sign + c.change() + ", new"
                : sign + c.change() + ", " + sign + String.format(Locale.ROOT, "%.1f%%", c.changeRate() * 100);
    }

    private static String places(List<TopicsReport.PlaceCount> places) {
        return places.isEmpty() ? "-" : places.stream().map(p -> p.district() + p.street() + " " + p.count())
                .collect(Collectors.joining(", "));
    }

    private static String words(List<TopicsReport.WordCount> words) {
        return words.isEmpty() ? "-" : words.stream().map(w -> w.word() + " " + w.orders())
                .collect(Collectors.joining(", "));
    }

    /** One row per listed figure: {@code section} is category, district, street, category-word or word. */
    static String csv(TopicsReport r) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("month", "section", "rank", "category", "name", "district", "street", "word", "count",
                "previous", "change"));
        int rank = 1;
        for (TopicsReport.CategoryTopic c : r.categories()) {
            rows.add(List.of(r.month(), "category", rank++, c.category(), c.name(), "", "", "", c.count(), c.previous(),
                    c.change()));
            int n = 1;
            for (TopicsReport.PlaceCount p : c.districts()) {
                rows.add(List.of(r.month(), "district", n++, c.category(), c.name(), p.district(), "", "", p.count(), "", ""));
            }
            n = 1;
            for (TopicsReport.PlaceCount p : c.streets()) {
                rows.add(List.of(r.month(), "street", n++, c.category(), c.name(), p.district(), p.street(), "",
                        p.count(), "", ""));
            }
            n = 1;
            for (TopicsReport.WordCount w : c.words()) {
                rows.add(List.of(r.month(), "category-word", n++, c.category(), c.name(), "", "", w.word(), w.orders(),
                        "", ""));
            }
        }
        int n = 1;
        for (TopicsReport.WordCount w : r.hotWords()) {
            rows.add(List.of(r.month(), "word", n++, "", "", "", "", w.word(), w.orders(), "", ""));
        }
        return rows.stream().map(row -> row.stream().map(TopicsCommand::cell).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    private static String cell(Object value) {
        String text = String.valueOf(value);
        return text.matches(".*[,\"\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
