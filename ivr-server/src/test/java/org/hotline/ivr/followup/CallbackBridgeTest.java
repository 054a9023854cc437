package org.hotline.ivr.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.ivr.queue.CallDistributorRoutingTest.seatInRedis;
import static org.hotline.ivr.queue.CallDistributorRoutingTest.seatState;
import static org.hotline.ivr.queue.QueueFixture.await;
import static org.hotline.ivr.queue.QueueFixture.call;
import static org.hotline.ivr.queue.QueueFixture.enqueued;
import static org.hotline.ivr.queue.QueueFixture.seat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.followup.CallbackBridge;
import org.hotline.ivr.queue.QueueFixture;
import org.hotline.ivr.queue.WaitingCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's side of AMI callbacks, with a dialer that answers as the test says. */
class CallbackBridgeTest {

    private QueueFixture fixture;
    private final List<CallbackRequest> requests = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<CallbackOutcome>> results = new CopyOnWriteArrayList<>();
    private CallDistributor distributor;

    @BeforeEach
    void start() throws Exception {
        fixture = new QueueFixture();
        distributor = fixture.unstartedNode("node-a", QueueFixture.setup(List.of(seat("1", Map.of("general", 5), "zh"),
                seat("2", Map.of("general", 5), "zh"))));
        CallbackBridge bridge = new CallbackBridge(request -> {
            requests.add(request);
            CompletableFuture<CallbackOutcome> result = new CompletableFuture<>();
            results.add(result);
            return result;
        }, distributor);
        distributor.handCallbacksTo(bridge).start();
        WaitingCall waiting = call("cb", "general", "normal");
        enqueued(distributor, waiting);
        await(distributor.offerCallback(waiting, "13900139000"));
        await(distributor.login("1"));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private void finish(CallbackOutcome.Result result) throws InterruptedException {
        results.get(0).complete(new CallbackOutcome("cb", result, List.of()));
        for (int i = 0; i < 400 && seatState(distributor, "1").equals("offered"); i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void theSeatIsRungFirstWithTheCitizensNumberAndIsOnCallOnceConnected() throws Exception {
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.seatId()).isEqualTo("1");
            assertThat(request.seatDevice()).isEqualTo("PJSIP/1");
            assertThat(request.citizenNumber()).isEqualTo("13900139000");
        });

        finish(CallbackOutcome.Result.CONNECTED);

        assertThat(seatState(distributor, "1")).isEqualTo("oncall");
    }

    @Test
    void aSeatThatDoesNotAnswerIsPausedAndTheCallbackGoesToTheNextSeat() throws Exception {
        finish(CallbackOutcome.Result.SEAT_NOT_REACHED);
        await(distributor.login("2"));

        assertThat(seatInRedis(distributor, "1").path("reason").asText()).isEqualTo("no answer");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).seatId()).isEqualTo("2");
    }

    @Test
    void aCitizenWhoCannotBeReachedFreesTheSeatAndEndsTheCallback() throws Exception {
        finish(CallbackOutcome.Result.CITIZEN_NOT_REACHED);

        assertThat(seatState(distributor, "1")).isEqualTo("ready");
        await(distributor.login("2"));
        assertThat(requests).hasSize(1);
    }
}
