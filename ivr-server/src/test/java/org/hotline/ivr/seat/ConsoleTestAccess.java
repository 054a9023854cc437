package org.hotline.ivr.seat;

import com.fasterxml.jackson.databind.JsonNode;

/** Lets tests in other packages drive the console over HTTP like {@link ConsoleClient} does. */
public final class ConsoleTestAccess {

    private ConsoleTestAccess() {
    }

    public record Reply(int status, JsonNode body) {
    }

    public record Bytes(int status, String contentType, byte[] body) {
    }

    /** A logged-in console client. */
    public static final class Client {
        private final ConsoleClient client;
        private final String base;

        Client(ConsoleClient client, String base) {
            this.client = client;
            this.base = base;
        }

        public Reply send(String method, String path, String json) {
            ConsoleClient.Reply reply = client.send(method, path, json);
            return new Reply(reply.status(), reply.body());
        }

        /** A GET answered with bytes (a recording): status, Content-Type and body. */
        public Bytes getBytes(String path) {
            java.net.http.HttpResponse<byte[]> reply = client.getBytes(path);
            return new Bytes(reply.statusCode(), reply.headers().firstValue("Content-Type").orElse(""), reply.body());
        }

        public Feed feed() {
            return new Feed(client.openFeed(base));
        }
    }

    /** The seat's live feed. */
    public static final class Feed {
        private final ConsoleClient.Feed feed;

        Feed(ConsoleClient.Feed feed) {
            this.feed = feed;
        }

        public JsonNode next(String type, java.util.function.Predicate<JsonNode> test) throws InterruptedException {
            return feed.next(type, test);
        }

        public void close() {
            feed.close();
        }
    }

    public static Client seat(String base, String seatId) {
        return new Client(new ConsoleClient(base).loggedInSeat(seatId), base);
    }

    public static Client supervisor(String base, String id, String password) {
        ConsoleClient client = new ConsoleClient(base);
        if (client.login("wallboard", id, password).status() != 200) {
            throw new AssertionError("supervisor login failed");
        }
        return new Client(client, base);
    }
}
