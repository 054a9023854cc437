package org.hotline.ivr;

import org.hotline.ivr.cli.AccountsCommand;
import org.hotline.ivr.cli.BenchCommand;
import org.hotline.ivr.cli.CallCommand;
import org.hotline.ivr.cli.ConfigCommand;
import org.hotline.ivr.cli.DemoCommand;
import org.hotline.ivr.cli.FlowCommand;
import org.hotline.ivr.cli.PromptsCommand;
import org.hotline.ivr.cli.ReportCommand;
import org.hotline.ivr.cli.ServeCommand;
import org.hotline.ivr.ops.VersionProvider;
import org.hotline.ivr.ops.ConfigException;
import org.hotline.ivr.queue.QueueBenchCommand;
import org.hotline.ivr.speech.ModelsCommand;
import org.hotline.ivr.speech.SpeechBench;
import org.hotline.ivr.speech.TranscribeCommand;
import org.hotline.ivr.order.OrderCommand;
import org.hotline.ivr.sms.SmsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./ivr}: the one entry point; each verb is a command class of its own. */
@Command(name = "ivr", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "12345 hotline IVR server beside Asterisk: FastAGI menus, speech, work orders, seat queues.",
        subcommands = {ServeCommand.class, DemoCommand.class, CallCommand.class, FlowCommand.class, ConfigCommand.class, AccountsCommand.class,
                PromptsCommand.class, OrderCommand.class, ReportCommand.class, SmsCommand.class, ModelsCommand.class,
                TranscribeCommand.class,
                BenchCommand.class, SpeechBench.class, QueueBenchCommand.class, CommandLine.HelpCommand.class})
public final class IvrCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new IvrCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException config) {
                commandLine.getErr().println(config.getMessage());
                return 2;
            }
            commandLine.getErr().println("ivr: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }
}
