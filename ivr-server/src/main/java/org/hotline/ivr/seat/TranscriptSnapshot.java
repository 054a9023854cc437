package org.hotline.ivr.seat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hotline.ivr.ops.Json;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.speech.TranscriptPublisher;

/**
 * A call's transcript as the speech side left it ({@link TranscriptPublisher#latest}): the final text, or the
 * latest partial; a console that opens late starts from here and follows the live channel.
 */
public record TranscriptSnapshot(String finalText, String partial, TranscriptGap gap) {

    private static final ObjectMapper JSON = Json.mapper();

    public static TranscriptSnapshot read(RedisGateway redis, String callId) {
        return TranscriptPublisher.latest(redis, callId)
                .map(latest -> latest.isFinal() ? new TranscriptSnapshot(text(latest.json()), "", gap(latest.json()))
                        : new TranscriptSnapshot("", text(latest.json()), null))
                .orElse(new TranscriptSnapshot("", "", null));
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
