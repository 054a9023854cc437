package org.hotline.ivr.cli;

import org.hotline.ivr.ops.Json;
import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.FlowLoader;
import org.hotline.ivr.flow.FlowModule;
import org.hotline.ivr.flow.FlowServices;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ivr flow simulate FLOW --press 1,2 --say caller.wav ...}: starts a server in this process (embedded
 * Redis, free ports), places one simulated call on the flow over real FastAGI, and prints the path and prompts
 * from the journey the server stored. Steps run in the order given on the command line.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Place one simulated call on a flow through a real in-process server; print path and prompts.")
public final class FlowSimulateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FLOW", description = "a flow file, or a flow name in call-flows/")
    String flow;

    @Option(names = "--press", paramLabel = "KEYS", description = "keys, comma-separated answers in turn: --press 2,1,1")
    List<String> press = new ArrayList<>();

    @Option(names = "--say", paramLabel = "WAV", description = "speech for the next describe (8 kHz mono WAV)")
    List<Path> say = new ArrayList<>();

    @Option(names = "--hang-up", description = "the caller hangs up at this point of the steps")
    boolean hangUp;

    @Option(names = "--lang", defaultValue = "zh", description = "the channel's language when the call arrives (default ${DEFAULT-VALUE})")
    String language;

    @Option(names = "--caller", defaultValue = "13800138000", description = "caller id (default ${DEFAULT-VALUE})")
    String caller;

    @Option(names = "--at", paramLabel = "TIME", description = "local time in the flow's zone for conditions, e.g. 2026-10-01T09:00")
    LocalDateTime at;

    @Option(names = "--queue-waiting", paramLabel = "N", defaultValue = "0", description = "calls waiting in every queue")
    int queueWaiting;

    @Option(names = "--json", description = "print the call record as JSON")
    boolean json;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LogSetup.level("org.hotline.ivr", Level.WARN);
        Path file = FlowFiles.resolve(flow);
        Flow loaded = new FlowLoader().load(file);
        Path redisDir = Files.createTempDirectory("ivr-simulate-redis");
        IvrConfig base = config.load();
        IvrConfig local = base.withPorts(0, 0, 0)
                .withRedis(new IvrConfig.Redis("", redisDir, base.redis().timeout()));
        try (IvrServer server = IvrServer.start(local);
             SimClient sim = new SimClient("127.0.0.1", server.agiPort(), true)) {
            FlowModule flows = FlowModule.start(file.toAbsolutePath().getParent(), server.redis(), server.scripts(),
                    services(server, loaded), local.calls().journeyTtl());
            CallRecord record = sim.call(scenario(loaded.name())).get(5, TimeUnit.MINUTES);
            JourneyStore.Journey journey = flows.runner().journeys().read(record.uniqueId());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.pretty().writeValueAsString(
                        asJson(record, journey)));
            } else {
                print(out, record, journey);
            }
            out.flush();
        }
        return 0;
    }

    private FlowServices services(IvrServer server, Flow loaded) {
        FlowServices services = FlowServices.defaults(server.redis(), server.config().audio().advertiseHost(),
                server.speech().audioPort());
        if (at != null) {
            services = services.withClock(Clock.fixed(at.atZone(loaded.timezone()).toInstant(), loaded.timezone()));
        }
        int waiting = queueWaiting;
        return services.withQueues(queue -> CompletableFuture.completedFuture(
                new FlowServices.QueueLoad(waiting, Duration.ofSeconds(waiting * 60L))));
    }

    /** The steps in command-line order: each --press item, --say and --hang-up where they were written. */
    CallScenario scenario(String script) {
        CallScenario scenario = CallScenario.of("simulate", script, caller).language(language);
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int pressed = 0;
        int said = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--press") || arg.startsWith("--press=")) {
                for (String keys : press.get(pressed++).split(",")) {
                    scenario = scenario.press(keys.trim());
                }
            } else if (arg.equals("--say") || arg.startsWith("--say=")) {
                // Keys after speech are the next menu's answer, not DTMF during the recording.
                scenario = scenario.say(say.get(said++)).pause(Duration.ZERO);
            } else if (arg.equals("--hang-up")) {
                scenario = scenario.hangUp();
            }
        }
        return scenario;
    }

    private static void print(PrintWriter out, CallRecord record, JourneyStore.Journey journey) {
        Map<String, String> call = journey.call();
        out.printf("call %s to flow %s (version %s) from %s%n", record.uniqueId(), call.get("flow"),
                call.get("version"), call.get("caller"));
        for (Map<String, String> step : journey.steps()) {
            out.printf("  %-20s %-10s %-8s %s%n", step.get("node"), step.get("type"),
                    step.get("input").isEmpty() ? "" : "[" + step.get("input") + "]", step.get("result"));
        }
        out.println("prompts:    " + String.join(", ", record.prompts()));
        out.println("keys:       " + call.getOrDefault("keys", ""));
        out.println("language:   " + call.get("language"));
        out.println("transcript: " + (call.getOrDefault("transcript", "").isEmpty() ? "(none)" : call.get("transcript")));
        out.println("queue:      " + (call.getOrDefault("queue", "").isEmpty() ? "(none)" : call.get("queue")));
        out.println("order:      " + (call.getOrDefault("orderId", "").isEmpty() ? "(none)" : call.get("orderId")));
        out.println("outcome:    " + call.get("outcome"));
    }

    private static Map<String, Object> asJson(CallRecord record, JourneyStore.Journey journey) throws Exception {
        Map<String, String> call = journey.call();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("callId", record.uniqueId());
        json.put("flow", call.get("flow"));
        json.put("version", call.get("version"));
        json.put("caller", call.get("caller"));
        json.put("language", call.get("language"));
        json.put("path", journey.steps());
        json.put("prompts", record.prompts());
        json.put("keys", call.getOrDefault("keys", ""));
        json.put("transcript", call.getOrDefault("transcript", ""));
        json.put("queue", call.getOrDefault("queue", ""));
        json.put("orderId", call.getOrDefault("orderId", ""));
        json.put("variables", Json.mapper().readValue(call.getOrDefault("variables", "{}"), Map.class));
        json.put("outcome", call.get("outcome"));
        json.put("callerSide", record.outcome());
        json.put("commands", record.commands());
        return json;
    }
}
