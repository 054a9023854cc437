package org.hotline.ivr.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a benchmarked server's script measures, the same way on both servers: each command's round
 * trip as the script sees it (send to reply), calls in progress, and call outcomes. Thread-safe:
 * asterisk-java records from a thread per call, Netty from its event loops.
 */
final class BenchProbe {

    private final Recorder latencyMicros = new Recorder(3);
    private final AtomicInteger inProgress = new AtomicInteger();
    private final LongAdder callsStarted = new LongAdder();
    private final LongAdder callsOk = new LongAdder();
    private final LongAdder callsFailed = new LongAdder();
    private final LongAdder commands = new LongAdder();
    private final LongSupplier cpuNanos;
    private final LongSupplier kernelNanos;
    private final LongSupplier jitNanos;
    private volatile long windowStart = System.nanoTime();
    private volatile long windowCpuStart;
    private volatile long windowKernelStart;
    private volatile long windowJitStart;

    /**
     * {@code cpuNanos}: the CPU time this process has used so far; {@code kernelNanos}: the part in the kernel;
     * {@code jitNanos}: the part its JIT compiler threads used.
     */
    BenchProbe(LongSupplier cpuNanos, LongSupplier kernelNanos, LongSupplier jitNanos) {
        this.cpuNanos = cpuNanos;
        this.kernelNanos = kernelNanos;
        this.jitNanos = jitNanos;
        this.windowCpuStart = cpuNanos.getAsLong();
        this.windowKernelStart = kernelNanos.getAsLong();
        this.windowJitStart = jitNanos.getAsLong();
    }

    void callStarted() {
        callsStarted.increment();
        inProgress.incrementAndGet();
    }

    void callEnded(boolean ok) {
        inProgress.decrementAndGet();
        (ok ? callsOk : callsFailed).increment();
    }

    void commandDone(long nanos) {
        commands.increment();
        latencyMicros.recordValue(Math.max(1, nanos / 1_000));
    }

    int inProgress() {
        return inProgress.get();
    }

    /** Starts a measurement window: what was recorded before is dropped. */
    void startWindow() {
        latencyMicros.getIntervalHistogram();
        windowStart = System.nanoTime();
        windowCpuStart = cpuNanos.getAsLong();
        windowKernelStart = kernelNanos.getAsLong();
        windowJitStart = jitNanos.getAsLong();
    }

    /** Commands and their latency since {@link #startWindow}; starts the next window. */
    Map<String, Object> window() {
        long now = System.nanoTime();
        long cpu = cpuNanos.getAsLong();
        long kernel = kernelNanos.getAsLong();
        long jit = jitNanos.getAsLong();
        Histogram h = latencyMicros.getIntervalHistogram();
        double seconds = (now - windowStart) / 1e9;
        double cpuSeconds = (cpu - windowCpuStart) / 1e9;
        windowStart = now;
        double kernelSeconds = (kernel - windowKernelStart) / 1e9;
        windowCpuStart = cpu;
        windowKernelStart = kernel;
        double jitSeconds = (jit - windowJitStart) / 1e9;
        windowJitStart = jit;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commands", h.getTotalCount());
        out.put("seconds", seconds);
        out.put("p50Micros", h.getValueAtPercentile(50));
        out.put("p99Micros", h.getValueAtPercentile(99));
        out.put("p999Micros", h.getValueAtPercentile(99.9));
        out.put("maxMicros", h.getMaxValue());
        out.put("meanMicros", h.getTotalCount() == 0 ? 0 : h.getMean());
        out.put("cpuSeconds", cpuSeconds);
        out.put("kernelSeconds", kernelSeconds);
        out.put("jitSeconds", jitSeconds);
        return out;
    }

    /** Counts over the server's whole life, to check that every call placed ran to its end. */
    Map<String, Object> totals() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("callsStarted", callsStarted.sum());
        out.put("callsOk", callsOk.sum());
        out.put("callsFailed", callsFailed.sum());
        out.put("commands", commands.sum());
        out.put("inProgress", inProgress.get());
        return out;
    }
}
