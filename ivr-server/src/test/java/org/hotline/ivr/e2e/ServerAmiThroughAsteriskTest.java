package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.SetVarAction;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.followup.survey.RatesReport;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderContact;
import org.hotline.ivr.order.OrderContacts;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.WaitingCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole {@link IvrServer} with AMI enabled (logged in as the project's least-privilege {@code ivr} user,
 * configured by {@code IVR_*} variables) against the real Asterisk 22 and the project's dialplan: a closed order's
 * survey runs the survey flow and its answers reach the order and the rates; a queued callback rings seat 1001's
 * phone, then the citizen, is recorded on the order, and the seat goes to wrap-up when the citizen hangs up.
 */
class ServerAmiThroughAsteriskTest {

    private static Path workDir;
    private static int amiPort;
    private static String secret;
    private static IvrServer server;
    private static AsteriskRun asterisk;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> home = SharedAsterisk.locate();
        Assumptions.assumeTrue(home.isPresent(), "no Asterisk build at ../shared/asterisk (nor $" + SharedAsterisk.ENV
                + "): the survey through a real Asterisk is skipped");
        workDir = Files.createTempDirectory("ivr-survey-e2e-");
        amiPort = AsteriskRig.freePort();
        secret = "s-" + UUID.randomUUID();
        IvrConfig config = new ConfigLoader(Map.of("IVR_HOME", SharedAsterisk.repositoryRoot().toString(),
                "IVR_AMI_ENABLED", "true", "IVR_AMI_SERVERS_0_PORT", Integer.toString(amiPort), "IVR_AMI_SECRET", secret,
                "IVR_AMI_SURVEY_DELAY", "0s", "IVR_AMI_SURVEY_QUIET_HOURS", "", "IVR_AMI_SURVEY_MAX_ATTEMPTS", "1",
                // The simulated citizen of the test dialplan stands for PJSIP/{number}@trunk.
                "IVR_AMI_SURVEY_CITIZEN_DIAL", "Local/caller@test-caller",
                "IVR_AMI_CALLBACK_CITIZEN_DIAL", "Local/caller@test-caller")).load(null).withPorts(0, 0, 0);
        server = IvrServer.start(config.withRedis(new IvrConfig.Redis("", workDir.resolve("redis"), Duration.ofSeconds(2))));
        Path dialplan = TestDialplan.write(SharedAsterisk.repositoryRoot(), "127.0.0.1", server.agiPort(),
                workDir.resolve("extensions.conf"));
        Path moh = Files.createDirectories(workDir.resolve("moh"));
        TestSounds.writeHoldMusic(moh);
        asterisk = AsteriskRun.start(home.get(), Files.createDirectories(workDir.resolve("asterisk")), amiPort,
                server.agiPort(), secret, dialplan, moh);
        installProjectManagerUser();
        int pitch = 400;
        for (String prompt : List.of("survey-intro", "survey-resolved", "survey-satisfied", "invalid-choice",
                "survey-thanks")) {
            TestSounds.writeTone(asterisk.soundsDir().resolve("en/" + prompt + ".wav"), pitch += 100, 1000);
        }
        until("AMI link up", () -> server.ami().links().anyUp().isPresent());
    }

    /** Our [ivr] user from config/asterisk/manager.conf instead of the shared build's broader one. */
    private static void installProjectManagerUser() throws Exception {
        String ours = Files.readString(SharedAsterisk.repositoryRoot().resolve("config/asterisk/manager.conf"));
        String ivrUser = ours.substring(ours.indexOf("[ivr]")).replace("secret = CHANGE_ME", "secret = " + secret);
        Path managerConf = asterisk.runDir().resolve("etc/manager.conf");
        String shared = Files.readString(managerConf);
        Files.writeString(managerConf, shared.substring(0, shared.indexOf("[ivr]")) + ivrUser + "\n"
                + shared.substring(shared.indexOf("[test]")));
        asterisk.cli("manager reload");
        assertThat(asterisk.cli("manager show user ivr")).contains("read perm: call,user");
    }

    private long logMark;

    @BeforeEach
    void markAsteriskLog() {
        logMark = new AsteriskLog(asterisk.messagesLog()).mark();
    }

    /** Asterisk must not have complained about anything the server did (a refused action, a bad originate). */
    @AfterEach
    void asteriskHadNoComplaints() {
        new AsteriskLog(asterisk.messagesLog()).assertNoProblemsSince(logMark);
    }

    @AfterAll
    static void stop() throws Exception {
        if (asterisk != null) {
            asterisk.close();
        }
        if (server != null) {
            server.close();
        }
        if (workDir != null) {
            try (var paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aClosedOrdersCitizenAnswersTheSurveyFlowByKeyAndTheAnswersReachTheOrderAndTheRates() throws Exception {
        // The citizen (test-caller, reading globals) answers, waits, then keys 1 and two seconds later 2.
        citizenBehaves("4", "1wwww2", "20");
        DraftOrder order = server.orders().writer().draft(new CallFacts("e2e-survey-1", "13800138000", "zh",
                List.of("1"), "我家楼下的路灯坏了一个星期了", "", null));
        server.orders().store().submit(order.orderId(), "1001");
        server.orders().store().close(order.orderId(), "1001");

        OrderContacts contacts = new OrderContacts(server.redis(), OrderSettings.defaults().keys());
        until("survey answers on the order", () -> !contacts.contacts(order.orderId()).isEmpty());
        OrderContact survey = contacts.contacts(order.orderId()).get(0);
        assertThat(survey.kind()).isEqualTo("survey");
        assertThat(survey.detail()).isEqualTo("resolved=yes satisfaction=basically-satisfied");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        RatesReport rates = server.followups().surveyStore().rates(today, today);
        assertThat(rates.total().counts().surveyed()).isEqualTo(1);
        assertThat(rates.total().resolutionRate()).isEqualTo(1.0);
        assertThat(rates.total().satisfactionRate()).isEqualTo(1.0);
    }

    @Test
    void aQueuedCallbackRingsTheSeatThenTheCitizenAndTheSeatWrapsUpWhenTheyHangUp() throws Exception {
        citizenBehaves("1", "", "3");
        String callId = "e2e-callback-1";
        DraftOrder order = server.orders().writer().draft(new CallFacts(callId, "13800138001", "zh", List.of("1"),
                "噪音扰民", "", null));
        CallDistributor distributor = server.queues().distributor();
        distributor.enqueueCallback(new WaitingCall(callId, "zh-general", "", "zh", "13800138001"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        distributor.login("1001").toCompletableFuture().get(10, TimeUnit.SECONDS);

        OrderContacts contacts = new OrderContacts(server.redis(), OrderSettings.defaults().keys());
        until("the callback attempt on the order", () -> !contacts.contacts(order.orderId()).isEmpty());
        OrderContact attempt = contacts.contacts(order.orderId()).get(0);
        assertThat(attempt.kind()).isEqualTo("callback");
        assertThat(attempt.outcome()).isEqualTo("answered");
        until("seat 1001 on call", () -> seatState(distributor, "1001").equals("oncall"));
        until("seat 1001 in wrap-up once the citizen hung up", () -> seatState(distributor, "1001").equals("wrapup"));
    }

    private static String seatState(CallDistributor distributor, String seatId) {
        for (JsonNode group : distributor.rawStats()) {
            for (JsonNode seat : group.path("seats")) {
                if (seat.path("id").asText().equals(seatId)) {
                    return seat.path("state").asText();
                }
            }
        }
        return "";
    }

    /** What the simulated citizen does once called: WAIT seconds, DIGITS, then HOLD seconds on the line. */
    private static void citizenBehaves(String wait, String digits, String hold) throws Exception {
        ManagerConnection test = new ManagerConnectionFactory("127.0.0.1", amiPort, "test", secret).createManagerConnection();
        test.login("off");
        try {
            test.sendAction(new SetVarAction("WAIT", wait));
            test.sendAction(new SetVarAction("DIGITS", digits));
            test.sendAction(new SetVarAction("HOLD", hold));
        } finally {
            test.logoff();
        }
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; AMI: " + server.ami().links().all());
            }
            Thread.sleep(100);
        }
    }
}
