package org.hotline.ivr.seat;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.redis.RedisGateway;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A call's transcript as the speech side leaves it in Redis: the final text under
 * {@code ivr:call:{<id>}:transcript:final}, and the latest partial as the last entry of the stream
 * {@code ivr:call:{<id>}:transcript}; a console that opens late starts from here and follows the live channel.
 */
public record TranscriptSnapshot(String finalText, String partial, TranscriptGap gap) {

    private static final ObjectMapper JSON = Json.mapper();

    public static TranscriptSnapshot read(RedisGateway redis, String callId) {
        String base = "ivr:call:{" + callId + "}:transcript"; // TranscriptPublisher.streamKey
        return redis.call("transcript", jedis -> {
            String done = jedis.get(base + ":final");
            if (done != null) {
                return new TranscriptSnapshot(text(done), "", gap(done));
            }
            List<StreamEntry> last = jedis.xrevrange(base, StreamEntryID.MAXIMUM_ID, StreamEntryID.MINIMUM_ID, 1);
            if (last.isEmpty()) {
                return new TranscriptSnapshot("", "", null);
            }
            Map<String, String> fields = last.get(0).getFields();
            return new TranscriptSnapshot("", text(fields.getOrDefault("json", "{}")), null);
        });
    }

    /** The published reason for an empty final, or null when the final has text or gives no reason. */
    private static TranscriptGap gap(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            String why = node.path("missing").asText("");
            return why.isEmpty() || !node.path("text").asText("").isEmpty() ? null
                    : new TranscriptGap(why, node.path("recordingKept").asBoolean(false));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String text(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.path("text").asText("");
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
