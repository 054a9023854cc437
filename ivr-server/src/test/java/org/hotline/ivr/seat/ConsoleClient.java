package org.hotline.ivr.seat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A console client over plain HTTP (java.net.http), holding one session's cookie and CSRF token by hand. */
final class ConsoleClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String cookie = "";
    private String csrf = "";
    private String origin;

    ConsoleClient(String base) {
        this.base = base;
        this.origin = base;
    }

    Reply login(String area, String id, String password) {
        Reply reply = send("POST", "/" + area + "/api/login", "{\"id\":\"" + id + "\",\"password\":\"" + password + "\"}");
        if (reply.status() == 200) {
            String setCookie = reply.raw().headers().firstValue("Set-Cookie").orElseThrow();
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
            csrf = reply.body().path("csrf").asText();
        }
        return reply;
    }

    ConsoleClient loggedInSeat(String id) {
        Reply reply = login("console", id, "demo" + id);
        if (reply.status() != 200) {
            throw new AssertionError("login of " + id + " failed: " + reply.status() + " " + reply.body());
        }
        return this;
    }

    String cookie() {
        return cookie;
    }

    void cookie(String value) {
        cookie = value;
    }

    String csrf() {
        return csrf;
    }

    void csrf(String value) {
        csrf = value;
    }

    void origin(String value) {
        origin = value;
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        if (!csrf.isEmpty()) {
            request.header("X-CSRF-Token", csrf);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : readOrText(response.body());
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A GET whose answer is not text (a recording's WAV), with the session's cookie. */
    HttpResponse<byte[]> getBytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** Opens the seat feed; messages land in the returned queue. */
    Feed openFeed(String withOrigin) {
        Feed feed = new Feed();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (!cookie.isEmpty()) {
            builder.header("Cookie", cookie);
        }
        if (withOrigin != null) {
            builder.header("Origin", withOrigin);
        }
        feed.socket = builder.buildAsync(URI.create(base.replace("http://", "ws://") + "/ws"), feed).join();
        return feed;
    }

    /** One open seat feed and the messages it has received. */
    static final class Feed implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** The next message of {@code type} that {@code test} accepts, skipping others; fails after 60 s (wrap-ups, a busy machine). */
        JsonNode next(String type, java.util.function.Predicate<JsonNode> test) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && message.path("type").asText().equals(type) && test.test(message)) {
                    return message;
                }
            }
            throw new AssertionError("no " + type + " message as expected within 60 s");
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
