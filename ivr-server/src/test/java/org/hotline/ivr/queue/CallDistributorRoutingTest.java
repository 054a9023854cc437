package org.hotline.ivr.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.ivr.queue.QueueFixture.await;
import static org.hotline.ivr.queue.QueueFixture.enqueued;
import static org.hotline.ivr.queue.QueueFixture.call;
import static org.hotline.ivr.queue.QueueFixture.seat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

public class CallDistributorRoutingTest {

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();

    private QueueFixture fixture;
    private final List<SeatOffer> callbacks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new QueueFixture(redis);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private CallDistributor node(SeatConfig... seats) {
        return fixture.node("node-a", QueueFixture.setup(List.of(seats)), callbacks::add);
    }

    private void later(int seconds) {
        fixture.clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void longestIdleGivesTheCallToTheSeatReadyLongest() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"), seat("2", Map.of("general", 5), "zh"));
        await(d.login("2"));
        later(5);
        await(d.login("1"));
        later(5);

        SeatOffer offer = await(d.enqueue(call("c1", "general", "normal")));

        assertThat(offer.seatId()).isEqualTo("2");
        assertThat(offer.device()).isEqualTo("PJSIP/2");
    }

    @Test
    void fewestCallsGivesTheCallToTheSeatThatHandledFewest() {
        CallDistributor d = node(seat("1", Map.of("tax", 5), "zh"), seat("2", Map.of("tax", 5), "zh"));
        await(d.login("1"));
        SeatOffer first = await(d.enqueue(call("c1", "tax", "normal")));
        assertThat(first.seatId()).isEqualTo("1");
        await(d.answered(first));
        await(d.hangupAfterCall(first));
        await(d.ready("1"));
        later(5);
        await(d.login("2"));

        SeatOffer offer = await(d.enqueue(call("c2", "tax", "normal")));

        assertThat(offer.seatId()).as("seat 1 idles longer but has handled one call, seat 2 none").isEqualTo("2");
    }

    @Test
    void highestSkillGivesTheCallToTheMostSkilledReadySeat() {
        CallDistributor d = node(seat("1", Map.of("enterprise", 3), "zh"), seat("2", Map.of("enterprise", 9), "zh"),
                seat("3", Map.of("enterprise", 6), "zh"));
        await(d.login("1"));
        later(1);
        await(d.login("3"));
        later(1);
        await(d.login("2"));

        assertThat(await(d.enqueue(call("c1", "enterprise", "normal"))).seatId()).isEqualTo("2");
        assertThat(await(d.enqueue(call("c2", "enterprise", "normal"))).seatId()).isEqualTo("3");
    }

    @Test
    void seatWithoutTheQueueLanguageIsNeverOffered() {
        CallDistributor d = node(seat("zh-only", Map.of("foreign", 9), "zh"), seat("en", Map.of("foreign", 2), "en"));
        await(d.login("zh-only"));
        CompletableFuture<SeatOffer> offer = enqueued(d, call("c1", "foreign", "normal")).toCompletableFuture();
        assertThat(await(d.position(call("c1", "foreign", "normal")))).isEqualTo(1);

        await(d.login("en"));

        assertThat(await(offer).seatId()).isEqualTo("en");
    }

    @Test
    void urgentCallIsServedBeforeAnEarlierNormalCall() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"));
        CompletableFuture<SeatOffer> normal = enqueued(d, call("normal", "general", "normal")).toCompletableFuture();
        later(30);
        CompletableFuture<SeatOffer> urgent = enqueued(d, call("urgent", "general", "urgent")).toCompletableFuture();
        assertThat(await(d.position(call("urgent", "general", "urgent")))).isEqualTo(1);

        await(d.login("1"));

