package org.hotline.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

public class AmiLinkTest {

    static final String SECRET = "s3cret-never-logged";
    public static final AmiLinkPolicy FAST = new AmiLinkPolicy(AmiLinkPolicy.EVENT_MASK, Duration.ofSeconds(2),
            Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofMillis(400));

    private FakeAmiPeer peer;
    private AmiLink link;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void startPeer() throws Exception {
        peer = new FakeAmiPeer("ivr", SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        peer.close();
    }

    private AmiLink connect(String secret) {
        link = new AmiLink(new AmiEndpoint("pbx1", "127.0.0.1", peer.port(), "ivr", secret), FAST, List.of(recorder)).start();
        return link;
    }

    @Test
    void logsInWithAChallengeAndAsksOnlyForTheEventClassesItUses() {
        connect(SECRET);
        Eventually.until("link up", link::up);

        Map<String, String> login = peer.actions("Login").get(0);
        assertThat(login).containsEntry("Username", "ivr").containsEntry("AuthType", "MD5")
                .containsEntry("Events", "call,user").doesNotContainKey("Secret");
        assertThat(login.values()).noneMatch(value -> value.contains(SECRET));
        Eventually.until("subscribers told the link is up", () -> recorder.ups.get() == 1);
    }

    @Test
    void eventsOfTheSubscribedClassesReachSubscribersInOrder() {
        connect(SECRET);
        Eventually.until("link up", link::up);

        peer.emit("call", Map.of("Event", "Hangup", "Uniqueid", "1700000000.1", "Channel", "PJSIP/a-1", "Cause", "16"));
        peer.emit("system", Map.of("Event", "Reload", "Module", "manager"));
        peer.emit("call", Map.of("Event", "Hangup", "Uniqueid", "1700000000.2", "Channel", "PJSIP/a-2", "Cause", "16"));

        Eventually.until("two hangups", () -> recorder.hangups().size() == 2);
        assertThat(recorder.hangups()).extracting(HangupEvent::getUniqueId).containsExactly("1700000000.1", "1700000000.2");
        assertThat(recorder.events).noneMatch(event -> event.getClass().getSimpleName().startsWith("Reload"));
    }

    @Test
    void aWrongSecretIsReportedAndRetriedAndTheSecretIsNeverLogged() {
        ListAppender<ILoggingEvent> logs = captureLogs();
        connect("wrong-" + SECRET);

        Eventually.until("login refused", () -> link.status().state() == AmiLinkState.AUTH_FAILED);
        Eventually.until("login retried", () -> peer.actions("Login").size() >= 2);
        assertThat(link.status().lastError()).contains("login refused for user ivr");
        assertThat(link.status().toString()).doesNotContain(SECRET);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(SECRET));
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void whenThePeerDiesMidSessionTheLinkReconnectsLogsInAgainAndReReadsState() throws Exception {
        connect(SECRET);
        Eventually.until("link up", link::up);
        Eventually.until("first state read", () -> recorder.ups.get() == 1);

        peer.stop();
        Eventually.until("link seen down", () -> link.status().state() != AmiLinkState.UP);
        Eventually.until("subscribers told the link is down", () -> recorder.downs.get() == 1);
        peer.restart();

        Eventually.until("link up again", link::up);
        Eventually.until("state re-read after reconnect", () -> recorder.ups.get() == 2);
        assertThat(peer.actions("Login")).hasSize(2);
        assertThat(peer.actions("Login").get(1)).containsEntry("Events", "call,user");
        assertThat(link.status().reconnects()).isEqualTo(1);

        peer.emit("call", Map.of("Event", "Hangup", "Uniqueid", "1700000000.9", "Channel", "PJSIP/a-9", "Cause", "16"));
        Eventually.until("events flow on the new session", () -> recorder.hangups().size() == 1);
        assertThat(peer.loggedInSessions()).as("asterisk-java's own reconnect must not add a second session").isEqualTo(1);
    }

    @Test
    void anAsteriskThatIsDownAtStartUpIsRetriedUntilItComes() throws Exception {
        peer.stop();
        connect(SECRET);
        Eventually.until("connect attempt failed", () -> link.status().state() == AmiLinkState.DOWN
                && link.status().lastError() != null && !link.status().lastError().equals("not started"));

        peer.restart();
        Eventually.until("link up", link::up);
    }

    @Test
    void malformedPacketsAreSkippedAndTheLinkStaysUp() {
        connect(SECRET);
        Eventually.until("link up", link::up);

        peer.sendRaw("this line has no colon\r\n\r\n");
        peer.sendRaw("Event: \r\n: no name\r\n\r\n");
        peer.sendRaw("Event: Hangup\r\nUniqueid\r\nCause: not-a-number\r\n\r\n");
        peer.sendRaw("\u0000\u0001\u00ff garbage\r\n\r\n");
        peer.emit("call", Map.of("Event", "Hangup", "Uniqueid", "1700000000.5", "Channel", "PJSIP/a-5", "Cause", "16"));

        Eventually.until("the good event after the garbage", () -> recorder.hangups().stream()
                .anyMatch(event -> "1700000000.5".equals(event.getUniqueId())));
        assertThat(link.up()).isTrue();
        assertThat(link.status().reconnects()).isZero();
    }

    @Test
    void slowAnswersWithinTheTimeoutAreWaitedFor() {
        peer.responseDelayMillis = 300;
        connect(SECRET);

        Eventually.until("link up despite slow answers", link::up);
        Eventually.until("a ping answered slowly", () -> peer.actions("Ping").size() >= 2);
        assertThat(link.status().reconnects()).isZero();
    }

    @Test
    void aPeerThatStopsAnsweringIsTreatedAsDroppedAndReconnected() {
        connect(SECRET);
        Eventually.until("link up", link::up);

        peer.responseDelayMillis = 3000;
        Eventually.until("hung peer detected by ping", () -> link.status().reconnects() >= 1);
        assertThat(link.status().lastError()).contains("ping");
        peer.responseDelayMillis = 0;
        Eventually.until("link up again", Duration.ofSeconds(20), link::up);
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    public static final class Recorder implements AmiSubscriber {
        public final List<ManagerEvent> events = new CopyOnWriteArrayList<>();
        public final AtomicInteger ups = new AtomicInteger();
        public final AtomicInteger downs = new AtomicInteger();

        @Override
        public void onEvent(AmiLink link, ManagerEvent event) {
            events.add(event);
        }

        @Override
        public void onLinkUp(AmiLink link) {
            ups.incrementAndGet();
        }

        @Override
        public void onLinkDown(AmiLink link) {
            downs.incrementAndGet();
        }

        List<HangupEvent> hangups() {
            return events.stream().filter(HangupEvent.class::isInstance).map(HangupEvent.class::cast).toList();
        }
    }
}
