package org.hotline.ivr.speech;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.hotline.ivr.audio.AudioMetrics;
import org.hotline.ivr.audio.AudioSocketServer;
import org.hotline.ivr.audio.AudioStreams;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The audio and speech side of one node, put together: the AudioSocket listener, the models (loading
 * in the background), the decoding pool, recordings with their retention sweep, transcripts through
 * Redis, and {@link #descriptions()} for the flow runner. Closing it stops all of them.
 */
public final class SpeechStack implements AutoCloseable {

    private final AudioSocketServer server;
    private final SpeechModels models;
    private final Recognizers recognizers;
    private final Descriptions descriptions;
    private final RecordingStore recordings;
    private final CallRecordings callRecordings;
    private final IvrConfig.Audio audio;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final AudioStreams streams;

    private SpeechStack(AudioSocketServer server, SpeechModels models, Recognizers recognizers,
                        Descriptions descriptions, RecordingStore recordings, CallRecordings callRecordings,
                        IvrConfig.Audio audio, ExecutorService io, ScheduledExecutorService timer, AudioStreams streams) {
        this.server = server;
        this.models = models;
        this.recognizers = recognizers;
        this.descriptions = descriptions;
        this.recordings = recordings;
        this.callRecordings = callRecordings;
        this.audio = audio;
        this.io = io;
        this.timer = timer;
        this.streams = streams;
    }

    /** @param redis null for a node without Redis (nothing is published then) */
    public static SpeechStack start(IvrConfig config, NettyTransport transport, MeterRegistry registry,
                                    RedisGateway redis, HealthRegistry health) throws InterruptedException {
        return start(config, transport, registry, redis, health, UnaryOperator.identity());
    }

    /**
     * @param recognition given the node's Vosk recognizers, the source descriptions use; identity on a real
     *                    node, a stand-in for a missing model in tests
     */
    public static SpeechStack start(IvrConfig config, NettyTransport transport, MeterRegistry registry,
                                    RedisGateway redis, HealthRegistry health,
                                    UnaryOperator<RecognitionSource> recognition) throws InterruptedException {
        ExecutorService io = Executors.newFixedThreadPool(2, new DefaultThreadFactory("recording-io", true));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("speech-timer", true));
        SpeechModels models = SpeechModels.start(config.speechModels());
        health.register("speech", models.health());
        Recognizers recognizers = new Recognizers(models, config.speech().decodeThreads(), new SpeechMetrics(registry));
        RecordingStore recordings = new RecordingStore(config.audio().recordings(), config.audio().retention(),
                Clock.systemUTC());
        recordings.scheduleSweeps(timer);
        // The seat conversations Asterisk writes are kept as long as the descriptions.
        new RecordingStore(config.audio().conversations(), config.audio().retention(), Clock.systemUTC())
                .scheduleSweeps(timer);
        CallRecordings callRecordings = redis == null ? null : new CallRecordings(redis, config.audio().retention(), io);
        TranscriptPublisher publisher = redis == null ? null : new TranscriptPublisher(redis, config.speech().transcriptTtl());
        AudioStreams streams = new AudioStreams();
        Descriptions descriptions = new Descriptions(streams, recognition.apply(recognizers), recordings, publisher, io, timer,
                config.audio().connectTimeout());
        AudioSocketServer server = AudioSocketServer.start(config.audio(), transport, streams, new AudioMetrics(registry));
        return new SpeechStack(server, models, recognizers, descriptions, recordings, callRecordings, config.audio(), io,
                timer, streams);
    }

    /** The AudioSocket port's expected streams, below descriptions (tests that time the port itself use it). */
    public AudioStreams audioStreams() {
        return streams;
    }

    /** For the flow runner: {@code expect(uuid, options)} before {@code EXEC AudioSocket}. */
    public Descriptions descriptions() {
        return descriptions;
    }

    /** Where descriptions are recorded (and where a crash's open recordings are repaired at start-up). */
    public RecordingStore recordings() {
        return recordings;
    }

    /** Every recording of each call (description, conversation); null on a node without Redis. */
    public CallRecordings callRecordings() {
        return callRecordings;
    }

    /** The {@code record-conversation} AGI script, finding a call's order with {@code orderOfCall}. */
    public ConversationRecorder conversationRecorder(Function<String, Optional<String>> orderOfCall) {
        return new ConversationRecorder(audio, callRecordings, orderOfCall, io, Clock.systemUTC());
    }

    public SpeechModels models() {
        return models;
    }

    /** The port Asterisk connects to (the configured one, or the one chosen when it was 0). */
    public int audioPort() {
        return server.port();
    }


    @Override
    public void close() {
        server.close();
        recognizers.close();
        models.close();
        timer.shutdownNow();
        io.shutdown();
    }
}
