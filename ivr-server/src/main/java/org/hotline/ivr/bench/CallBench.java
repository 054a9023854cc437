package org.hotline.ivr.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.ops.PasswordHash;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;

/**
 * {@code ./ivr bench calls}: whole 12345 calls on one real node ({@link IvrServer}: embedded Redis, FastAGI, AudioSocket,
 * the shipped flow, the call distributor, draft orders), driven by simulated citizens in the same JVM on event loops
 * of their own. A closed loop: each of N slots places a call, and when it ends places the next. The first
 * {@code describing} slots are citizens who report a problem (Mandarin, report, help), describe it by streaming a
 * speech sample in real time in 20 ms frames, wait in the queue and talk briefly with the seat; the other slots
 * ask for an operator (key 0), wait in the queue and talk {@code talk}. Seats are logged in ready and answer every
 * Dial the node sends them; after each conversation a seat wraps up as its queue says, then takes the next call.
 */
public final class CallBench {

    private static final String GENERATOR = "citizens";
    private static final String FLOW = "12345";
    private static final String[] SAMPLES = {"zh-01.wav", "zh-02.wav", "zh-03.wav", "zh-04.wav", "zh-05.wav",
            "zh-06.wav", "zh-07.wav", "zh-08.wav"};

    private final CallBenchSettings settings;
    private final PrintWriter progress;

