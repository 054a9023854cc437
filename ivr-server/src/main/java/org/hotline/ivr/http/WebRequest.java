package org.hotline.ivr.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request copied out of Netty's buffers, so that it can be answered on another thread, with where it came
 * from, and once routed its path parameters and the {@link Principal} it acts for (null on a public route).
 */
public record WebRequest(HttpMethod method, String uri, HttpHeaders headers, byte[] body, InetSocketAddress remote,
                         Map<String, String> params, Principal principal) {

    public WebRequest(HttpMethod method, String uri, HttpHeaders headers, byte[] body, InetSocketAddress remote) {
        this(method, uri, headers, body, remote, Map.of(), null);
    }

    public static WebRequest copyOf(FullHttpRequest request, InetSocketAddress remote) {
        byte[] body = new byte[request.content().readableBytes()];
        request.content().getBytes(request.content().readerIndex(), body);
        HttpHeaders headers = new DefaultHttpHeaders().set(request.headers());
        return new WebRequest(request.method(), request.uri(), headers, body, remote);
    }

    /** This request as routed: with its route's path parameters and the principal it acts for. */
    WebRequest routed(Map<String, String> routeParams, Principal acting) {
        return new WebRequest(method, uri, headers, body, remote, Map.copyOf(routeParams), acting);
    }

    public String path() {
        return new QueryStringDecoder(uri).path();
    }

    /** A path parameter of the route, e.g. {@code id} of {@code /api/orders/{id}}. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no parameter {" + name + "}");
        }
        return value;
    }

    public Optional<String> query(String name) {
        List<String> values = new QueryStringDecoder(uri).parameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> cookie(String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
                if (cookie.name().equals(name)) {
                    return Optional.of(cookie.value());
                }
            }
        }
        return Optional.empty();
    }

    /** The token of an {@code Authorization: Bearer ...} header. */
    public Optional<String> bearer() {
        return header(HttpHeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .filter(token -> !token.isEmpty());
    }

    /** The client's address as seen on the socket (a proxy in front is not trusted to say otherwise). */
    public String remoteHost() {
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** GET, HEAD and OPTIONS change nothing; everything else must pass CSRF checks. */
    public boolean changesState() {
        return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }
}
