package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./ivr flow lint|simulate|graph}: the telecom engineer's tools for call flows. */
@Command(name = "flow", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Check, simulate and draw call flows (call-flows/*.yaml).",
        subcommands = {FlowLintCommand.class, FlowSimulateCommand.class, FlowGraphCommand.class})
public final class FlowCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