        assertThat(await(urgent).seatId()).isEqualTo("1");
        assertThat(normal).isNotDone();
    }

    @Test
    void ageingLetsACallThatWaitedLongerThanTheHeadStartGoFirst() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"));
        CompletableFuture<SeatOffer> normal = enqueued(d, call("normal", "general", "normal")).toCompletableFuture();
        later(4 * 60);
        CompletableFuture<SeatOffer> elderly = enqueued(d, call("elderly", "general", "elderly")).toCompletableFuture();
        assertThat(await(d.position(call("elderly", "general", "elderly")))).as("3 min head start < 4 min waited").isEqualTo(2);

        await(d.login("1"));

        assertThat(await(normal).seatId()).isEqualTo("1");
        assertThat(elderly).isNotDone();
    }

    @Test
    void ringNoAnswerPausesTheSeatAndPutsTheCallBackAtTheHead() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"), seat("2", Map.of("general", 5), "zh"));
        await(d.login("1"));
        SeatOffer first = await(d.enqueue(call("c1", "general", "normal")));
        later(10);
        CompletableFuture<SeatOffer> second = enqueued(d, call("c2", "general", "urgent")).toCompletableFuture();

        CompletableFuture<SeatOffer> retry = d.ringNoAnswer(first).toCompletableFuture();
        assertThat(await(d.position(call("c1", "general", "normal")))).as("ahead of even an urgent call").isEqualTo(1);
        assertThat(seatState(d, "1")).isEqualTo("paused");
        assertThat(seatInRedis(d, "1").path("reason").asText()).isEqualTo("no answer");

        await(d.login("2"));

        assertThat(await(retry).seatId()).isEqualTo("2");
        assertThat(second).isNotDone();
    }

    @Test
    void callerWhoHangsUpWhileWaitingLeavesAtOnceAndCountsAsAbandoned() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"));
        WaitingCall gone = call("gone", "general", "normal");
        CompletableFuture<SeatOffer> goneOffer = enqueued(d, gone).toCompletableFuture();
        CompletableFuture<SeatOffer> next = enqueued(d, call("next", "general", "normal")).toCompletableFuture();

        await(d.abandon(gone));
        assertThat(await(d.position(call("next", "general", "normal")))).isEqualTo(1);
        await(d.login("1"));

        assertThat(await(next).callId()).isEqualTo("next");
        assertThat(goneOffer).isCancelled();
        assertThat(queueStats(d, "general").path("counters").toString()).contains("\"abandoned\",\"1\"");
    }

    @Test
    void afterACallTheSeatWrapsUpForTheQueueWrapUpTimeThenTakesTheNextCall() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"));
        await(d.login("1"));
        SeatOffer offer = await(d.enqueue(call("c1", "general", "normal")));
        await(d.answered(offer));
        assertThat(seatState(d, "1")).isEqualTo("oncall");
        later(60);
        await(d.hangupAfterCall(offer));
        CompletableFuture<SeatOffer> next = enqueued(d, call("c2", "general", "normal")).toCompletableFuture();

        later(9);
        d.tick();
        assertThat(seatState(d, "1")).isEqualTo("wrapup");
        assertThat(next).isNotDone();

        later(1);
        d.tick();
        assertThat(await(next).seatId()).isEqualTo("1");
        assertThat(seatInRedis(d, "1").path("calls").asInt()).isEqualTo(1);
    }

    @Test
    void callbackKeepsItsPlaceAndGoesToTheDialerWhenItsTurnComes() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"));
        WaitingCall first = call("first", "general", "normal");
        CompletableFuture<SeatOffer> firstOffer = enqueued(d, first).toCompletableFuture();
        later(1);
        CompletableFuture<SeatOffer> second = enqueued(d, call("second", "general", "normal")).toCompletableFuture();

        assertThat(await(d.offerCallback(first, "13900139000"))).isEqualTo(1);
        assertThat(firstOffer).isCancelled();
        await(d.login("1"));

        assertThat(callbacks).singleElement().satisfies(offer -> {
            assertThat(offer.callId()).isEqualTo("first");
            assertThat(offer.callback()).isTrue();
            assertThat(offer.callbackNumber()).isEqualTo("13900139000");
            assertThat(offer.seatId()).isEqualTo("1");
        });
        assertThat(second).isNotDone();
    }

    @Test
    void expectedWaitFollowsHandlingTimesAndStaffedSeats() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"), seat("2", Map.of("general", 5), "zh"));
        await(d.login("1"));
        SeatOffer offer = await(d.enqueue(call("c1", "general", "normal")));
        await(d.answered(offer));
        later(110);
        await(d.hangupAfterCall(offer));
        await(d.pause("1", "lunch"));
        WaitingCall waiting = call("c2", "general", "normal");
        enqueued(d, waiting);
        enqueued(d, call("c3", "general", "normal"));
        WaitingCall third = call("c4", "general", "normal");
        enqueued(d, third);
        assertThat(await(d.expectedWait(third))).as("nobody staffed: no estimate").isEmpty();

        await(d.ready("1"));
        WaitEstimate oneSeat = await(d.estimate(third));
        await(d.login("2"));
        WaitEstimate twoSeats = await(d.estimate(third));

        // seat 1 took c2 when it became ready, so c4 is second; (110 s handling + 10 s wrap-up) per call
        assertThat(oneSeat.position()).isEqualTo(2);
        assertThat(oneSeat.expectedWait()).contains(Duration.ofSeconds(240));
        assertThat(twoSeats.position()).isEqualTo(1);
        assertThat(twoSeats.expectedWait()).contains(Duration.ofSeconds(60));
    }

    @Test
    void overflowMovesAWaitingCallToAnotherQueueKeepingItsRankInTime() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"));
        CompletableFuture<SeatOffer> early = enqueued(d, call("early", "enterprise", "normal")).toCompletableFuture();
        later(60);
        CompletableFuture<SeatOffer> later = enqueued(d, call("later", "general", "normal")).toCompletableFuture();

        assertThat(await(d.moveToQueue(call("early", "enterprise", "normal"), "general"))).isEqualTo(1);
        await(d.login("1"));

        assertThat(await(early).queue()).as("now served as a general call").isEqualTo("general");
        assertThat(early.join().seatId()).isEqualTo("1");
        assertThat(later).isNotDone();
        assertThat(queueStats(d, "enterprise").path("counters").toString()).contains("\"overflowed\",\"1\"");
    }

    /** A call centre's "not ready after this call": asked during the call, it takes effect when the wrap-up ends. */
    @Test
    void aSeatPausedDuringACallWrapsUpThenPausesAndIsOfferedNothing() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"));
        await(d.login("1"));
        SeatOffer offer = await(d.enqueue(call("c1", "general", "normal")));
        await(d.answered(offer));

        await(d.pause("1", "break"));
        assertThat(seatState(d, "1")).as("the call goes on").isEqualTo("oncall");
        CompletableFuture<SeatOffer> next = enqueued(d, call("c2", "general", "normal"));
        await(d.hangupAfterCall(offer));
        assertThat(seatState(d, "1")).as("after-call work first").isEqualTo("wrapup");
        later((int) QueueFixture.WRAP_UP.toSeconds());
        d.tick();

        assertThat(seatState(d, "1")).isEqualTo("paused");
        assertThat(seatInRedis(d, "1").path("reason").asText()).isEqualTo("break");
        assertThat(next).isNotDone();
        await(d.ready("1"));
        assertThat(await(next).seatId()).isEqualTo("1");
    }

    @Test
    void aPauseAskedForDuringACallIsWithdrawnByGoingReadyBeforeItEnds() {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"));
        await(d.login("1"));
        SeatOffer offer = await(d.enqueue(call("c1", "general", "normal")));
        await(d.answered(offer));
        await(d.pause("1", "break"));

        await(d.ready("1"));
        await(d.hangupAfterCall(offer));
        later((int) QueueFixture.WRAP_UP.toSeconds());
        d.tick();

        assertThat(seatState(d, "1")).isEqualTo("ready");
    }

    @Test
    void aSeatThatDoesNotAnswerIsPausedForThatEvenWhenAPauseWasAskedFor() throws InterruptedException {
        CallDistributor d = node(seat("1", Map.of("general", 5), "zh"));
        await(d.login("1"));
        SeatOffer offer = await(d.enqueue(call("c1", "general", "normal")));
        await(d.pause("1", "lunch"));
        assertThat(seatState(d, "1")).as("still ringing").isEqualTo("offered");

        CompletableFuture<SeatOffer> again = d.ringNoAnswer(offer).toCompletableFuture();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!seatState(d, "1").equals("paused") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(seatState(d, "1")).isEqualTo("paused");
        assertThat(seatInRedis(d, "1").path("reason").asText()).isEqualTo("no answer");
        assertThat(again).isNotDone();
        await(d.ready("1"));
        assertThat(await(again).seatId()).as("ready again, it takes the caller back at the head").isEqualTo("1");
    }

    public static JsonNode seatInRedis(CallDistributor d, String id) {
        for (JsonNode group : d.rawStats()) {
            for (JsonNode seat : group.path("seats")) {
                if (seat.path("id").asText().equals(id)) {
                    return seat;
                }
            }
        }
        throw new AssertionError("no seat " + id + " in Redis");
    }

    public static String seatState(CallDistributor d, String id) {
        return seatInRedis(d, id).path("state").asText();
    }

    public static JsonNode queueStats(CallDistributor d, String id) {
        for (JsonNode group : d.rawStats()) {
            for (JsonNode queue : group.path("queues")) {
                if (queue.path("id").asText().equals(id)) {
                    return queue;
                }
            }
        }
        throw new AssertionError("no queue " + id);
    }
}
