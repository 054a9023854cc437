package org.hotline.ivr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ch.qos.logback.classic.Level;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.ops.IvrConfig;
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
            out.printf("12345 IVR demo: FastAGI on 127.0.0.1:%d, HTTP on http://127.0.0.1:%d, Redis %s%n%n",
                    server.agiPort(), server.httpPort(), server.redis().address());
            out.flush();
            List<CallScenario> calls = scenarios(Duration.ofMillis(promptMillis));
            List<CompletableFuture<CallRecord>> running = calls.stream()
                    .map(call -> client.call(call, event -> print(out, event)))
                    .toList();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            out.println();
            summarize(out, server, running);
            out.println("health: " + fetch("http://127.0.0.1:" + server.httpPort() + "/healthz"));
            out.flush();
            if (keepRunning) {
                out.printf("%nserver keeps running: place calls with AGI(agi://127.0.0.1:%d/demo); Ctrl-C to stop%n",
                        server.agiPort());
                queueForConsole(client, out, server.httpPort());
                out.flush();
                Thread.currentThread().join();
            }
        }
        return 0;
    }

    private static List<CallScenario> scenarios(Duration prompt) {
        return List.of(
                CallScenario.of("call-1", "demo", "13800138001").promptDuration(prompt).press("123"),
                CallScenario.of("call-2", "demo", "13900139002").language("en").promptDuration(prompt).press("42#"),
                CallScenario.of("call-3", "demo", "13700137003").promptDuration(prompt),
                CallScenario.of("call-4", "demo", "13600136004").promptDuration(prompt).hangUp(),
                CallScenario.of("call-5", "demo", "13500135005").promptDuration(prompt).press("9").hangUp());
    }

    private static final String[] DESCRIBED = {
        "我家楼下的垃圾站三天没人清运了，臭气熏天，在朝阳区双井街道富力城小区。",
        "海淀区中关村大街和北四环路口的红绿灯坏了，早高峰堵得很厉害。",
        "楼上邻居每天晚上十二点以后还在装修，电钻声音特别大，在东城区景山街道。"};

    /** Calls that describe a problem and wait in the queue until an operator at the console takes them. */
    private void queueForConsole(SimClient client, PrintWriter out, int httpPort) {
        for (int i = 0; i < consoleCalls; i++) {
            client.call(CallScenario.of("console-" + (i + 1), "console-demo", "1390013900" + i)
                    .promptDuration(Duration.ofMillis(promptMillis)).press(Integer.toString(i % 3 + 1))
                    .variable("DEMO_DESCRIPTION", DESCRIBED[i % DESCRIBED.length]).variable("DEMO_TALK_SECONDS", "90"));
        }
        if (consoleCalls > 0) {
            out.printf("%d calls wait for a seat: open http://127.0.0.1:%d/console/ (seat 1001, password demo1001),"
                    + " go ready; wallboard: http://127.0.0.1:%d/wallboard/ (9001, demo9001)%n", consoleCalls, httpPort, httpPort);
        }
    }

    private static void summarize(PrintWriter out, IvrServer server, List<CompletableFuture<CallRecord>> calls) {
        out.println("what Redis holds for each call (ivr:call:<id> and its steps):");
        for (CompletableFuture<CallRecord> call : calls) {
            CallRecord record = call.join();
            String key = "ivr:call:" + record.uniqueId();
            String outcome = server.redis().call("demo summary", jedis -> jedis.hget(key, "outcome"));
            List<String> steps = server.redis().call("demo summary", jedis -> jedis.lrange(key + ":steps", 0, -1));
            out.printf("  %s (%s): caller side %s, keys '%s', server outcome %s, %d steps%n", record.name(), key,
                    record.outcome(), record.keys(), outcome, steps.size());
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
