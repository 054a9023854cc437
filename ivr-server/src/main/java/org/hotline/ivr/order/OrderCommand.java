package org.hotline.ivr.order;

import java.nio.file.Path;
import org.hotline.ivr.ops.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ivr order ...}: the order rules without a call, for the engineers who tune them.
 * {@code order draft} shows what a description would get; {@code order accuracy} scores a labelled set.
 */
@Command(name = "order", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Draft work orders from descriptions without a call; score the rules on a labelled set.",
        subcommands = {OrderDraftCommand.class, OrderAccuracyCommand.class})
public final class OrderCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Standalone entry, until the lead's {@code IvrCommand} lists {@code order} among its subcommands. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new OrderCommand()).execute(args));
    }

    /** The rule directory option both subcommands share. */
    static final class RulesOption {
        @CommandLine.Option(names = "--rules", paramLabel = "DIR",
                description = "directory with categories.yaml, gazetteer/, urgency.yaml, dispatch.yaml "
                        + "(default: config/ under $IVR_HOME, else under the working directory)")
        Path dir;

        OrderRules load() {
            Path chosen = dir != null ? dir : Path.of(System.getenv().getOrDefault("IVR_HOME", "")).resolve("config");
            return OrderRules.load(chosen);
        }
    }
}
