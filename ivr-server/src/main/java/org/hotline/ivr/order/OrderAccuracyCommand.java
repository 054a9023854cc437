package org.hotline.ivr.order;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ivr order accuracy --labels F}: category and district accuracy of the rules on a labelled TSV. */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = "Score the rules on a labelled TSV (lang, text, category, district) and list the misses.")
final class OrderAccuracyCommand implements Callable<Integer> {

    @CommandLine.Mixin
    OrderCommand.RulesOption rules = new OrderCommand.RulesOption();

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "the labelled set")
    Path labels;

    @Option(names = "--repeat", defaultValue = "0", paramLabel = "N",
            description = "also assess the set N more times and print the throughput (a rough benchmark)")
    int repeat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OrderRules loaded = rules.load();
        AccuracyReport report = AccuracyReport.run(loaded, labels);
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.render());
        if (repeat > 0) {
            long start = System.nanoTime();
            for (int i = 0; i < repeat; i++) {
                report.cases().forEach(c -> loaded.assess(c.language(), c.text()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int assessed = repeat * report.cases().size();
            out.printf(Locale.ROOT, "throughput: %d descriptions in %.2f s = %.0f per second on one thread%n",
                    assessed, seconds, assessed / seconds);
        }
        out.flush();
        return 0;
    }
}
