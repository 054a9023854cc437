package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import org.hotline.ivr.order.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ivr report ...}: the supervisors' periodic reports, read from the server's Redis. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reports for supervisors from the server's Redis (IVR_REDIS_URL).",
        subcommands = {TopicsCommand.class})
public final class ReportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
