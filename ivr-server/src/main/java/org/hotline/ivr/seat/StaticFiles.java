package org.hotline.ivr.seat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.ops.HttpRoutes;

/**
 * The console's page, script and style from the classpath ({@code console-web/}), read once at start. A strict
 * Content-Security-Policy allows only this server's own scripts: no inline script, so injected markup cannot run.
 */
final class StaticFiles implements HttpRoutes.Route {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final List<String> FILES = List.of("console.html", "wallboard.html", "console.js", "wallboard.js",
            "common.js", "i18n.js", "console.css", "knowledge.js");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private final Map<String, byte[]> files = new HashMap<>();

    StaticFiles() {
        for (String name : FILES) {
            try (InputStream in = StaticFiles.class.getResourceAsStream("/console-web/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("console-web/" + name + " missing from the classpath");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            return ApiResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only");
        }
        String path = new QueryStringDecoder(request.uri()).path();
        String name = switch (path) {
            case "/console", "/console/" -> "console.html";
            case "/wallboard", "/wallboard/" -> "wallboard.html";
            default -> path.substring(path.lastIndexOf('/') + 1);
        };
        byte[] body = files.get(name);
        if (body == null) {
            return ApiResponses.notFound("no such file");
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set("Content-Security-Policy", CSP);
        return ApiResponses.secured(response);
    }
}
