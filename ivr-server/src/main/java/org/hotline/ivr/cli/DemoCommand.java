package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.demo.DemoScripts;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.hotline.ivr.sim.SimEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ivr demo}: starts a server with its defaults (embedded Redis), drives a handful of simulated
 * calls through it over real FastAGI, and prints each call's conversation as it happens.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Start the server with its defaults and drive simulated calls through it.")
public final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Mixin
    ConfigOption config;

    @Option(names = "--prompt-ms", defaultValue = "250", description = "how long each simulated prompt plays (default ${DEFAULT-VALUE})")
    int promptMillis;

    @Option(names = "--keep-running", description = "keep the server up after the demo calls (Ctrl-C to stop)")
    boolean keepRunning;

    @Option(names = "--console-calls", defaultValue = "3",
            description = "with --keep-running: calls that wait in the queue for a seat console (default ${DEFAULT-VALUE})")
    int consoleCalls;

    @Option(names = "--verbose", description = "show the server's own log lines too")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!verbose) {
            LogSetup.level("org.hotline.ivr", Level.WARN);
        }
        IvrConfig loaded = freePortsIfTaken(config.load());
        try (IvrServer server = IvrServer.start(loaded);
             SimClient client = new SimClient("127.0.0.1", server.agiPort(), true)) {
            DemoScripts.register(server.scripts(), server.redis());
            out.printf("12345 IVR demo: FastAGI on 127.0.0.1:%d, HTTP on http://127.0.0.1:%d, Redis %s%n%n",
                    server.agiPort(), server.httpPort(), server.redis().address());
            out.flush();
            seatsReady(server);
            Path samples = Path.of(System.getenv().getOrDefault("IVR_HOME", ".")).resolve("../shared/speech-samples");
            List<CallScenario> calls = scenarios(Duration.ofMillis(promptMillis), samples);
            List<CompletableFuture<CallRecord>> running = calls.stream()
                    .map(call -> client.call(call, event -> print(out, event)))
                    .toList();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            out.println();
            summarize(out, server, running);
            out.println("health: " + fetch("http://127.0.0.1:" + server.httpPort() + "/healthz"));
            out.flush();
            if (keepRunning) {
                out.printf("%nserver keeps running: calls AGI(agi://127.0.0.1:%d/12345); Ctrl-C to stop%n",
                        server.agiPort());
                queueForConsole(server, client, out);
                out.flush();
                Thread.currentThread().join();
            }
        }
        return 0;
    }

    /** Citizens calling 12345, as a telecom engineer would try the flow: in two languages, by key and by voice. */
    private static List<CallScenario> scenarios(Duration prompt, Path samples) {
        CallScenario zh = CallScenario.of("zh-complaint", "12345", "13800138001").promptDuration(prompt)
                .press("1").press("1").press("1");
        CallScenario en = CallScenario.of("en-complaint", "12345", "13900139002").promptDuration(prompt)
                .press("2").press("1").press("1");
        if (Files.isDirectory(samples)) {
            zh = zh.say(samples.resolve("zh-01.wav"));
            en = en.say(samples.resolve("en-02.wav")).press("#");
        }
        return List.of(zh, en,
                CallScenario.of("progress", "12345", "13700137003").promptDuration(prompt)
                        .press("1").press("3").press("2026112500042#"),
                CallScenario.of("hangs-up", "12345", "13600136004").promptDuration(prompt).press("1").hangUp(),
                CallScenario.of("line-check", "demo", "13500135005").promptDuration(prompt).press("123"));
    }

    /** Demo seats log in and go ready so queued calls reach someone (passwords: demo1001 ... in seats.yaml). */
    private static void seatsReady(IvrServer server) throws Exception {
        CallDistributor distributor = server.queues().distributor();
        for (String seat : List.of("1001", "1002", "1003", "1004")) {
            distributor.login(seat).toCompletableFuture().get(10, TimeUnit.SECONDS);
            distributor.ready(seat).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Calls that describe a problem through the 12345 flow and wait in the queue until an operator takes them
     * at the console: the demo seats log out first, so the first seat to go ready in a browser gets the pop.
     */
    private void queueForConsole(IvrServer server, SimClient client, PrintWriter out) throws Exception {
        if (consoleCalls <= 0) {
            return;
        }
        CallDistributor distributor = server.queues().distributor();
        for (String seat : List.of("1001", "1002", "1003", "1004")) {
            distributor.logout(seat).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        Path samples = Path.of(System.getenv().getOrDefault("IVR_HOME", ".")).resolve("../shared/speech-samples");
        String[] said = {"zh-01.wav", "zh-05.wav", "zh-03.wav"};
        for (int i = 0; i < consoleCalls; i++) {
            CallScenario call = CallScenario.of("console-" + (i + 1), "12345", "1390013900" + i)
                    .promptDuration(Duration.ofMillis(promptMillis)).press("1").press("1").press("1");
            if (Files.isDirectory(samples)) {
                call = call.say(samples.resolve(said[i % said.length]));
            }
            // once a seat's device is dialled the simulated caller stays on the line, so the pop shows a live call
            client.call(call.talk(Duration.ofMinutes(10)));
        }
        int http = server.httpPort();
        out.printf("%d calls wait for a seat: open http://127.0.0.1:%d/console/ (seat 1001, password demo1001),"
                + " go ready; wallboard: http://127.0.0.1:%d/wallboard/ (9001, demo9001)%n", consoleCalls, http, http);
    }

    private static void summarize(PrintWriter out, IvrServer server, List<CompletableFuture<CallRecord>> calls) {
        out.println("what Redis holds for each call (ivr:call:<id>, and its draft order):");
        for (CompletableFuture<CallRecord> call : calls) {
            CallRecord record = call.join();
            Map<String, String> journal = server.flows().runner().journeys().read(record.uniqueId()).call();
            out.printf("  %-13s caller side: %s; server: %s, keys '%s', queue %s%n", record.name(), record.outcome(),
                    journal.getOrDefault("outcome", "?"), record.keys(), journal.getOrDefault("queue", "-"));
            String orderId = journal.getOrDefault("orderId", "");
            if (!orderId.isEmpty()) {
                server.orders().store().get(orderId).ifPresent(order -> out.printf(
                        "                order %s: %s / %s, %s %s, urgency %s, unit %s%n                transcript: %s%n",
                        order.orderId(), order.category(), order.subCategory(), order.district(), order.street(),
                        order.urgency(), order.handlingUnit(),
                        order.transcript().isEmpty() ? "(none without a speech model; recording kept: "
                                + (order.recordingPath().isEmpty() ? "none" : order.recordingPath()) + ")" : order.transcript()));
            }
        }
    }

    private static void print(PrintWriter out, SimEvent event) {
        synchronized (out) {
            out.printf("%s %s%n", CLOCK.format(LocalTime.now()), event);
            out.flush();
        }
    }

    private static String fetch(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The demo must run beside a real server on the default ports: it moves to free ones if they are taken. */
    private static IvrConfig freePortsIfTaken(IvrConfig config) {
        boolean taken = taken(config.agi().port()) || taken(config.audio().port()) || taken(config.http().port());
        return taken ? config.withPorts(0, 0, 0) : config;
    }

    private static boolean taken(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
