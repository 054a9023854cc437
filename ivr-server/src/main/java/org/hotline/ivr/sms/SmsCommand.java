package org.hotline.ivr.sms;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hotline.ivr.ops.VersionProvider;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.PhoneNumbers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ivr sms ...}: the SMS line, for the operator checking it. */
@Command(name = "sms", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "SMS to citizens through the configured gateway (sms.gateway in ivr.yaml).",
        subcommands = {SmsCommand.Send.class})
public final class SmsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ivr sms send --to 13800138000 --text "..."}: exit 0 when the gateway accepted it, 1 otherwise. */
    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Send one SMS through the configured gateway now (not through the outbox); exit 0 when "
                    + "it was accepted, else 1 with the gateway's answer.")
    static final class Send implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "ivr.yaml (default: config/ivr.yaml if present)")
        Path config;

        @Option(names = "--to", required = true, paramLabel = "NUMBER") String to;

        @Option(names = "--text", required = true) String text;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The environment the configuration is read with; a test sets its own. */
        Map<String, String> env = System.getenv();

        @Override
        public Integer call() {
            Path file = config;
            Path home = Path.of(env.getOrDefault("IVR_HOME", ""));
            if (file == null && home.resolve("config/ivr.yaml").toFile().isFile()) {
                file = home.resolve("config/ivr.yaml");
            }
            IvrConfig.Sms sms = new ConfigLoader(env).load(file).sms();
            if (!sms.enabled()) {
                spec.commandLine().getErr().println("sms.gateway is none: no SMS gateway configured "
                        + "(set sms.gateway: kannel, or IVR_SMS_GATEWAY=kannel)");
                return 2;
            }
            SmsGateway gateway = KannelGateway.from(sms);
            SmsGateway.SendResult result = gateway.send(to.strip(), text);
            if (result.accepted()) {
                spec.commandLine().getOut().println("accepted by " + gateway.describe() + " for "
                        + PhoneNumbers.mask(to.strip()) + ": " + result.answer());
                return 0;
            }
            spec.commandLine().getErr().println("not sent by " + gateway.describe() + ": " + result.describe());
            return 1;
        }
    }
}
