package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.hotline.ivr.seat.standin.StandInOrders;
import org.hotline.ivr.seat.standin.StandInQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each security rule of the console, over plain HTTP and WebSocket against a real node. */
class ConsoleSecurityTest {

    private static final String REFUSED = "Unexpected HTTP response status code ";

    @TempDir
    static Path dir;
    static ConsoleTestServer node;
    static StandInQueue queue;
    static StandInOrders orders;

    @BeforeAll
    static void start() throws Exception {
        node = ConsoleTestServer.start(dir, Duration.ofMinutes(5), Map.of());
        queue = new StandInQueue(node.server().redis(), new SeatEvents(node.server().redis()), Clock.systemUTC());
        orders = new StandInOrders(node.server().redis(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private ConsoleClient client() {
        return new ConsoleClient(node.base());
    }

    /** Seat {@code seatId} goes ready and gets a new call with a draft order; returns {callId, orderId}. */
    private String[] callFor(String seatId, String callId) {
        ConsoleClient seat = client().loggedInSeat(seatId);
        assertThat(seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}").status()).isEqualTo(200);
        String orderId = orders.draft(callId, "13800138000", new OrderEdit("city-management/garbage", "", "normal", "垃圾没人清运"));
        queue.offer(new StandInQueue.Offer(callId, "13800138000", "zh", List.of("1 城市管理"), orderId));
        assertThat(queue.find(callId)).map(ScreenPop::seatId).contains(seatId);
        return new String[] {callId, orderId};
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
    void seatCannotReadOrChangeAnotherSeatsCallNumberOrOrder() {
        String[] call = callFor("1001", "sec-call-1");
        ConsoleClient other = client().loggedInSeat("1002");
        assertThat(other.get("/console/api/calls/" + call[0]).status()).isEqualTo(403);
        assertThat(other.send("POST", "/console/api/calls/" + call[0] + "/caller", "{}").status()).isEqualTo(403);
        String edit = "{\"category\":\"noise\",\"location\":\"\",\"urgency\":\"normal\",\"summary\":\"changed\"}";
        assertThat(other.send("PUT", "/console/api/orders/" + call[1], edit).status()).isEqualTo(403);
        assertThat(other.send("POST", "/console/api/orders/" + call[1] + "/submit", edit).status()).isEqualTo(403);
        assertThat(other.get("/console/api/screen").body().path("pop").isNull()).isTrue();
        assertThat(orders.find(call[1]).orElseThrow().summary()).isEqualTo("垃圾没人清运");

        ConsoleClient owner = client().loggedInSeat("1001");
        assertThat(owner.get("/console/api/calls/" + call[0]).body().path("transcript").isMissingNode()).isFalse();
        assertThat(owner.send("PUT", "/console/api/orders/" + call[1], edit).status()).isEqualTo(200);
    }

    @Test
    void fullCallerNumberIsShownOnlyToItsSeatAndEveryAccessIsAudited() {
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
        ConsoleClient seat = client().loggedInSeat("1001");
        assertThat(seat.get("/wallboard/api/stats").status()).isEqualTo(401);
        seat.cookie(seat.cookie().replace("ivr_seat=", "ivr_supervisor="));
        assertThat(seat.get("/wallboard/api/stats").status()).isEqualTo(403);

        ConsoleClient supervisor = client();
        assertThat(supervisor.login("wallboard", "9001", "demo9001").status()).isEqualTo(200);
        assertThat(supervisor.get("/wallboard/api/stats").status()).isEqualTo(200);
        assertThat(supervisor.get("/console/api/screen").status()).isEqualTo(401);
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
