package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.ivr.queue.QueueStats;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallEvent;
import org.hotline.ivr.testcall.TestCallPlan;
import org.hotline.ivr.testcall.TestCallResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many citizens at once on the 12345 flow through one real Asterisk, the scenarios mixed: Mandarin and English
 * callers who describe and wait for a seat (talking briefly if one answers), callers who end the description
 * with #, who hang up in the menu, and who hang up while describing. Every call must end with its journal
 * written, every described problem must have its draft order, and the queue's books must balance (entered =
 * answered + abandoned). {@code -De2e.calls=100} for the benchmark size (default 20); figures are printed and
 * written to {@code target/bench-asterisk-mixed.txt}, never asserted.
 */
@ExtendWith(AsteriskExtension.class)
class MixedCallsThroughAsteriskTest {

    private static final List<String> SEATS = List.of("1001", "1002", "1003", "1004");

    /** What one simulated citizen does. */
    enum Kind { MANDARIN_QUEUED, ENGLISH_QUEUED, HASH_ENDS_DESCRIPTION, HANGUP_IN_MENU, HANGUP_WHILE_DESCRIBING }

    @BeforeAll
    static void prompts(AsteriskRig rig) throws Exception {
        Hotline.installSpokenPrompts(rig);
    }

    @Test
    void mixedConcurrentCallsAllCompleteAndNoneIsLost(AsteriskRig rig) throws Exception {
        int calls = Integer.getInteger("e2e.calls", 20);
        SEATS.forEach(seat -> Hotline.seatReady(rig, seat));
        QueueStats before = Hotline.stats(rig);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long cpuBefore = os.getProcessCpuTime();
        Duration asteriskCpuBefore = rig.asterisk().cpuTime();
        long begin = System.nanoTime();
        List<Kind> kinds = new ArrayList<>();
        List<CompletableFuture<TestCallResult>> running = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Kind kind = Kind.values()[i % Kind.values().length];
            kinds.add(kind);
            running.add(place(rig, kind, i).result());
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(calls * 3L + 180, TimeUnit.SECONDS);
        Duration wall = Duration.ofNanos(System.nanoTime() - begin);
        long cpu = os.getProcessCpuTime() - cpuBefore;
        Duration asteriskCpu = rig.asterisk().cpuTime().minus(asteriskCpuBefore);
        long peakHeap = usedHeapMiB();

        Hotline.awaitGone(rig, System.nanoTime(), Duration.ofSeconds(10));
        List<TestCallResult> results = running.stream().map(CompletableFuture::join).toList();
        Tally tally = new Tally();
        for (int i = 0; i < calls; i++) {
            check(rig, i, kinds.get(i), results.get(i), tally);
        }
        QueueStats after = Hotline.stats(rig);
        long entered = sum(after, QueueStats.Queue::entered) - sum(before, QueueStats.Queue::entered);
        long answered = sum(after, QueueStats.Queue::answered) - sum(before, QueueStats.Queue::answered);
        long abandoned = sum(after, QueueStats.Queue::abandoned) - sum(before, QueueStats.Queue::abandoned);
        assertThat(entered).as("calls that entered a queue").isEqualTo(tally.queued);
        assertThat(answered + abandoned).as("answered %d + abandoned %d", answered, abandoned).isEqualTo(entered);
        assertThat(answered).as("calls a seat answered").isPositive();
        Hotline.logOutAllSeats(rig);
        report(rig, calls, results, wall, cpu, asteriskCpu, peakHeap, tally, answered, abandoned);
    }

    private static TestCall place(AsteriskRig rig, Kind kind, int i) {
        String caller = String.valueOf(13800000000L + i);
        int sample = 1 + i % 8;
        TestCallPlan plan = switch (kind) {
            case MANDARIN_QUEUED, HASH_ENDS_DESCRIPTION, HANGUP_WHILE_DESCRIBING -> TestCallPlan.hotline(caller)
                    .keys("1,1," + (1 + i % 3)).speech(Hotline.sample("zh-0" + sample));
            case ENGLISH_QUEUED -> TestCallPlan.hotline(caller).language("en").keys("2,1," + (1 + i % 3))
                    .speech(Hotline.sample("en-0" + sample));
            case HANGUP_IN_MENU -> TestCallPlan.hotline(caller).keys("1");
        };
        AtomicBoolean hungUp = new AtomicBoolean();
        TestCall[] call = new TestCall[1];
        Runnable hangUp = () -> {
            if (hungUp.compareAndSet(false, true)) {
                call[0].hangUpCitizen();
            }
        };
        call[0] = rig.place(plan.timeout(Duration.ofSeconds(240)), event -> react(kind, event, call[0], hangUp));
        return call[0];
    }

