package org.hotline.ivr.ops;

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
import java.util.Optional;

/**
 * An HTTP request copied out of Netty's buffers, so that it can be answered on another thread, together with
 * where it came from. Routes that check cookies, origins or remote addresses take this.
 */
public record WebRequest(HttpMethod method, String uri, HttpHeaders headers, byte[] body, InetSocketAddress remote) {

    public static WebRequest copyOf(FullHttpRequest request, InetSocketAddress remote) {
        byte[] body = new byte[request.content().readableBytes()];
        request.content().getBytes(request.content().readerIndex(), body);
        HttpHeaders headers = new DefaultHttpHeaders().set(request.headers());
        return new WebRequest(request.method(), request.uri(), headers, body, remote);
    }

    public String path() {
        return new QueryStringDecoder(uri).path();
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
