package org.hotline.ivr.speech;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.AudioStreams;

/**
 * The entry point for the flow runner: before issuing {@code EXEC AudioSocket <uuid>,<host>:<port>},
 * call {@link #expect} with that uuid; the returned stage completes when the description is over (and
 * the socket closed, which makes the EXEC return) with the recording, the reason it ended and, where a
 * model exists, the transcript.
 */
public final class Descriptions {

    private final AudioStreams streams;
    private final DescriptionSession.Context context;
    private final ScheduledExecutorService timer;
    private final Duration connectTimeout;

    /**
     * @param publisher   null to publish nothing (tools, tests without Redis)
     * @param io          runs blocking file work (closing and syncing recordings)
     * @param timer       runs the connect timeouts
     */
    public Descriptions(AudioStreams streams, RecognitionSource recognizers, RecordingStore recordings,
                        TranscriptPublisher publisher, Executor io, ScheduledExecutorService timer,
                        Duration connectTimeout) {
        this.streams = streams;
        this.context = new DescriptionSession.Context(recognizers, recordings, publisher, io);
        this.timer = timer;
        this.connectTimeout = connectTimeout;
    }

    /** Registers the stream {@code uuid}; Asterisk must connect it within the connect timeout. */
    public CompletionStage<DescriptionResult> expect(UUID uuid, DescribeOptions options) {
        DescriptionSession session = session(uuid, options);
        streams.expect(uuid, session);
        timer.schedule(() -> {
            if (streams.withdraw(uuid, session)) {
                session.notConnected();
            }
        }, connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return session.result();
    }

    /** A session not yet registered with the streams (for the benchmark, which wraps it). */
    DescriptionSession session(UUID uuid, DescribeOptions options) {
        return new DescriptionSession(uuid, options, context);
    }
}
