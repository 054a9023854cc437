package org.hotline.ivr.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.hotline.ivr.ops.Json;

/**
 * The responses every route gives: JSON bodies, errors as {@code {"error": "..."}}, plain text. The server adds
 * the security headers ({@link #secured}) to each on the way out.
 */
public final class HttpResponses {

    private static final ObjectMapper JSON = Json.mapper();

    private HttpResponses() {
    }

    public static FullHttpResponse ok(Object body) {
        return json(HttpResponseStatus.OK, body);
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

    public static FullHttpResponse unauthorized() {
        return error(HttpResponseStatus.UNAUTHORIZED, "log in first");
    }

    public static FullHttpResponse forbidden(String why) {
        return error(HttpResponseStatus.FORBIDDEN, why);
    }

    public static FullHttpResponse notFound(String what) {
        return error(HttpResponseStatus.NOT_FOUND, what);
    }

    /** 400 with every problem found, e.g. one line per bad field. */
    public static FullHttpResponse badRequest(Object problems) {
        return json(HttpResponseStatus.BAD_REQUEST, Map.of("error", "bad request", "problems", problems));
    }

    /** 429 or 503 with a Retry-After of at least one second. */
    public static FullHttpResponse retryLater(HttpResponseStatus status, String message, Duration wait) {
        FullHttpResponse response = error(status, message);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, Math.max(1, (wait.toMillis() + 999) / 1000));
        return response;
    }

    public static FullHttpResponse text(HttpResponseStatus status, String body, String contentType) {
        return bytes(status, body.getBytes(StandardCharsets.UTF_8), contentType, "no-store");
    }

    public static FullHttpResponse bytes(HttpResponseStatus status, byte[] body, String contentType, String cacheControl) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        return response;
    }

    /** No sniffing, no framing, no referrer: set on every response the server sends. */
    static FullHttpResponse secured(FullHttpResponse response) {
        response.headers()
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        return response;
    }
}
