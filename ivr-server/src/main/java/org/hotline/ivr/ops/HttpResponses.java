package org.hotline.ivr.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Building the few kinds of response the server gives: JSON and plain text. */
public final class HttpResponses {

    private static final ObjectMapper JSON = Json.mapper();

    private HttpResponses() {
    }

    public static FullHttpResponse json(HttpResponseStatus status, Object body) {
        try {
            return text(status, JSON.writeValueAsString(body), "application/json; charset=utf-8");
        } catch (JsonProcessingException e) {
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "{\"error\":\"unserializable\"}", "application/json");
        }
    }

    public static FullHttpResponse error(HttpResponseStatus status, String message) {
        return json(status, Map.of("error", message));
    }

    public static FullHttpResponse text(HttpResponseStatus status, String body, String contentType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }
}
