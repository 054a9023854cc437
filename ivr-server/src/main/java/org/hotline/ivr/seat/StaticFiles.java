package org.hotline.ivr.seat;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.WebRequest;

/**
 * The console's page, script and style from the classpath ({@code console-web/}), read once at start. A strict
 * Content-Security-Policy allows only this server's own scripts: no inline script, so injected markup cannot run.
 */
final class StaticFiles {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final List<String> FILES = List.of("console.html", "wallboard.html", "console.js", "wallboard.js",
            "common.js", "i18n.js", "console.css", "knowledge.js", "recordings.js", "desk.js", "controls.js",
            "floor.html", "floor.js");
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

    /** The pages and their files, public: they hold no data, the API behind them asks for the login. */
    void register(Router router) {
        for (String area : List.of("/console", "/wallboard")) {
            router.nonBlocking(HttpMethod.GET, area, Role.PUBLIC, this::serve)
                    .nonBlocking(HttpMethod.GET, area + "/{file...}", Role.PUBLIC, this::serve);
        }
    }

    private FullHttpResponse serve(WebRequest request) {
        String path = request.path();
        String name = switch (path) {
            case "/console", "/console/" -> "console.html";
            case "/wallboard", "/wallboard/" -> "wallboard.html";
            default -> path.substring(path.lastIndexOf('/') + 1);
        };
        byte[] body = files.get(name);
        if (body == null) {
            return HttpResponses.notFound("no such file");
        }
        FullHttpResponse response = HttpResponses.bytes(HttpResponseStatus.OK, body,
                TYPES.get(name.substring(name.lastIndexOf('.') + 1)), "no-cache");
        response.headers().set("Content-Security-Policy", CSP);
        return response;
    }
}
