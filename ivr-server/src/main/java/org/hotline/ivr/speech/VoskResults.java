package org.hotline.ivr.speech;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads Vosk's JSON results: {@code {"text", "result": [{word, start, end, conf}]}} and {@code {"partial"}}. */
final class VoskResults {

    private static final ObjectMapper JSON = Json.mapper();

    private VoskResults() {
    }

    /** The text and words of a (segment or final) result; {@code offsetSeconds} shifts word times. */
    static Segment segment(String json) {
        JsonNode node = parse(json);
        List<Word> words = new ArrayList<>();
        for (JsonNode w : node.path("result")) {
            words.add(new Word(w.path("word").asText(), w.path("start").asDouble(), w.path("end").asDouble(),
                    w.path("conf").asDouble(1.0)));
        }
        return new Segment(node.path("text").asText("").trim(), words);
    }

    static String partial(String json) {
        return parse(json).path("partial").asText("").trim();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable Vosk result: " + json, e);
        }
    }

    record Segment(String text, List<Word> words) {
    }
}
