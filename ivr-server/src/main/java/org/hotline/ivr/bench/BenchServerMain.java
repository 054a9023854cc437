package org.hotline.ivr.bench;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.util.ServerSocketFacade;
import org.hotline.ivr.agi.AgiMetrics;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.agi.FastAgiServer;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One benchmarked FastAGI server in a JVM of its own, started by {@link BenchServerProcess}. It serves
 * on a loopback port and answers the benchmark on stdin/stdout, one request a line and one
 * {@value #PREFIX}JSON line back: {@code window-start}, {@code window}, {@code memory} (after a full GC),
 * {@code jit} (compile time and compiler threads' CPU so far), {@code totals}, {@code quit}. Logs go to stderr.
 */
@Command(name = "bench-server", description = "A FastAGI server under benchmark (started by ./ivr bench agi).")
public final class BenchServerMain implements Callable<Integer> {

    static final String PREFIX = "BENCH ";
    private static final Logger log = LoggerFactory.getLogger(BenchServerMain.class);
    private static final Duration ENVIRONMENT_DEADLINE = Duration.ofSeconds(60);

    @Option(names = "--kind", required = true, description = "netty, asterisk-java or floor")
    String kind;

    @Option(names = "--commands", defaultValue = "20", description = "commands per load call")
    int commands;

    @Option(names = "--pool", defaultValue = "1000", description = "asterisk-java: thread pool size (core)")
    int pool;

    @Option(names = "--max-pool", defaultValue = "2100", description = "asterisk-java: maximum thread pool size")
    int maxPool;

    @Option(names = "--threads", defaultValue = "0", description = "netty: event loop threads (0: one per core)")
    int threads;

    private final BenchProbe probe = new BenchProbe(BenchServerMain::processCpuNanos, KernelTime::nanos,
            CompilerCpu::nanos);
    private final ObjectMapper json = Json.mapper();
    private final PrintStream out = System.out;

    public static void main(String[] args) {
        int code = new CommandLine(new BenchServerMain()).execute(args);
        System.out.flush();
        stopRecordings();
        // halt, not exit: an orderly JVM exit with thousands of call threads takes minutes, and this
        // process has nothing to flush or save.
        Runtime.getRuntime().halt(code);
    }

    /** A profile asked for with -XX:StartFlightRecording is written at stop; halt would skip that. */
    private static void stopRecordings() {
        for (Recording recording : FlightRecorder.isInitialized() ? FlightRecorder.getFlightRecorder().getRecordings()
                : List.<Recording>of()) {
            recording.stop();
            recording.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        // A benchmark interrupted (Ctrl-C, kill) must not leave a server holding thousands of sockets.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        int port = switch (ServerKind.of(kind)) {
            case NETTY -> startNetty();
            case ASTERISK_JAVA -> startAsteriskJava();
            case FLOOR -> startFloor();
        };
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("port", port);
        ready.put("pid", ProcessHandle.current().pid());
        answer(ready);
        serveRequests();
        return 0;
    }

    private int startNetty() throws InterruptedException {
        int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        IvrConfig.Agi defaults = ConfigLoader.defaultsOnly().agi();
        // asterisk-java waits for the environment without a deadline; ours gets a generous one, so that a
        // starved machine measures slowness rather than refused calls.
        IvrConfig.Agi agi = new IvrConfig.Agi("127.0.0.1", 0, List.of("127.0.0.0/8"), ENVIRONMENT_DEADLINE,
                defaults.idleTimeout(), defaults.maxLineLength(), defaults.maxVariables(), defaults.hangupGrace());
        NettyBenchScript script = new NettyBenchScript(probe, commands);
        AgiScripts scripts = new AgiScripts().register(CommandMix.LOAD_SCRIPT, script)
                .register(CommandMix.IDLE_SCRIPT, script);
        // The process lives as long as the benchmark needs it; exit tears the server down.
        FastAgiServer server = FastAgiServer.start(agi, new NettyTransport(loops), scripts,
                new AgiMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        return server.port();
    }

    private int startFloor() throws InterruptedException {
        int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return FloorServer.start(new NettyTransport(loops), probe, commands).port();
    }

    private int startAsteriskJava() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probeSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probeSocket.getLocalPort();
        }
        CountDownLatch listening = new CountDownLatch(1);
        DefaultAgiServer server = new DefaultAgiServer(new AsteriskJavaBenchScript(probe, commands)) {
            @Override
            protected ServerSocketFacade createServerSocket() throws IOException {
                ServerSocketFacade socket = super.createServerSocket();
                listening.countDown();
                return socket;
            }
        };
        server.setAddress(InetAddress.getLoopbackAddress());
        server.setPort(port);
        server.setPoolSize(pool);
        server.setMaximumPoolSize(Math.max(pool, maxPool));
        Thread acceptor = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException e) {
                log.error("asterisk-java server failed", e);
            }
        }, "asterisk-java-agi");
        acceptor.setDaemon(true);
        acceptor.start();
        if (!listening.await(30, TimeUnit.SECONDS)) {
            throw new IOException("asterisk-java server did not listen on port " + port + " within 30 s");
        }
        return port;
    }

    private void serveRequests() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "window-start" -> {
                    probe.startWindow();
                    answer(Map.of("ok", true));
                }
                case "window" -> answer(probe.window());
                case "status" -> answer(Map.of("inProgress", probe.inProgress()));
                case "jit" -> answer(Map.of("compileMillis", ManagementFactory.getCompilationMXBean().getTotalCompilationTime(),
                        "compilerCpuMillis", CompilerCpu.nanos() / 1_000_000));
                case "memory" -> answer(memory());
                case "totals" -> answer(probe.totals());
                case "quit" -> {
                    return;
                }
                default -> answer(Map.of("error", "unknown request '" + line + "'"));
            }
        }
    }

    /** Heap in use after a full collection: what the calls in progress really hold. */
    private Map<String, Object> memory() {
        int calls = probe.inProgress();
        System.gc();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inProgress", calls);
        out.put("heapUsedAfterGcBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        out.put("heapMaxBytes", Runtime.getRuntime().maxMemory());
        out.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void answer(Map<String, Object> fields) throws IOException {
        synchronized (out) {
            out.println(PREFIX + json.writeValueAsString(fields));
            out.flush();
        }
    }
}