    /** The citizen's part, on AMI's event thread: never blocks, acts later. */
    private static void react(Kind kind, TestCallEvent event, TestCall call, Runnable hangUp) {
        boolean command = event.kind().equals("AGI>");
        if (kind == Kind.HANGUP_IN_MENU && command && event.detail().startsWith("STREAM FILE \"main-menu\"")) {
            Hotline.later(Duration.ofMillis(500), hangUp);
        } else if (kind == Kind.HANGUP_WHILE_DESCRIBING && event.kind().equals("speak")) {
            Hotline.later(Duration.ofSeconds(2), hangUp);
        } else if (kind == Kind.HASH_ENDS_DESCRIPTION && event.kind().equals("speak")) {
            Hotline.later(Duration.ofSeconds(2), () -> call.press("#"));
        } else if (command && event.detail().startsWith("EXEC \"StartMusicOnHold\"")) {
            Hotline.later(Duration.ofSeconds(8), hangUp); // waited long enough: gives up
        } else if (command && event.detail().startsWith("EXEC \"Dial\"")) {
            Hotline.later(Duration.ofSeconds(4), hangUp); // a short word with the seat
        }
    }

    /** What every call must show, whatever the load did to its timing. */
    private static void check(AsteriskRig rig, int i, Kind kind, TestCallResult result, Tally tally) {
        assertThat(result.timedOut()).as("call %d (%s) timed out: %s", i, kind, result.events()).isFalse();
        Map<String, String> journal = DemoCallThroughAsteriskTest.journal(rig, result.ivrLegId());
        String outcome = journal.getOrDefault("outcome", "");
        assertThat(journal).as("call %d (%s) journal", i, kind).containsKey("ended");
        boolean described = result.agiCommands().stream().anyMatch(c -> c.startsWith("EXEC \"AudioSocket\""));
        switch (kind) {
            case HANGUP_IN_MENU -> assertThat(outcome).as("call %d", i).startsWith("caller-hangup at");
            case HANGUP_WHILE_DESCRIBING -> assertThat(outcome).as("call %d", i).isEqualTo("caller-hangup at describe-problem");
            default -> assertThat(outcome).as("call %d (%s)", i, kind).startsWith("queued: ");
        }
        if (described) {
            assertThat(Path.of(Hotline.draftOrder(rig, result.ivrLegId()).recordingPath()))
                    .as("call %d recording", i).isRegularFile();
            tally.orders++;
        }
        if (outcome.startsWith("queued: ")) {
            tally.queued++;
        }
        if (kind == Kind.HASH_ENDS_DESCRIPTION
                && "described, ended by dtmf".equals(Hotline.step(rig, result.ivrLegId(), "describe-problem").get("result"))) {
            tally.endedByHash++;
        }
    }

    private static final class Tally {
        int queued;
        int orders;
        int endedByHash;
    }

    private static long sum(QueueStats stats, java.util.function.ToLongFunction<QueueStats.Queue> field) {
        return stats.queues().stream().mapToLong(field).sum();
    }

    /** Sum of the heap pools' peaks since the run began (an upper bound of the peak heap in use). */
    private static long usedHeapMiB() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }

    private static void report(AsteriskRig rig, int calls, List<TestCallResult> results, Duration wall, long cpuNanos,
                               Duration asteriskCpu, long heapMiB, Tally tally, long answered, long abandoned)
            throws Exception {
        List<Long> millis = results.stream().map(r -> r.duration().toMillis()).sorted().toList();
        String figures = String.format(
                "%d concurrent mixed 12345 calls through Asterisk: wall %.1f s, %.2f calls/s%n"
                        + "queued %d (a seat answered %d, abandoned %d), draft orders %d, # ended %d descriptions%n"
                        + "call duration min %d ms, median %d ms, max %d ms%n"
                        + "test JVM (server + AMI driver) CPU %.1f s, peak heap %d MiB of %d MiB;"
                        + " Asterisk CPU %.1f s%n"
                        + "machine: %d cores, load average %.1f%n",
                calls, wall.toMillis() / 1000.0, calls / (wall.toMillis() / 1000.0), tally.queued, answered, abandoned,
                tally.orders, tally.endedByHash, millis.get(0), millis.get(millis.size() / 2),
                millis.get(millis.size() - 1), cpuNanos / 1e9, heapMiB, Runtime.getRuntime().maxMemory() >> 20,
                asteriskCpu.toMillis() / 1000.0, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.print(figures);
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("bench-asterisk-mixed.txt"), figures);
    }
}
