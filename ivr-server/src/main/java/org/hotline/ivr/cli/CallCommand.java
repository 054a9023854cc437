package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.PhoneNumbers;
import org.hotline.ivr.testcall.AmiTestLine;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.hotline.ivr.testcall.TestCallResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./ivr call}: one test call through a real Asterisk into the IVR, placed over AMI, printed step by
 * step. Needs the test-only contexts of {@code config/asterisk/extensions-test.conf} on that Asterisk.
 */
@Command(name = "call", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Place a test call through an Asterisk's AMI into the IVR and print what happens.",
                "The Asterisk needs the test-caller context of config/asterisk/extensions-test.conf; the AMI user",
                "needs read call,dtmf,agi and write originate,call (e.g. the lab Asterisk's user 'test')."})
public final class CallCommand implements Callable<Integer> {

    @Option(names = "--ami", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5038",
            description = "Asterisk's AMI (default ${DEFAULT-VALUE})")
    String ami;

    @Option(names = "--user", defaultValue = "test", description = "AMI user (default ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--secret-env", paramLabel = "NAME", defaultValue = "IVR_AMI_SECRET",
            description = "environment variable holding the AMI secret (default ${DEFAULT-VALUE})")
    String secretEnv;

    @Option(names = "--secret", description = "the AMI secret itself (lab use; prefer --secret-env)")
    String secret;

    @Option(names = "--context", defaultValue = "ivr-in", description = "context of the IVR entry (default ${DEFAULT-VALUE})")
    String context;

    @Option(names = "--exten", defaultValue = "12345", description = "extension of the IVR entry (default ${DEFAULT-VALUE})")
    String exten;

    @Option(names = "--caller", defaultValue = "13800138000", description = "the citizen's number (default ${DEFAULT-VALUE})")
    String caller;

    @Option(names = "--lang", defaultValue = "", description = "channel language of the call, e.g. zh or en")
    String language;

    @Option(names = "--digits", defaultValue = "", paramLabel = "KEYS,KEYS",
            description = "keys per prompt that reads keys, comma-separated: 1,2 presses 1 at the first, 2 at the second; ',42#' lets the first pass")
    String digits;

    @Option(names = "--say", paramLabel = "FILE.wav",
            description = "8 kHz mono WAV the citizen speaks when the IVR listens (EXEC AudioSocket); a path Asterisk can read")
    Path say;

    @Option(names = "--timeout", defaultValue = "120", description = "seconds before the call is hung up (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LogSetup.level("org.asteriskjava", Level.ERROR);
        PrintWriter out = spec.commandLine().getOut();
        HostPort target = HostPort.parse(ami, spec);
        TestCallPlan plan = plan();
        try (AmiTestLine line = AmiTestLine.connect(target.host(), target.port(), user, secret())) {
            out.printf("calling %s@%s from %s through %s as %s%n", exten, context, PhoneNumbers.mask(caller), ami, user);
            out.flush();
            TestCall call = line.place(plan, event -> {
                synchronized (out) {
                    out.println(event);
                    out.flush();
                }
            });
            TestCallResult result = call.result().get(timeoutSeconds + 10L, TimeUnit.SECONDS);
            out.printf("call %s ended after %.1f s: %s; %d AGI commands, keys pressed '%s'%n", result.ivrLegId(),
                    result.duration().toMillis() / 1000.0, result.timedOut() ? "timed out" : "hung up, " + result.hangupCause(),
                    result.agiCommands().size(), result.keysPressed());
            if (result.agiCommands().isEmpty() && !result.timedOut()) {
                out.println("no AGI command was seen: is the IVR server reachable from Asterisk, and may user '"
                        + user + "' read the 'agi' event class?");
            }
            out.flush();
            return result.timedOut() ? 1 : 0;
        }
    }

    private TestCallPlan plan() {
        if (say != null && !Files.isRegularFile(say)) {
            throw new ParameterException(spec.commandLine(), "--say " + say + ": no such file");
        }
        TestCallPlan plan = TestCallPlan.hotline(caller).to(context, exten).language(language).keys(digits)
                .timeout(Duration.ofSeconds(timeoutSeconds));
        return say == null ? plan : plan.speech(say.toAbsolutePath());
    }

    private String secret() {
        if (secret != null) {
            return secret;
        }
        String fromEnv = System.getenv(secretEnv);
        if (fromEnv == null || fromEnv.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "no AMI secret: set environment variable " + secretEnv + " (or pass --secret)");
        }
        return fromEnv;
    }

    record HostPort(String host, int port) {
        static HostPort parse(String text, CommandSpec spec) {
            int colon = text.lastIndexOf(':');
            try {
                return colon < 0 ? new HostPort(text, 5038)
                        : new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--ami " + text + ": expected HOST:PORT");
            }
        }
    }
}
