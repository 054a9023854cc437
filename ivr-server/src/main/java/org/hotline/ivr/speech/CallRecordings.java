package org.hotline.ivr.speech;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.ops.Json;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every recording of a call, in the order made: the caller's description (kind {@code description}, with its
 * flow node) and the conversation with the seat ({@code conversation}, node {@code seat <id>}). A Redis list per
 * call, kept as long as the recordings themselves; the player and the order API read it.
 */
public final class CallRecordings {

    private static final Logger log = LoggerFactory.getLogger(CallRecordings.class);
    private static final ObjectMapper JSON = Json.mapper();

    /**
     * One recording. {@code durationMillis} -1 while unknown (a conversation still being written by Asterisk);
     * {@link #list} reads it from the file then, where this host sees the file.
     */
    public record Recording(String kind, String path, long durationMillis, String node, String seatId, String startedAt) {
        public static final String DESCRIPTION = "description";
        public static final String CONVERSATION = "conversation";
    }

    private final RedisGateway redis;
    private final Duration keep;
    private final Executor io;

    /** @param io where the Redis writes run (never the event loop that reports a recording) */
    public CallRecordings(RedisGateway redis, Duration keep, Executor io) {
        this.redis = redis;
        this.keep = keep;
        this.io = io;
    }

    static String key(String callId) {
        return "recordings:{" + callId + "}";
    }

    /** Notes {@code recording} on the call, in the background; a failure is logged, the file stays. */
    public void add(String callId, Recording recording) {
        io.execute(() -> {
            try {
                String entry = JSON.writeValueAsString(recording);
                redis.call("note recording", jedis -> {
                    jedis.rpush(key(callId), entry);
                    return jedis.expire(key(callId), keep.toSeconds());
                });
            } catch (JsonProcessingException | RuntimeException e) {
                log.warn("Call {}: recording {} not noted on the call: {}", callId, recording.path(), e.getMessage());
            }
        });
    }

    /** The call's recordings, oldest first; a conversation's length read from its file where this host has it. */
    public List<Recording> list(String callId) {
        List<String> entries = redis.call("list recordings", jedis -> jedis.lrange(key(callId), 0, -1));
        List<Recording> recordings = new ArrayList<>();
        for (String entry : entries) {
            try {
                Recording recording = JSON.readValue(entry, Recording.class);
                recordings.add(recording.durationMillis() >= 0 ? recording : withLength(recording));
            } catch (IOException e) {
                log.warn("Call {}: unreadable recording entry skipped: {}", callId, e.getMessage());
            }
        }
        return recordings;
    }

    static Recording withLength(Recording recording) {
        Path file = Path.of(recording.path());
        if (!Files.isRegularFile(file)) {
            return recording;
        }
        try {
            long millis = Math.round(WavReader.read(file).seconds() * 1000);
            return new Recording(recording.kind(), recording.path(), millis, recording.node(), recording.seatId(),
                    recording.startedAt());
        } catch (IOException e) {
            return recording;
        }
    }
}
