package org.hotline.ivr.seat;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.time.Duration;
import java.util.Map;
import org.hotline.ivr.ops.HttpResponses;

/** The console API's responses: JSON, errors with a reason, and the session cookie. */
final class ApiResponses {

    private ApiResponses() {
    }

    static FullHttpResponse ok(Object body) {
        return secured(HttpResponses.json(HttpResponseStatus.OK, body));
    }

    static FullHttpResponse error(HttpResponseStatus status, String message) {
        return secured(HttpResponses.error(status, message));
    }

    static FullHttpResponse unauthorized() {
        return error(HttpResponseStatus.UNAUTHORIZED, "log in first");
    }

    static FullHttpResponse forbidden(String why) {
        return error(HttpResponseStatus.FORBIDDEN, why);
    }

    static FullHttpResponse notFound(String what) {
        return error(HttpResponseStatus.NOT_FOUND, what);
    }

    static FullHttpResponse badRequest(Object problems) {
        return secured(HttpResponses.json(HttpResponseStatus.BAD_REQUEST, Map.of("error", "bad request", "problems", problems)));
    }

    static FullHttpResponse tooManyAttempts(Duration wait) {
        FullHttpResponse response = error(HttpResponseStatus.TOO_MANY_REQUESTS, "too many failed logins; wait and try again");
        response.headers().set(HttpHeaderNames.RETRY_AFTER, Math.max(1, (wait.toMillis() + 999) / 1000));
        return response;
    }

    static FullHttpResponse withCookie(FullHttpResponse response, Role role, String token, Duration maxAge, boolean secure) {
        DefaultCookie cookie = new DefaultCookie(role.cookie(), token);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        cookie.setMaxAge(maxAge.toSeconds());
        response.headers().add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookie));
        return response;
    }

    static FullHttpResponse secured(FullHttpResponse response) {
        response.headers()
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        return response;
    }
}
