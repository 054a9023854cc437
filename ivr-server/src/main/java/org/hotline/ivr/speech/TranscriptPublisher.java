package org.hotline.ivr.speech;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.ops.Json;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Publishes a call's transcript through Redis so any node's seat console can follow it live: every
 * partial and the final go out on the pub/sub channel {@code ivr:transcript:<callId>} and into the
 * stream {@code ivr:call:<callId>:transcript} (for a console that joins late); the final is also kept
 * under {@code ivr:call:<callId>:transcript:final}. Writes for one call go out in order, off the
 * decoding threads; a Redis outage is logged and never stalls recognition.
 */
public final class TranscriptPublisher {

    private static final Logger log = LoggerFactory.getLogger(TranscriptPublisher.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final long STREAM_MAX_ENTRIES = 500;

    private final RedisGateway redis;
    private final Duration keep;

    public TranscriptPublisher(RedisGateway redis, Duration keep) {
        this.redis = redis;
        this.keep = keep;
    }

    /** Every call's channel starts with this: {@code ivr:transcript:<callId>}. */
    private static final String CHANNEL_PREFIX = "ivr:transcript:";

    public static String channel(String callId) {
        return CHANNEL_PREFIX + callId;
    }

    /** The pattern that hears every call's transcripts (PSUBSCRIBE). */
    public static String everyChannel() {
        return CHANNEL_PREFIX + "*";
    }

    /** The call a message on {@code channel} belongs to, or empty if it is not a transcript channel. */
    public static Optional<String> callOf(String channel) {
        return channel.startsWith(CHANNEL_PREFIX) ? Optional.of(channel.substring(CHANNEL_PREFIX.length()))
                : Optional.empty();
    }

    /**
     * The latest of one call's transcript as published: the final if there is one, else the newest partial; empty
     * when nothing was published (or it has expired). For a console that opens in the middle of a call.
     */
    public static Optional<Latest> latest(RedisGateway redis, String callId) {
        return redis.call("transcript", jedis -> {
            String done = jedis.get(finalKey(callId));
            if (done != null) {
                return Optional.of(new Latest(done, true));
            }
            List<StreamEntry> last = jedis.xrevrange(streamKey(callId),
                    StreamEntryID.MAXIMUM_ID, StreamEntryID.MINIMUM_ID, 1);
            return last.isEmpty() ? Optional.<Latest>empty()
                    : Optional.of(new Latest(last.get(0).getFields().getOrDefault("json", "{}"), false));
        });
    }

    /** One published transcript message (JSON: callId, kind, language, text, words, note, missing ...). */
    public record Latest(String json, boolean isFinal) {
    }

    public static String streamKey(String callId) {
        // One hash tag for the stream and its final, so both are written (and WAITed for) on one cluster slot.
        return "ivr:call:{" + callId + "}:transcript";
    }

    public static String finalKey(String callId) {
        return streamKey(callId) + ":final";
    }

    /** A listener that publishes one call's transcripts, in order. */
    public CallPublisher forCall(String callId) {
        return new CallPublisher(callId);
    }

    /** The publishing side of one call. */
    public final class CallPublisher implements TranscriptListener {
        private final String callId;
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        private CallPublisher(String callId) {
            this.callId = callId;
        }

        @Override
        public void partial(Transcript transcript) {
            send("partial", transcript.language(), transcript.text(), List.of(), false);
        }

        @Override
        public void complete(Transcript transcript) {
            send("final", transcript.language(), transcript.text(), transcript.words(), true);
        }

        /**
         * The seat's view of a description without a transcript: the note ("recorded, no transcript (no zh
         * model)"), why ({@code no-model}, {@code model-loading}, {@code failed}) and whether the recording is kept.
         */
        public void noTranscript(String language, String note, String why, boolean recordingKept) {
            send("final", language, "", List.of(), true, note, Map.of("missing", why, "recordingKept", recordingKept));
        }

        /** Completes when everything sent so far has reached Redis (or failed and been logged). */
        public synchronized CompletionStage<Void> flushed() {
            return tail;
        }

        private void send(String kind, String language, String text, List<Word> words, boolean last) {
            send(kind, language, text, words, last, "", Map.of());
        }

        private synchronized void send(String kind, String language, String text, List<Word> words, boolean last,
                                       String note, Map<String, Object> more) {
            String json = json(callId, kind, language, text, words, note, more);
            // The final waits for a replica's acknowledgement (WAIT, with Sentinel/Cluster): it must survive a failover.
            tail = tail.thenCompose(done -> redis.callReplicatedAsync("publish transcript", finalKey(callId), last, jedis -> {
                jedis.publish(channel(callId), json);
                jedis.xadd(streamKey(callId), XAddParams.xAddParams().maxLen(STREAM_MAX_ENTRIES).approximateTrimming(),
                        Map.of("kind", kind, "json", json));
                jedis.expire(streamKey(callId), keep.toSeconds());
                if (last) {
                    jedis.setex(finalKey(callId), keep.toSeconds(), json);
                }
                return null;
            })).handle((done, error) -> {
                if (error != null) {
                    log.warn("Transcript of call {} not published ({}): {}", callId, kind, error.getMessage());
                }
                return null;
            });
        }
    }

    static String json(String callId, String kind, String language, String text, List<Word> words, String note,
                       Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", callId);
        body.put("kind", kind);
        body.put("language", language);
        body.put("text", text);
        if (!words.isEmpty()) {
            body.put("words", words);
        }
        if (!note.isEmpty()) {
            body.put("note", note);
        }
        body.putAll(more);
        body.put("at", System.currentTimeMillis());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
