package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
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
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.FlowLoader;
import org.hotline.ivr.flow.FlowServices;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.SeatConfig;
import org.hotline.ivr.speech.CallRecordings;
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
 * {@code ./ivr flow simulate FLOW --press 1,2 --say caller.wav ...}: starts a production node in this process (the
 * configuration's seats, queues and order rules; an embedded Redis, free ports, no AMI), logs every seat in ready,
 * places one simulated call on the flow over real FastAGI and AudioSocket, and prints the path, prompts, the
 * description's recording, the draft order the order part wrote and the queue's outcome. The simulator plays
 * Asterisk and the seats (a Dial to a seat's device is answered). Steps run in the order given on the command line.
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

    @Option(names = "--keep", paramLabel = "DIR",
            description = "keep what the node wrote (recordings, Redis dump, spool) in DIR; default: a temporary folder deleted on exit")
    Path keep;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LogSetup.level("org.hotline.ivr", Level.WARN);
        Path file = FlowFiles.resolve(flow);
        Flow loaded = new FlowLoader().load(file);
        Path scratch = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("ivr-simulate");
        try (IvrServer server = IvrServer.start(production(config.load(), file, scratch), UnaryOperator.identity(),
                services -> pinned(services, loaded));
             SimClient sim = new SimClient("127.0.0.1", server.agiPort(), true)) {
            List<String> seats = seatsAnswer(server);
            CallRecord record = sim.call(scenario(loaded.name())).get(5, TimeUnit.MINUTES);
            JourneyStore.Journey journey = server.flows().runner().journeys().read(record.uniqueId());
            Optional<DraftOrder> order = orderOf(server, journey);
            List<CallRecordings.Recording> recordings = server.speech().callRecordings().list(record.uniqueId());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.pretty().writeValueAsString(asJson(record, journey, order, recordings, seats)));
            } else {
                print(out, record, journey, order, recordings, seats);
            }
            out.flush();
        } finally {
            if (keep == null) {
                deleteQuietly(scratch);
            }
        }
        return 0;
    }

    /**
     * The node as configured, serving the flow's folder, with what it keeps (Redis, recordings, spool) in a scratch
     * folder and on free ports, and without AMI: no Asterisk is behind a simulated call.
     */
    static IvrConfig production(IvrConfig configured, Path flowFile, Path scratch) {
        IvrConfig base = configured.withPorts(0, 0, 0);
        return base
                .withPaths(base.paths().withFlows(flowFile.toAbsolutePath().getParent()))
                .withAmi(new IvrConfig.Ami(false, List.of(), base.ami().callback(), base.ami().survey()))
                .withRedis(new IvrConfig.Redis("", scratch.resolve("redis"), base.redis().timeout()))
                .withAudio(base.audio().withRecordings(scratch.resolve("recordings"))
                        .withConversations(scratch.resolve("conversations"), false))
                .withCalls(base.calls().withSpool(scratch.resolve("spool")));
    }

    /** What the command line pins: the clock conditions read, and how many calls they see waiting. */
    private FlowServices pinned(FlowServices services, Flow loaded) {
        if (at != null) {
            services = services.withClock(Clock.fixed(at.atZone(loaded.timezone()).toInstant(), loaded.timezone()));
        }
        if (queueWaiting == 0) {
            return services;
        }
        int waiting = queueWaiting;
        return services.withQueues(queue -> CompletableFuture.completedFuture(
                new FlowServices.QueueLoad(waiting, Duration.ofSeconds(waiting * 60L))));
    }

    /** Every seat of seats.yaml logs in ready; the simulator answers the Dial to its device as a seat would. */
    private static List<String> seatsAnswer(IvrServer server) throws Exception {
        CallDistributor distributor = server.queues().distributor();
        List<String> ids = distributor.setup().seats().stream().map(SeatConfig::id).toList();
        for (String id : ids) {
            distributor.login(id).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        return ids;
    }

    /** The draft order the call left in Redis, as the order part reads it back (empty without one). */
    private static Optional<DraftOrder> orderOf(IvrServer server, JourneyStore.Journey journey) {
        String orderId = journey.call().getOrDefault("orderId", "");
        return orderId.isEmpty() ? Optional.empty() : server.orders().store().get(orderId);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // A scratch folder under the system's temp; the OS cleans what is left.
        }
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

    private static void print(PrintWriter out, CallRecord record, JourneyStore.Journey journey,
                              Optional<DraftOrder> order, List<CallRecordings.Recording> recordings, List<String> seats) {
        Map<String, String> call = journey.call();
        out.printf("call %s to flow %s (version %s) from %s%n", record.uniqueId(), call.get("flow"),
                call.get("version"), call.get("caller"));
        for (Map<String, String> step : journey.steps()) {
            out.printf("  %-20s %-10s %-8s %s%n", step.get("node"), step.get("type"),
                    step.get("input").isEmpty() ? "" : "[" + step.get("input") + "]", step.get("result"));
        }
        for (Map<String, String> note : journey.notes()) {
            out.printf("  %-20s %-10s %-8s %s%n", note.get("node"), "", "", "* " + note.get("result"));
        }
        out.println("prompts:    " + String.join(", ", record.prompts()));
        out.println("keys:       " + call.getOrDefault("keys", ""));
        out.println("language:   " + call.get("language"));
        out.println("transcript: " + (call.getOrDefault("transcript", "").isEmpty() ? "(none)" : call.get("transcript")));
        for (CallRecordings.Recording recording : recordings) {
            out.printf("recording:  %s %d ms %s%n", recording.kind(), recording.durationMillis(), recording.path());
        }
        out.println("queue:      " + (call.getOrDefault("queue", "").isEmpty() ? "(none)" : call.get("queue"))
                + " (simulated seats " + String.join(", ", seats) + " answer)");
        out.println("order:      " + order.map(o -> o.orderId() + " " + o.status().name().toLowerCase(java.util.Locale.ROOT)
                + ", " + o.category() + (o.subCategory().isEmpty() ? "" : "/" + o.subCategory()) + ", urgency "
                + o.urgency()).orElse("(none)"));
        out.println("outcome:    " + call.get("outcome"));
    }

    private static Map<String, Object> asJson(CallRecord record, JourneyStore.Journey journey, Optional<DraftOrder> order,
                                              List<CallRecordings.Recording> recordings, List<String> seats)
            throws Exception {
        Map<String, String> call = journey.call();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("callId", record.uniqueId());
        json.put("flow", call.get("flow"));
        json.put("version", call.get("version"));
        json.put("caller", call.get("caller"));
        json.put("language", call.get("language"));
        json.put("path", journey.steps());
        json.put("notes", journey.notes());
        json.put("prompts", record.prompts());
        json.put("keys", call.getOrDefault("keys", ""));
        json.put("transcript", call.getOrDefault("transcript", ""));
        json.put("recordings", recordings);
        json.put("queue", call.getOrDefault("queue", ""));
        json.put("seats", seats);
        json.put("orderId", call.getOrDefault("orderId", ""));
        json.put("order", order.orElse(null));
        json.put("variables", Json.mapper().readValue(call.getOrDefault("variables", "{}"), Map.class));
        json.put("outcome", call.get("outcome"));
        json.put("callerSide", record.outcome());
        json.put("commands", record.commands());
        return json;
    }
}
