package org.hotline.ivr.seat;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.hotline.ivr.http.WebRequest;

/** The JSON object a console request carries; only {@code application/json} is taken (a form post is not). */
final class JsonBody {

    private static final ObjectMapper JSON = Json.mapper();

    private JsonBody() {
    }

    /** Empty if the body is not a JSON object sent as JSON. */
    static Optional<JsonNode> of(WebRequest request) {
        String type = request.header("Content-Type").orElse("");
        if (!type.toLowerCase().startsWith("application/json")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(request.body());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? "" : node.asText();
    }
}
