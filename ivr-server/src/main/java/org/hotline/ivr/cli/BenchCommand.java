package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import org.hotline.ivr.speech.EndpointBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./ivr bench}: load benchmarks; each transport has a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Load benchmarks over real sockets on loopback.",
        subcommands = {AgiBenchCommand.class, CallsBenchCommand.class, EndpointBench.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