    public CallBench(CallBenchSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public List<CallLevelResult> run() throws Exception {
        if (!Files.isDirectory(settings.samples())) {
            throw new IllegalArgumentException("no speech samples at " + settings.samples() + " (../shared/speech-samples)");
        }
        List<CallLevelResult> results = new ArrayList<>();
        for (int calls : settings.levels()) {
            say("%d calls, %d describing ...", calls, Math.min(calls, settings.describing()));
            CallLevelResult result = runLevel(calls);
            results.add(result);
            say("  command p99 %.1f ms, frame p99 %.1f ms, %.2f CPU s per call-minute, %s heap per call, %d of %d ended"
                            + " calls failed, %d still on the line, drafts %d of %d described%s",
                    result.commandP99Micros() / 1000.0, result.frameP99Micros() / 1000.0, result.cpuSecondsPerCallMinute(),
                    kb(result.heapBytesPerCall()), result.failed(), result.ended(), result.stillInProgress(),
                    result.drafts(), result.described(),
                    result.firstFailure().isEmpty() ? "" : " (first failure: " + result.firstFailure() + ")");
        }
        return results;
    }

    private CallLevelResult runLevel(int calls) throws Exception {
        int describers = Math.min(calls, settings.describing());
        int seats = calls * settings.seatsPerCall();
        Path dir = Files.createTempDirectory("ivr-bench-calls-");
        FrameClock[] clock = new FrameClock[1];
        try (IvrServer node = IvrServer.start(nodeConfig(dir, seats), real -> clock[0] = new FrameClock(real));
             NettyTransport generator = new NettyTransport(GENERATOR, Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            if (node.flows().library().find(FLOW).isEmpty()) {
                // Without its flow the node closes every call at once, and a closed loop would count thousands of
                // "calls" that never reached a menu.
                throw new IllegalStateException("the node did not load flow " + FLOW + " from "
                        + node.flows().library().directory() + " (its log says why); nothing to measure");
            }
            CallDistributor distributor = node.queues().distributor();
            List<CompletableFuture<Void>> logins = new ArrayList<>();
            for (int i = 1; i <= seats; i++) {
                logins.add(distributor.login(seatId(i)).toCompletableFuture());
            }
            CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            long idleHeap = heapAfterGc();
            SimClient citizens = new SimClient(generator, "127.0.0.1", node.agiPort(), false, clock[0]);
            Load load = new Load(citizens, calls, describers);
            return load.measure(node, clock[0], seats, idleHeap);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The shipped configuration on free loopback ports, its data in {@code dir}, with {@code seats} seats of its own. */
    private IvrConfig nodeConfig(Path dir, int seats) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(Map.of("IVR_HOME", settings.home().toString(),
                "IVR_AGI_PORT", "0", "IVR_AUDIO_PORT", "0", "IVR_HTTP_PORT", "0", "IVR_HTTP_BIND", "127.0.0.1",
                "IVR_REDIS_DATA_DIR", dir.resolve("redis").toString(),
                "IVR_AUDIO_RECORDINGS", dir.resolve("recordings").toString(),
                "IVR_CALLS_SPOOL", dir.resolve("spool").toString(),
                "IVR_PATHS_SEATS", seatsFile(dir, seats).toString()));
        return new ConfigLoader(env).load(null);
    }

    /** Seats 100001.. speaking Mandarin, with the Mandarin line's skill; a cheap password hash (nobody logs in by web). */
    private static Path seatsFile(Path dir, int count) throws IOException {
        String hash = PasswordHash.create("bench".toCharArray(), 1000);
        StringBuilder yaml = new StringBuilder("seats:\n");
        for (int i = 1; i <= count; i++) {
            String id = seatId(i);
            yaml.append("  - id: \"").append(id).append("\"\n    name: Seat ").append(id)
                    .append("\n    device: Local/").append(id).append("@test-seat")
                    .append("\n    skills: {general: 5}\n    languages: [zh]\n    passwordHash: ").append(hash).append('\n');
        }
        Path file = dir.resolve("seats.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String seatId(int i) {
        return Integer.toString(100_000 + i);
    }

    /** The closed loop of one level and what it measures. */
    private final class Load {
        private final SimClient citizens;
        private final int calls;
        private final int describers;
        private final Recorder commands = new Recorder(3);
        private final AtomicLong started = new AtomicLong();
        private final AtomicLong ended = new AtomicLong();
        private final AtomicLong completed = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<String> firstFailure = new AtomicReference<>("");
        private final Queue<String> describedIds = new ConcurrentLinkedQueue<>();
        private volatile boolean stopping;

        Load(SimClient citizens, int calls, int describers) {
            this.citizens = citizens;
            this.calls = calls;
            this.describers = describers;
        }

        CallLevelResult measure(IvrServer node, FrameClock frames, int seats, long idleHeap) throws Exception {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    new DefaultThreadFactory(GENERATOR + "-timer", true));
            try {
                long intervalNanos = TimeUnit.SECONDS.toNanos(1) / settings.rampPerSecond();
                for (int slot = 0; slot < calls; slot++) {
                    int s = slot;
                    timer.schedule(() -> place(s), slot * intervalNanos, TimeUnit.NANOSECONDS);
                }
                long openNanos = calls * intervalNanos;
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(openNanos) + settings.warmup().toMillis());

                String loadStart = MachineInfo.currentLoadAverage();
                commands.getIntervalHistogram();
                frames.latency().getIntervalHistogram();
                Cpu cpuStart = Cpu.now();
                List<Integer> onLine = new ArrayList<>();
                List<Integer> describing = new ArrayList<>();
                var sampler = timer.scheduleAtFixedRate(() -> {
                    synchronized (onLine) {
                        onLine.add((int) (started.get() - ended.get()));
                        describing.add(frames.describing());
                    }
                }, 500, 1000, TimeUnit.MILLISECONDS);
                long windowStart = System.nanoTime();
                Thread.sleep(settings.window().toMillis());
                double seconds = (System.nanoTime() - windowStart) / 1e9;
                Cpu cpuEnd = Cpu.now();
                Histogram command = commands.getIntervalHistogram();
                Histogram frame = frames.latency().getIntervalHistogram();
                sampler.cancel(false);
                String loadEnd = MachineInfo.currentLoadAverage();
                int inProgressNow = (int) (started.get() - ended.get());
                long heap = heapAfterGc();

                stopping = true;
                long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
                while (started.get() > ended.get() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                long still = started.get() - ended.get();
                List<String> described = List.copyOf(describedIds);
                long drafts = described.stream().filter(id -> hasDraft(node, id)).count();

                double meanOnLine;
                double meanDescribing;
                int peakDescribing;
                synchronized (onLine) {
                    meanOnLine = onLine.stream().mapToInt(Integer::intValue).average().orElse(inProgressNow);
                    meanDescribing = describing.stream().mapToInt(Integer::intValue).average().orElse(0);
                    peakDescribing = describing.stream().mapToInt(Integer::intValue).max().orElse(0);
                }
                double nodeCpu = cpuEnd.node() - cpuStart.node();
                double redisCpu = cpuEnd.redis() - cpuStart.redis();
                double callMinutes = meanOnLine * seconds / 60;
                return new CallLevelResult(calls, describers, seats, seconds, meanOnLine, meanDescribing, peakDescribing,
                        command.getTotalCount(), command.getValueAtPercentile(50), command.getValueAtPercentile(99),
                        command.getMaxValue(), frame.getTotalCount(), frame.getValueAtPercentile(50),
                        frame.getValueAtPercentile(99), frame.getMaxValue(), nodeCpu, redisCpu,
                        callMinutes > 0 ? (nodeCpu + redisCpu) / callMinutes : 0, idleHeap, heap,
                        inProgressNow > 0 ? Math.max(0, heap - idleHeap) / inProgressNow : 0,
                        completed.get() + failed.get(), completed.get(), failed.get(), still, described.size(), drafts,
                        firstFailure.get(), loadStart, loadEnd);
            } finally {
                stopping = true;
                timer.shutdownNow();
            }
        }

        /** One slot's next call; when it ends, the slot places another until the level stops. */
        private void place(int slot) {
            if (stopping) {
                return;
            }
            boolean describes = slot < describers;
            long n = started.incrementAndGet();
            CallScenario scenario = describes ? describer(slot, n) : caller(slot, n);
            CompletableFuture<CallRecord> call;
            try {
                call = citizens.call(scenario, new CommandClock(commands));
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.orTimeout(settings.drainTimeout().toMillis() + settings.talk().toMillis() * 2, TimeUnit.MILLISECONDS)
                    .whenComplete((record, error) -> {
                        ended.incrementAndGet();
                        String problem = error != null ? error.toString()
                                : "completed".equals(record.outcome()) ? null : "call ended " + record.outcome();
                        if (problem == null) {
                            completed.incrementAndGet();
                            if (describes) {
                                describedIds.add(record.uniqueId());
                            }
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet("", problem);
                        }
                        place(slot);
                    });
        }

        private CallScenario describer(int slot, long n) {
            Path wav = settings.samples().resolve(SAMPLES[(int) (n % SAMPLES.length)]);
            return CallScenario.of("describer-" + slot, FLOW, caller(n)).promptDuration(settings.prompt())
                    .realTimeAudio(true).press("1").press("1").press("2").say(wav).talk(settings.describerTalk());
        }

        private CallScenario caller(int slot, long n) {
            return CallScenario.of("caller-" + slot, FLOW, caller(n)).promptDuration(settings.prompt())
                    .press("1").press("0").talk(settings.talk());
        }

        private static String caller(long n) {
            return "138" + String.format("%08d", n % 100_000_000L);
        }
    }

    private static boolean hasDraft(IvrServer node, String callId) {
        String orderId = node.flows().runner().journeys().read(callId).call().getOrDefault("orderId", "");
        return !orderId.isEmpty() && node.orders().store().get(orderId).isPresent();
    }

    /** CPU seconds so far of the node: this JVM less the simulated callers' threads, and its redis-server. */
    private record Cpu(double node, double redis) {
        static Cpu now() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long generator = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith(GENERATOR)) {
                    generator += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Cpu((process - generator) / 1e9, redisCpuSeconds());
        }

        /** user + system time of the embedded redis-server this JVM started, from /proc/PID/stat (0 if none). */
        private static double redisCpuSeconds() {
            return ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                    .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
                    .sum();
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String kb(long bytes) {
        return String.format("%.1f KB", bytes / 1024.0);
    }

    private void say(String format, Object... args) {
        progress.printf(format + "%n", args);
        progress.flush();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
