package org.hotline.ivr.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.hotline.ivr.ops.Json;

/**
 * {@link CallFacts} as one line of JSON, the form a draft takes on disk while it cannot be in Redis: in the
 * {@link DraftSpool} and in the sidecar written next to a recording before its audio starts. Field names are
 * spelled out here so the files stay readable (and replayable) across versions.
 */
public final class SpooledDraft {

    private SpooledDraft() {
    }

    public static String toJson(CallFacts facts) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("callId", facts.callId());
        json.put("caller", facts.callerNumber());
        json.put("language", facts.language());
        var path = json.putArray("menuPath");
        facts.menuPath().forEach(path::add);
        json.put("transcript", facts.transcript());
        json.put("recording", facts.recordingPath());
        json.put("at", facts.at().toString());
        json.put("zone", facts.zone().getId());
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Throws {@link IllegalArgumentException} for a line that is not one (e.g. torn by a crash mid-write). */
    public static CallFacts fromJson(String line) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject() || json.path("callId").asText("").isBlank()) {
            throw new IllegalArgumentException("no callId");
        }
        List<String> path = new ArrayList<>();
        json.path("menuPath").forEach(step -> path.add(step.asText()));
        Instant at;
        try {
            at = Instant.parse(json.path("at").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time " + json.path("at"));
        }
        ZoneId zone;
        try {
            zone = json.hasNonNull("zone") ? ZoneId.of(json.path("zone").asText()) : CallFacts.DEFAULT_ZONE;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("bad zone " + json.path("zone"));
        }
        return new CallFacts(json.path("callId").asText(), json.path("caller").asText(""),
                json.path("language").asText(""), path, json.path("transcript").asText(""),
                json.path("recording").asText(""), at, zone);
    }
}
