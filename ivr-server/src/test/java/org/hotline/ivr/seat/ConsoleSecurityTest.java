package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each security rule of the console and of {@code /api/orders}, over plain HTTP and WebSocket against a real node
 * ({@link ConsoleTestServer}); the calls seats hold are real simulated calls through the 12345 flow and the
 * distributor.
 */
class ConsoleSecurityTest {

    private static final String REFUSED = "Unexpected HTTP response status code ";

    @TempDir
    static Path dir;
    static ConsoleTestServer node;
    static SimClient phone;

    @BeforeAll
    static void start() throws Exception {
        node = ConsoleTestServer.start(dir, Duration.ofMinutes(5), Map.of());
        phone = new SimClient("127.0.0.1", node.server().agiPort(), true);
    }

    @AfterAll
    static void stop() {
        phone.close();
        node.close();
    }

    private ConsoleClient client() {
        return new ConsoleClient(node.base());
    }

    /**
     * Seat {@code seatId} goes ready (the only ready seat: the others are paused from their login on, or on a call)
     * and gets a real call from 13800138000 with a draft order; returns {callId, orderId}.
     */
    private String[] callFor(String seatId, String name) throws InterruptedException {
        ConsoleClient seat = client().loggedInSeat(seatId);
        assertThat(seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}").status()).isEqualTo(200);
        phone.call(ConsoleTestServer.describing(name, "13800138000", node.sample(), Duration.ofMinutes(10)));
        for (int i = 0; i < 600; i++) {
            JsonNode pop = seat.get("/console/api/screen").body().path("pop");
            if (!pop.path("order").path("id").asText().isEmpty()) {
                return new String[] {pop.path("callId").asText(), pop.path("order").path("id").asText()};
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no call with an order reached seat " + seatId);
    }

    @Test
    void anonymousRequestsGet401() {
        ConsoleClient anonymous = client();
        assertThat(anonymous.get("/console/api/screen").status()).isEqualTo(401);
        assertThat(anonymous.get("/console/api/calls/any").status()).isEqualTo(401);
        assertThat(anonymous.send("PUT", "/console/api/orders/any", "{}").status()).isEqualTo(401);
        assertThat(anonymous.send("POST", "/console/api/state", "{\"state\":\"ready\"}").status()).isEqualTo(401);
        assertThat(anonymous.get("/wallboard/api/stats").status()).isEqualTo(401);
        anonymous.cookie("ivr_seat=forged-token");
        assertThat(anonymous.get("/console/api/screen").status()).isEqualTo(401);
    }

    @Test
    void anonymousWebSocketIsRefusedWith401() {
        assertThatThrownBy(() -> client().openFeed(node.base()))
                .isInstanceOf(CompletionException.class).hasRootCauseMessage(REFUSED + 401);
    }

    @Test
    void seatCannotReadOrChangeAnotherSeatsCallNumberOrOrder() throws Exception {
        String[] call = callFor("1001", "sec-call-1");
        String summary = node.server().orders().store().get(call[1]).orElseThrow().summary();
        ConsoleClient other = client().loggedInSeat("1002");
        assertThat(other.get("/console/api/calls/" + call[0]).status()).isEqualTo(403);
        assertThat(other.send("POST", "/console/api/calls/" + call[0] + "/caller", "{}").status()).isEqualTo(403);
        String edit = "{\"category\":\"noise-environment\",\"location\":\"\",\"urgency\":\"normal\",\"summary\":\"changed\"}";
        assertThat(other.send("PUT", "/console/api/orders/" + call[1], edit).status()).isEqualTo(403);
        assertThat(other.send("POST", "/console/api/orders/" + call[1] + "/submit", edit).status()).isEqualTo(403);
        assertThat(other.get("/console/api/screen").body().path("pop").isNull()).isTrue();
        assertThat(node.server().orders().store().get(call[1]).orElseThrow().summary()).isEqualTo(summary);

        ConsoleClient owner = client().loggedInSeat("1001");
        assertThat(owner.get("/console/api/calls/" + call[0]).body().path("transcript").isMissingNode()).isFalse();
        assertThat(owner.send("PUT", "/console/api/orders/" + call[1], edit).status()).isEqualTo(200);
    }

    @Test
    void fullCallerNumberIsShownOnlyToItsSeatAndEveryAccessIsAudited() throws Exception {
        String[] call = callFor("1003", "sec-call-2");
        ConsoleClient seat = client().loggedInSeat("1003");
        assertThat(seat.get("/console/api/screen").body().path("pop").path("caller").asText()).isEqualTo("138****8000");
        ConsoleClient.Reply reply = seat.send("POST", "/console/api/calls/" + call[0] + "/caller", "{}");
        assertThat(reply.body().path("caller").asText()).isEqualTo("13800138000");
        List<redis.clients.jedis.resps.StreamEntry> audit = node.server().redis().call("test", jedis -> jedis.xrange(
                CallerNumberAudit.STREAM, (redis.clients.jedis.StreamEntryID) null, null));
        assertThat(audit).anySatisfy(entry -> assertThat(entry.getFields())
                .containsEntry("seat", "1003").containsEntry("call", call[0]));
    }

    @Test
    void theOrderApiServesASeatOnlyTheOrdersOfCallsGivenToIt() throws Exception {
        String[] call = callFor("1004", "sec-call-3");
        String orderPath = "/api/orders/" + call[1];
        ConsoleClient anonymous = client();
        assertThat(anonymous.get(orderPath).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/orders?caller=13800138000").status()).isEqualTo(401);
        assertThat(anonymous.send("PATCH", orderPath, "{\"summary\":\"changed\"}").status()).isEqualTo(401);

        ConsoleClient other = client().loggedInSeat("1002");
        assertThat(other.get(orderPath).status()).isEqualTo(403);
        assertThat(other.send("PATCH", orderPath, "{\"summary\":\"changed\"}").status()).isEqualTo(403);
        assertThat(other.send("POST", orderPath + "/submit", "{}").status()).isEqualTo(403);
        assertThat(other.send("POST", orderPath + "/close", "{}").status()).isEqualTo(403);
        assertThat(other.get("/api/orders?caller=13800138000").status()).isEqualTo(403);
        assertThat(node.server().orders().store().get(call[1]).orElseThrow().summary()).isNotEqualTo("changed");

        ConsoleClient owner = client().loggedInSeat("1004");
        assertThat(owner.get(orderPath).body().path("callId").asText()).isEqualTo(call[0]);
        assertThat(owner.get("/api/orders?caller=13800138000").body().path("orders").size()).isPositive();
        ConsoleClient.Reply patched = owner.send("PATCH", orderPath, "{\"summary\":\"由坐席核实\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(node.server().orders().store().get(call[1]).orElseThrow().history())
                .anySatisfy(change -> assertThat(change.seat()).isEqualTo("1004"));
        // Logged in but without the session's CSRF token: refused as the console refuses it, not "log in".
        owner.csrf("");
        ConsoleClient.Reply noToken = owner.send("PATCH", orderPath, "{\"summary\":\"no token\"}");
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.body().toString()).contains("CSRF");
    }

    @Test
    void stateChangesNeedTheSessionsCsrfToken() {
        ConsoleClient seat = client().loggedInSeat("1002");
        String token = seat.csrf();
        seat.csrf("");
        assertThat(seat.send("POST", "/console/api/state", "{\"state\":\"paused\",\"reason\":\"break\"}").status()).isEqualTo(403);
        seat.csrf("not-the-token");
        assertThat(seat.send("POST", "/console/api/state", "{\"state\":\"paused\",\"reason\":\"break\"}").status()).isEqualTo(403);
        assertThat(seat.send("POST", "/console/api/logout", "{}").status()).isEqualTo(403);
        seat.csrf(token);
        assertThat(seat.send("POST", "/console/api/state", "{\"state\":\"paused\",\"reason\":\"break\"}").status()).isEqualTo(200);
    }

    @Test
    void requestsFromAForeignOriginAreRefusedEvenWithTheToken() {
        ConsoleClient seat = client().loggedInSeat("1002");
        seat.origin("http://evil.example");
        assertThat(seat.send("POST", "/console/api/state", "{\"state\":\"paused\",\"reason\":\"break\"}").status()).isEqualTo(403);
        assertThat(seat.send("POST", "/console/api/login", "{\"id\":\"1002\",\"password\":\"demo1002\"}").status()).isEqualTo(403);
    }

    @Test
    void aFormPostIsNotTakenForJson() {
        ConsoleClient seat = client().loggedInSeat("1002");
        ConsoleClient.Reply reply = seat.send("POST", "/console/api/state", null);
        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void webSocketFromAForeignOriginIsRefusedAndFromItsOwnPageAccepted() throws Exception {
        ConsoleClient seat = client().loggedInSeat("1002");
        assertThatThrownBy(() -> seat.openFeed("http://evil.example")).hasRootCauseMessage(REFUSED + 403);
        assertThatThrownBy(() -> seat.openFeed(null)).hasRootCauseMessage(REFUSED + 403);
        ConsoleClient.Feed feed = seat.openFeed(node.base());
        assertThat(feed.next("screen", m -> true).path("status").path("seatId").asText()).isEqualTo("1002");
        feed.close();
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrictAndExpiresInRedis() {
        ConsoleClient seat = client();
        ConsoleClient.Reply reply = seat.login("console", "1003", "demo1003");
        String setCookie = reply.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("ivr_seat=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict").doesNotContainIgnoringCase("Secure");
        assertThat(reply.body().has("csrf")).isTrue();
        long ttl = node.server().redis().call("test", jedis -> jedis.keys("console:session:*").stream()
                .mapToLong(jedis::pttl).max().orElse(-1));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(10).toMillis());
    }

    @Test
    void afterLogoutTheCookieNoLongerWorks() {
        ConsoleClient seat = client().loggedInSeat("1003");
        String cookie = seat.cookie();
        assertThat(seat.send("POST", "/console/api/logout", "{}").status()).isEqualTo(200);
        seat.cookie(cookie);
        assertThat(seat.get("/console/api/screen").status()).isEqualTo(401);
    }

    @Test
    void seatAndSupervisorSessionsDoNotOpenEachOthersArea() {
        // Logged in, but not in the role the route needs: 403 (the front door tells 401 only to the anonymous).
        ConsoleClient seat = client().loggedInSeat("1001");
        assertThat(seat.get("/wallboard/api/stats").status()).isEqualTo(403);
        seat.cookie(seat.cookie().replace("ivr_seat=", "ivr_supervisor="));
        assertThat(seat.get("/wallboard/api/stats").status()).isEqualTo(403);

        ConsoleClient supervisor = client();
        assertThat(supervisor.login("wallboard", "9001", "demo9001").status()).isEqualTo(200);
        assertThat(supervisor.get("/wallboard/api/stats").status()).isEqualTo(200);
        assertThat(supervisor.get("/console/api/screen").status()).isEqualTo(403);
        assertThat(client().login("console", "9001", "demo9001").status()).isEqualTo(401);
    }

    @Test
    void pagesAllowOnlyTheirOwnScripts() {
        ConsoleClient.Reply page = client().get("/console/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.raw().headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(client().get("/console/../pom.xml").status()).isEqualTo(404);
    }
}
