package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.testcall.TestCallPlan;
import org.hotline.ivr.testcall.TestCallResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many citizens at once through one real Asterisk: every call completes with its keys read and its journal
 * written, and Asterisk complains about nothing. {@code -De2e.calls=100} for the benchmark figures, which
 * are printed and written to {@code target/bench-asterisk.txt} (never asserted).
 */
@ExtendWith(AsteriskExtension.class)
class ConcurrentCallsThroughAsteriskTest {

    @Test
    void concurrentDemoCallsAllCompleteAndNoneIsLost(AsteriskRig rig) throws Exception {
        int calls = Integer.getInteger("e2e.calls", 20);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        Duration asteriskCpuBefore = rig.asterisk().cpuTime();
        long begin = System.nanoTime();
        List<CompletableFuture<TestCallResult>> running = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String digits = String.valueOf(1000 + i);
            running.add(rig.place(TestCallPlan.hotline(String.valueOf(13800000000L + i)).to("ivr-check", "demo")
                    .keys("," + digits).timeout(Duration.ofSeconds(90))).result());
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        Duration wall = Duration.ofNanos(System.nanoTime() - begin);
        long cpu = os.getProcessCpuTime() - cpuBefore;
        Duration asteriskCpu = rig.asterisk().cpuTime().minus(asteriskCpuBefore);

        List<TestCallResult> results = running.stream().map(CompletableFuture::join).toList();
        int keysInTime = 0;
        for (int i = 0; i < calls; i++) {
            TestCallResult result = results.get(i);
            assertThat(result.timedOut()).as("call %d timed out: %s", i, result.events()).isFalse();
            assertThat(DemoCallThroughAsteriskTest.journal(rig, result.ivrLegId())).as("call %d", i)
                    .containsEntry("outcome", "completed");
            List<String> steps = DemoCallThroughAsteriskTest.steps(rig, result.ivrLegId());
            // Each call's own digits, or a timeout when the machine was too loaded to press them within
            // GET DATA's 5 s (AMI events then arrive late): never another call's digits.
            assertThat(steps).as("call %d", i).anyMatch(step -> step.endsWith("get-data " + digitsOf(result))
                    || step.endsWith("get-data (timeout)"));
            keysInTime += steps.stream().anyMatch(step -> step.endsWith("get-data " + digitsOf(result))) ? 1 : 0;
        }
        report(rig, calls, results, wall, cpu, asteriskCpu, keysInTime);
    }

    /** The keys this call's citizen was told to press at GET DATA (its second key-reading prompt). */
    private static String digitsOf(TestCallResult result) {
        return result.keysPressed();
    }

    private static void report(AsteriskRig rig, int calls, List<TestCallResult> results, Duration wall, long cpuNanos,
                               Duration asteriskCpu, int keysInTime) throws Exception {
        List<Long> millis = results.stream().map(r -> r.duration().toMillis()).sorted().toList();
        Runtime jvm = Runtime.getRuntime();
        String figures = String.format(
                "Asterisk start (start script to fully booted): %d ms%n"
                        + "%d concurrent demo calls through Asterisk: wall %.1f s, %.2f calls/s%n"
                        + "keys read within GET DATA's timeout: %d of %d calls%n"
                        + "call duration min %d ms, median %d ms, max %d ms%n"
                        + "test JVM (server + AMI driver) CPU %.1f s, heap used %d MiB of %d MiB; Asterisk CPU %.1f s%n"
                        + "machine: %d cores, load average %.1f%n",
                rig.asterisk().startup().toMillis(), calls, wall.toMillis() / 1000.0,
                calls / (wall.toMillis() / 1000.0), keysInTime, calls, millis.get(0), millis.get(millis.size() / 2),
                millis.get(millis.size() - 1), cpuNanos / 1e9,
                (jvm.totalMemory() - jvm.freeMemory()) >> 20, jvm.maxMemory() >> 20, asteriskCpu.toMillis() / 1000.0,
                jvm.availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.print(figures);
        TestCallResult slowest = results.stream().max(java.util.Comparator.comparing(TestCallResult::duration)).orElseThrow();
        slowest.events().forEach(event -> System.out.println("slowest call: " + event));
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("bench-asterisk.txt"), figures);
    }
}
