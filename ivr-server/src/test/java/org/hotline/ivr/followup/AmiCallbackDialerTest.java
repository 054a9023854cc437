package org.hotline.ivr.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ami.AmiEndpoint;
import org.hotline.ivr.ami.AmiLinkTest;
import org.hotline.ivr.ami.AmiLinks;
import org.hotline.ivr.ami.Eventually;
import org.hotline.ivr.ami.FakeAmiPeer;
import org.hotline.ivr.ami.Originator;
import org.hotline.ivr.followup.CallbackOutcome.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmiCallbackDialerTest {

    static final CallbackPolicy POLICY = new CallbackPolicy("ivr-callback", "PJSIP/{number}@trunk", "12345",
            Duration.ofSeconds(20), Duration.ofSeconds(40), 3, Duration.ofMillis(50));
    static final CallbackRequest REQUEST = new CallbackRequest("cb-7", "WO-20261125-0042", "seat-1", "PJSIP/1001",
            "13800138000");

    private FakeAmiPeer peer;
    private AmiLinks links;
    private ScheduledExecutorService timers;
    private final List<CallbackOutcome> recorded = new CopyOnWriteArrayList<>();
    private final List<CallbackRequest> ended = new CopyOnWriteArrayList<>();
    /** Whether recording fails, as when Redis is away while the order is written. */
    private volatile boolean recordingFails;
    private AmiCallbackDialer dialer;
    /** Subscribed last: once it has an event, the dialer has handled it (same thread, in order). */
    private final AmiLinkTest.Recorder seen = new AmiLinkTest.Recorder();

    @BeforeEach
    void start() throws Exception {
        peer = new FakeAmiPeer("ivr", "pw");
        timers = Executors.newSingleThreadScheduledExecutor();
        links = new AmiLinks(List.of(new AmiEndpoint("pbx1", "127.0.0.1", peer.port(), "ivr", "pw")), AmiLinkTest.FAST);
        Originator originator = new Originator(links, timers);
        dialer = new AmiCallbackDialer(originator, POLICY, timers).reportTo(new CallbackOutcomes() {
            @Override
            public void record(CallbackRequest request, CallbackOutcome outcome) {
                recorded.add(outcome);
                if (recordingFails) {
                    throw new IllegalStateException("redis down");
                }
            }

            @Override
            public void callEnded(CallbackRequest request) {
                ended.add(request);
            }
        });
        links.start(List.of(originator, dialer, seen));
        Eventually.until("link up", () -> links.anyUp().isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        links.close();
        peer.close();
        timers.shutdownNow();
    }

    private Map<String, String> originate(int nth) {
        Eventually.until("originate #" + nth, () -> peer.actions("Originate").size() >= nth);
        return peer.actions("Originate").get(nth - 1);
    }

    private void seatAnswers(Map<String, String> originate) {
        peer.emit("call", Map.of("Event", "OriginateResponse", "ActionID", originate.get("ActionID"), "Response", "Success",
                "Channel", "PJSIP/1001-00000001", "Reason", "4", "Uniqueid", "1764000000.21"));
    }

    private void citizen(String event, int attempt, String dialStatus) {
        peer.emit("user", Map.of("Event", "UserEvent", "UserEvent", event, "CallbackId", "cb-7",
                "Attempt", Integer.toString(attempt), "DialStatus", dialStatus));
    }

    @Test
    void theSeatIsRungFirstThenItsChannelDialsTheCitizenWithTheHotlineCallerId() throws Exception {
        CompletableFuture<CallbackOutcome> outcome = dialer.dial(REQUEST).toCompletableFuture();

        Map<String, String> originate = originate(1);
        assertThat(originate).containsEntry("Channel", "PJSIP/1001").containsEntry("Context", "ivr-callback")
                .containsEntry("Exten", "s").containsEntry("Priority", "1").containsEntry("Timeout", "20000")
                .containsEntry("Async", "true").containsEntry("CallerID", "\"Callback WO-20261125-0042\" <12345>");
        assertThat(originate.get("Variable").split(",")).contains("CALLBACK_ID=cb-7", "CALLBACK_ATTEMPT=1",
                "CALLBACK_DIAL=PJSIP/13800138000@trunk", "CALLBACK_TIMEOUT=40", "CALLBACK_CALLERID=12345");

        seatAnswers(originate);
        citizen("CallbackAnswered", 1, "ANSWER");

        CallbackOutcome result = outcome.get(10, TimeUnit.SECONDS);
        assertThat(result.result()).isEqualTo(Result.CONNECTED);
        assertThat(result.attempts()).hasSize(1);
        assertThat(result.seatChannel()).as("what tells other nodes the conversation goes on").isEqualTo("1764000000.21");
        Eventually.until("outcome recorded for the order", () -> recorded.size() == 1);

        citizen("CallbackDialed", 1, "ANSWER");                 // the conversation is over
        Eventually.until("seat told the call ended", () -> ended.size() == 1);
        assertThat(ended.get(0)).isEqualTo(REQUEST);
    }

    @Test
    void aConnectedCallbackStaysConnectedWhenItsOutcomeCannotBeRecorded() throws Exception {
        recordingFails = true;
        CompletableFuture<CallbackOutcome> outcome = dialer.dial(REQUEST).toCompletableFuture();

        seatAnswers(originate(1));
        citizen("CallbackAnswered", 1, "ANSWER");

        assertThat(outcome.get(10, TimeUnit.SECONDS).result()).isEqualTo(Result.CONNECTED);
        assertThat(recorded).hasSize(1);
        citizen("CallbackDialed", 1, "ANSWER");
        Eventually.until("seat told the call ended", () -> ended.size() == 1);
    }

    @Test
    void aConversationThatEndedWhileTheLinkWasDownSendsTheSeatToWrapUpOnceItIsBack() throws Exception {
        connectedCallback();

        peer.stop();
        Eventually.until("link down", () -> links.anyUp().isEmpty());
        peer.restart();                                        // the seat channel is gone from Asterisk's list

        Eventually.until("seat told the call ended", () -> ended.size() == 1);
        assertThat(ended.get(0)).isEqualTo(REQUEST);
    }

    @Test
    void aConversationStillGoingAfterTheReconnectEndsWhenTheDialplanSaysSo() throws Exception {
        connectedCallback();
        peer.channels.add(Map.of("Channel", "PJSIP/1001-00000001", "Uniqueid", "1764000000.21", "State", "Up"));

        peer.stop();
        Eventually.until("link down", () -> links.anyUp().isEmpty());
        peer.restart();
        Eventually.until("link back and handled", () -> seen.ups.get() == 2);
        assertThat(ended).isEmpty();

        citizen("CallbackDialed", 1, "ANSWER");
        Eventually.until("seat told the call ended", () -> ended.size() == 1);
    }

    private void connectedCallback() throws Exception {
        CompletableFuture<CallbackOutcome> outcome = dialer.dial(REQUEST).toCompletableFuture();
        seatAnswers(originate(1));
        citizen("CallbackAnswered", 1, "ANSWER");
        assertThat(outcome.get(10, TimeUnit.SECONDS).result()).isEqualTo(Result.CONNECTED);
    }

    @Test
    void aCitizenWhoDoesNotAnswerIsCalledAgainPerPolicy() throws Exception {
        CompletableFuture<CallbackOutcome> outcome = dialer.dial(REQUEST).toCompletableFuture();

        seatAnswers(originate(1));
        citizen("CallbackDialed", 1, "NOANSWER");
        Map<String, String> second = originate(2);
        assertThat(second.get("Variable")).contains("CALLBACK_ATTEMPT=2");
        seatAnswers(second);
        citizen("CallbackAnswered", 2, "ANSWER");

        CallbackOutcome result = outcome.get(10, TimeUnit.SECONDS);
        assertThat(result.result()).isEqualTo(Result.CONNECTED);
        assertThat(result.attempts()).extracting(CallbackOutcome.Attempt::result)
                .containsExactly(Result.CITIZEN_NOT_REACHED, Result.CONNECTED);
    }

    @Test
    void afterTheLastAttemptTheCitizenIsReportedNotReached() throws Exception {
        CompletableFuture<CallbackOutcome> outcome = dialer.dial(REQUEST).toCompletableFuture();

        for (int attempt = 1; attempt <= 3; attempt++) {
            seatAnswers(originate(attempt));
            citizen("CallbackDialed", attempt, attempt == 2 ? "BUSY" : "NOANSWER");
        }

        CallbackOutcome result = outcome.get(10, TimeUnit.SECONDS);
        assertThat(result.result()).isEqualTo(Result.CITIZEN_NOT_REACHED);
        assertThat(result.attempts()).extracting(CallbackOutcome.Attempt::detail).containsExactly("NOANSWER", "BUSY", "NOANSWER");
        assertThat(peer.actions("Originate")).hasSize(3);
    }

    @Test
    void aSeatThatDoesNotAnswerEndsTheCallbackAtOnceForAnotherSeatToTake() throws Exception {
        CompletableFuture<CallbackOutcome> outcome = dialer.dial(REQUEST).toCompletableFuture();

        peer.emit("call", Map.of("Event", "OriginateResponse", "ActionID", originate(1).get("ActionID"),
                "Response", "Failure", "Channel", "PJSIP/1001", "Reason", "3"));

        CallbackOutcome result = outcome.get(10, TimeUnit.SECONDS);
        assertThat(result.result()).isEqualTo(Result.SEAT_NOT_REACHED);
        assertThat(result.attempts().get(0).detail()).contains("reason 3");
        assertThat(peer.actions("Originate")).hasSize(1);
    }

    @Test
    void aLinkLostWhileTheCitizensPhoneRingsIsReportedUnknownAndNotRetried() throws Exception {
        CompletableFuture<CallbackOutcome> outcome = dialer.dial(REQUEST).toCompletableFuture();
        seatAnswers(originate(1));
        Eventually.until("seat leg handled", () -> seen.events.stream()
                .anyMatch(org.asteriskjava.manager.event.OriginateResponseEvent.class::isInstance));

        peer.stop();

        CallbackOutcome result = outcome.get(10, TimeUnit.SECONDS);
        assertThat(result.result()).isEqualTo(Result.UNKNOWN);
        assertThat(result.attempts()).hasSize(1);
    }

    @Test
    void withAsteriskGoneEveryAttemptFailsAndTheOutcomeSaysSo() throws Exception {
        peer.stop();
        Eventually.until("link down", () -> links.anyUp().isEmpty());

        CallbackOutcome result = dialer.dial(REQUEST).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(result.result()).isEqualTo(Result.FAILED);
        assertThat(result.attempts()).hasSize(3).allMatch(attempt -> attempt.detail().contains("LINK_LOST"));
    }
}
