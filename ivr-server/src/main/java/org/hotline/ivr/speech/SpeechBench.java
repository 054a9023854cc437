package org.hotline.ivr.speech;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.hotline.ivr.audio.AudioMetrics;
import org.hotline.ivr.audio.AudioSocketServer;
import org.hotline.ivr.audio.AudioStreams;
import org.hotline.ivr.audio.Resampler;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Speech-path figures (BENCHMARKS.md): concurrent AudioSocket streams with frame latency, the
 * cost of resampling and endpointing per stream-second, and end-of-speech detection delay; with a
 * model under {@code --models-dir}, recognition real-time factor and last-frame-to-final latency.
 */
@Command(name = "bench-speech", mixinStandardHelpOptions = true, versionProvider = org.hotline.ivr.ops.VersionProvider.class, description = "Benchmark the AudioSocket and speech path.")
public final class SpeechBench implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--streams", defaultValue = "500", description = "Concurrent AudioSocket streams (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--seconds", defaultValue = "20", description = "How long each stream talks (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--samples", defaultValue = "../shared/speech-samples", description = "Folder of 8 kHz WAV utterances.")
    Path samplesDir;

    @Option(names = "--models-dir", description = "Vosk models, for the recognition figures (default: none).")
    Path modelsDir;

    private PrintWriter out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SpeechBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        List<WavAudio> samples = loadSamples();
        short[] speech = concat(samples);
        out.printf(Locale.ROOT, "machine: %d cores (load average %.1f at start), Java %s, %d samples (%.1f s of speech)%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"), samples.size(), speech.length / 8000.0);
        dspCost(speech);
        EndpointDelays.report(out, samples, ConfigLoader.defaultsOnly().audio().describeEndSilence());
        streamLoad(speech);
        RecognitionBench.report(out, modelsDir, samples);
        out.flush();
        return 0;
    }

    private List<WavAudio> loadSamples() throws Exception {
        List<WavAudio> samples = new ArrayList<>();
        if (!Files.isDirectory(samplesDir)) {
            throw new IllegalArgumentException("no samples folder " + samplesDir.toAbsolutePath() + " (--samples)");
        }
        try (Stream<Path> files = Files.list(samplesDir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                WavAudio audio = WavReader.read(file);
                if (audio.sampleRate() == 8000) {
                    samples.add(audio);
                }
            }
        }
        return samples;
    }

    private static short[] concat(List<WavAudio> samples) {
        int total = samples.stream().mapToInt(s -> s.samples().length).sum();
        short[] all = new short[total];
        int at = 0;
        for (WavAudio sample : samples) {
            System.arraycopy(sample.samples(), 0, all, at, sample.samples().length);
            at += sample.samples().length;
        }
        return all;
    }

    /** CPU per stream-second of the per-frame work every stream does, on one thread. */
    private void dspCost(short[] speech) {
        short[][] frames = new short[speech.length / 160][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Arrays.copyOfRange(speech, i * 160, i * 160 + 160);
        }
        double audioSeconds = frames.length * 0.02;
        for (int warm = 0; warm < 3; warm++) {
            timeResampler(frames);
            timeEndpointer(frames);
        }
        long resample = Long.MAX_VALUE;
        long endpoint = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            resample = Math.min(resample, timeResampler(frames));
            endpoint = Math.min(endpoint, timeEndpointer(frames));
        }
        out.printf(Locale.ROOT, "resampler 8->16 kHz (%d taps/phase): %.1f us per stream-second (%.3f%% of a core per stream)%n",
                new Resampler(8000, 16000).tapsPerPhase(),
                resample / 1e3 / audioSeconds, resample / 1e7 / audioSeconds);
        out.printf(Locale.ROOT, "endpointing: %.1f us per stream-second (%.4f%% of a core per stream)%n",
                endpoint / 1e3 / audioSeconds, endpoint / 1e7 / audioSeconds);
    }

    /** Thread CPU time, not wall time: the figure must not depend on what else the machine runs. */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long timeResampler(short[][] frames) {
        Resampler resampler = new Resampler(8000, 16000);
        long start = cpuNanos();
        long sink = 0;
        for (short[] frame : frames) {
            sink += resampler.process(frame).length;
        }
        return sink < 0 ? -1 : cpuNanos() - start;
    }

    private static long timeEndpointer(short[][] frames) {
        EndpointDetector detector = new EndpointDetector(8000,
                new EndpointSettings(Duration.ofMillis(250), Duration.ofHours(1)));
        long start = cpuNanos();
        for (short[] frame : frames) {
            detector.accept(frame);
        }
        return cpuNanos() - start;
    }

    /** The real server path (record, endpoint, resample) under {@code streams} real-time callers. */
    private void streamLoad(short[] speech) throws Exception {
        Path recordings = Files.createTempDirectory("bench-recordings");
        IvrConfig.Audio base = ConfigLoader.defaultsOnly().audio().withPort(0).withRecordings(recordings);
        IvrConfig.Audio audio = base.withBind("127.0.0.1", base.allowedPeers()).withIdleTimeout(Duration.ofMinutes(2));
        var osBean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService io = Executors.newFixedThreadPool(2);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (NettyTransport serverLoops = new NettyTransport(Runtime.getRuntime().availableProcessors());
             NettyTransport clientLoops = new NettyTransport(1);
             SpeechModels models = SpeechModels.start(recordings.resolve("no-models"));
             Recognizers recognizers = new Recognizers(models, 1, new SpeechMetrics(new SimpleMeterRegistry()))) {
            AudioStreams registry = new AudioStreams();
            AudioSocketServer server = AudioSocketServer.start(audio, serverLoops, registry,
                    new AudioMetrics(new SimpleMeterRegistry()));
            Descriptions descriptions = new Descriptions(registry, recognizers,
                    new RecordingStore(recordings, Duration.ofDays(1), Clock.systemUTC()), null, io, timer, Duration.ofMinutes(5));
            StreamLoad load = new StreamLoad();
            DescribeOptions template = new DescribeOptions("bench", "en", Duration.ofSeconds(seconds + 30L),
                    Duration.ofSeconds(3), Duration.ofSeconds(30), List.of(), 0);
            List<UUID> uuids = StreamLoad.expect(streams, registry, descriptions, load, template);
            long cpu0 = osBean.getProcessCpuTime();
            long wall0 = System.nanoTime();
            load.run(clientLoops, server.port(), uuids, speech, seconds);
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (osBean.getProcessCpuTime() - cpu0) / 1e9;
            Histogram latency = load.latency().getIntervalHistogram();
            Runtime rt = Runtime.getRuntime();
            out.printf(Locale.ROOT, "AudioSocket: %d streams connected, %d frames in %.1f s (%.0f frames/s), %d ended early%n",
                    load.connected(), load.frames(), wall, load.frames() / wall, load.endedEarly());
            out.printf(Locale.ROOT, "frame latency (send -> recorded, endpointed, resampled): p50 %.2f ms, p99 %.2f ms, "
                            + "p99.9 %.2f ms, max %.2f ms%n", latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3, latency.getMaxValue() / 1e3);
            out.printf(Locale.ROOT, "process CPU (server and load generator together): %.0f%% of one core, %.2f%% of a core per stream; heap used %d MB%n",
                    100 * cpu / wall, 100 * cpu / wall / streams, (rt.totalMemory() - rt.freeMemory()) >> 20);
            out.printf(Locale.ROOT, "load average at the end: %.1f%n", osBean.getSystemLoadAverage());
            server.close();
        } finally {
            io.shutdown();
            timer.shutdown();
            ModelInstaller.deleteQuietly(recordings);
        }
    }
}
