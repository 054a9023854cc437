package org.hotline.ivr.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ami.Eventually;
import org.hotline.ivr.ami.ServerWithAmiPeer;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderContact;
import org.hotline.ivr.queue.QueueRecords;
import org.hotline.ivr.queue.WaitingCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callbacks in the running server, AMI spoken over TCP by a fake Asterisk: each attempt's outcome lands on the
 * call's order, an unreached citizen frees the seat and is tried again after {@code ami.callback.retryDelay}
 * (configured through the environment), and a connected callback's end sends the seat to wrap-up.
 */
class AmiCallbackInServerTest {

    private static final String CALL = "1764000000.501";
    private static final String NUMBER = "13900139000";

    @TempDir
    Path data;
    private ServerWithAmiPeer node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private DraftOrder callbackWaitingForSeat1001(String retryDelay) throws Exception {
        node = ServerWithAmiPeer.start(data, Map.of("IVR_AMI_CALLBACK_RETRY_DELAY", retryDelay,
                "IVR_AMI_CALLBACK_MAX_ATTEMPTS", "2"), Map.of());
        DraftOrder order = node.draft(CALL, NUMBER, "小区路灯坏了");
        await(node.distributor().enqueueCallback(new WaitingCall(CALL, "zh-general", "", "zh", NUMBER)));
        await(node.distributor().login("1001"));
        return order;
    }

    private void seatAnswers(Map<String, String> originate) {
        node.peer.emit("call", Map.of("Event", "OriginateResponse", "ActionID", originate.get("ActionID"),
                "Response", "Success", "Channel", originate.get("Channel"), "Reason", "4", "Uniqueid", "1764000000.9"));
    }

    private void dialplanReports(String event, int attempt, String dialStatus) {
        node.peer.emit("user", Map.of("Event", "UserEvent", "UserEvent", event, "CallbackId", CALL,
                "Attempt", Integer.toString(attempt), "DialStatus", dialStatus));
    }

    private List<OrderContact> contactsOnceThereAre(String orderId, int count) {
        Eventually.until(count + " contact(s) on order " + orderId, () -> node.contacts(orderId).size() >= count);
        return node.contacts(orderId);
    }

    @Test
    void anUnansweredCitizenIsRecordedOnTheOrderAndTheSeatIsFreedUntilTheRetry() throws Exception {
        DraftOrder order = callbackWaitingForSeat1001("1h");

        Map<String, String> first = node.peer.awaitOriginate(CALL);
        assertThat(first).containsEntry("Channel", "Local/1001@test-seat").containsEntry("Context", "ivr-callback")
                .containsEntry("Exten", "s").containsEntry("Timeout", "20000");
        assertThat(first.get("Variable")).contains("CALLBACK_ATTEMPT=1").contains("CALLBACK_DIAL=PJSIP/" + NUMBER + "@trunk");
        seatAnswers(first);
        dialplanReports("CallbackDialed", 1, "NOANSWER");

        OrderContact contact = contactsOnceThereAre(order.orderId(), 1).get(0);
        assertThat(contact.kind()).isEqualTo("callback");
        assertThat(contact.attempt()).isEqualTo(1);
        assertThat(contact.outcome()).isEqualTo("no-answer");
        assertThat(contact.detail()).contains("NOANSWER").contains("seat 1001");
        assertThat(contact.at()).isNotBlank();
        Eventually.until("seat 1001 ready again", () -> node.seatState("1001").equals("ready"));
        assertThat(node.queueStats("zh-general").path("waiting").asInt()).as("waiting for its retry, not queued").isZero();
        assertThat(node.counter("zh-general", "abandoned")).isZero();
        assertThat(node.server.orders().store().get(order.orderId()).orElseThrow().history())
                .anySatisfy(edit -> assertThat(edit.newValue()).contains("callback attempt 1: no-answer"));
    }

    @Test
    void aBusyCitizenIsTriedAgainAndTheConnectedCallbackEndsInWrapUp() throws Exception {
        DraftOrder order = callbackWaitingForSeat1001("200ms");

        seatAnswers(node.peer.awaitOriginate(CALL, 1));
        dialplanReports("CallbackDialed", 1, "BUSY");
        Map<String, String> second = node.peer.awaitOriginate(CALL, 2);
        assertThat(second.get("Variable")).contains("CALLBACK_ATTEMPT=2");
        seatAnswers(second);
        dialplanReports("CallbackAnswered", 2, "");

        List<OrderContact> contacts = contactsOnceThereAre(order.orderId(), 2);
        assertThat(contacts).extracting(OrderContact::attempt, OrderContact::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "busy"),
                        org.assertj.core.groups.Tuple.tuple(2, "answered"));
        Eventually.until("seat 1001 on call", () -> node.seatState("1001").equals("oncall"));

        dialplanReports("CallbackDialed", 2, "ANSWER");
        Eventually.until("seat 1001 in wrap-up after the conversation", () -> node.seatState("1001").equals("wrapup"));
        assertThat(node.counter("zh-general", "handled")).isEqualTo(1);
    }

    @Test
    void aConversationThatEndsWhileTheAmiLinkIsDownStillSendsTheSeatToWrapUp() throws Exception {
        callbackWaitingForSeat1001("1h");
        seatAnswers(node.peer.awaitOriginate(CALL));
        dialplanReports("CallbackAnswered", 1, "");
        Eventually.until("seat 1001 on call", () -> node.seatState("1001").equals("oncall"));

        node.peer.stop();                                      // the CallbackDialed ANSWER is lost with the link
        Eventually.until("AMI link down", () -> node.server.ami().links().anyUp().isEmpty());
        node.peer.restart();                                   // and the seat's channel is gone from Status

        Eventually.until("seat 1001 in wrap-up", () -> node.seatState("1001").equals("wrapup"));
    }

    @Test
    void aRetriedCallbackIsQueuedAgainWithItsLanguageAndPriorityClass() throws Exception {
        node = ServerWithAmiPeer.start(data, Map.of("IVR_AMI_CALLBACK_RETRY_DELAY", "200ms",
                "IVR_AMI_CALLBACK_MAX_ATTEMPTS", "2"), Map.of());
        await(node.distributor().enqueueCallback(new WaitingCall(CALL, "zh-general", "elderly", "zh", NUMBER)));
        await(node.distributor().login("1001"));

        seatAnswers(node.peer.awaitOriginate(CALL, 1));
        dialplanReports("CallbackDialed", 1, "NOANSWER");
        node.peer.awaitOriginate(CALL, 2);

        QueueRecords.Call queued = node.distributor().records().call(CALL).orElseThrow();
        assertThat(queued.language()).isEqualTo("zh");
        assertThat(queued.priorityClass()).isEqualTo("elderly");
        assertThat(queued.number()).isEqualTo(NUMBER);
        assertThat(queued.kind()).isEqualTo("callback");
    }

    @Test
    void aSeatWhosePhoneDoesNotAnswerIsRecordedPausedAndTheCallbackWaitsForAnotherSeat() throws Exception {
        DraftOrder order = callbackWaitingForSeat1001("1h");

        node.peer.originateResponse(node.peer.awaitOriginate(CALL), false);

        OrderContact contact = contactsOnceThereAre(order.orderId(), 1).get(0);
        assertThat(contact.attempt()).isEqualTo(1);
        assertThat(contact.outcome()).isEqualTo("seat-unreachable");
        Eventually.until("seat 1001 paused", () -> node.seatState("1001").equals("paused"));
        Eventually.until("callback back in its queue", () -> node.queueStats("zh-general").path("waiting").asInt() == 1);
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
