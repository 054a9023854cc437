package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hotline.ivr.bench.CallBench;
import org.hotline.ivr.bench.CallBenchSettings;
import org.hotline.ivr.bench.CallBenchTables;
import org.hotline.ivr.bench.CallLevelResult;
import org.hotline.ivr.ops.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ivr bench calls}: N simulated citizens at once through the 12345 flow on one real node, M of them describing
 * a problem in real time over AudioSocket; command and frame latency, CPU per call-minute, heap per call, drafts.
 */
@Command(name = "calls", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Whole 12345 calls on one node: menus, descriptions over AudioSocket, queue, seats, drafts.")
public final class CallsBenchCommand implements Callable<Integer> {

    @Option(names = "--calls", split = ",", defaultValue = "500,1000,2000",
            description = "calls on the line at once, one level each, comma-separated (default ${DEFAULT-VALUE})")
    List<Integer> calls;

    @Option(names = "--describing", defaultValue = "100",
            description = "of them, callers who describe a problem in real time (default ${DEFAULT-VALUE})")
    int describing;

    @Option(names = "--seconds", defaultValue = "30", description = "measured window per level, seconds (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", defaultValue = "20s", converter = DurationConverter.class,
            description = "load after the level has opened, before the window (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--talk", defaultValue = "30s", converter = DurationConverter.class,
            description = "how long a seat talks with a caller who asked for an operator (default ${DEFAULT-VALUE})")
    Duration talk;

    @Option(names = "--describer-talk", defaultValue = "2s", converter = DurationConverter.class,
            description = "how long a seat talks with a caller who described a problem (default ${DEFAULT-VALUE})")
    Duration describerTalk;

    @Option(names = "--prompt", defaultValue = "500ms", converter = DurationConverter.class,
            description = "how long each prompt plays when no key interrupts it (default ${DEFAULT-VALUE})")
    Duration prompt;

    @Option(names = "--seats-per-call", defaultValue = "2",
            description = "seats logged in per call slot (wrap-up keeps a seat busy after each call; default ${DEFAULT-VALUE})")
    int seatsPerCall;

    @Option(names = "--ramp", defaultValue = "200", description = "new calls a second while a level opens (default ${DEFAULT-VALUE})")
    int ramp;

    @Option(names = "--samples", paramLabel = "DIR", description = "speech samples (default: ../shared/speech-samples from the repository)")
    Path samples;

    @Option(names = "--json", paramLabel = "FILE", description = "also write every figure as JSON")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Per-call INFO lines from thousands of calls would measure the console, not the node.
        LogSetup.level("org.hotline.ivr", ch.qos.logback.classic.Level.WARN);
        Path home = Path.of(System.getenv().getOrDefault("IVR_HOME",
                System.getProperty("ivr.home", "."))).toAbsolutePath().normalize();
        Path speech = samples != null ? samples : home.resolve("../shared/speech-samples").normalize();
        CallBenchSettings settings = new CallBenchSettings(calls, describing, warmup, Duration.ofSeconds(seconds), talk,
                describerTalk, prompt, seatsPerCall, ramp, home, speech, Duration.ofSeconds(120).plus(talk));
        List<CallLevelResult> levels = new CallBench(settings, spec.commandLine().getErr()).run();
        PrintWriter out = spec.commandLine().getOut();
        out.println(CallBenchTables.markdown(settings, levels));
        out.flush();
        if (json != null) {
            Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(),
                    Map.of("levels", levels));
        }
        return levels.stream().allMatch(r -> r.failed() == 0 && r.stillInProgress() == 0 && r.drafts() == r.described())
                ? 0 : 3;
    }
}
