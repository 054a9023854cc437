package org.hotline.ivr.order;

import java.io.IOException;
import java.nio.file.Path;
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        AccuracyReport report = AccuracyReport.run(OrderRules.load(rules.dir), labels);
        spec.commandLine().getOut().print(report.render());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
