package org.hotline.ivr.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderEventFeed;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.Orders;
import org.hotline.ivr.order.Receipt;
import org.hotline.ivr.order.ReceiptTexts;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * SMS receipts through a real Kannel (bearerbox, smsbox's HTTP sendsms, Kannel's fake SMSC; one for the class) and
 * a real redis-server: what the fake SMSC was handed is what a phone would get.
 */
class SmsThroughKannelTest {

    private static final Path CONFIG = Path.of("..", "config");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();
    private static Path dir;
    private static KannelRig kannel;

    private Orders orders;
    private SmsOutbox outbox;
    private ReceiptTexts texts;

    @BeforeAll
    static void startKannel() throws Exception {
        Assumptions.assumeTrue(KannelRig.available(), "Kannel (Debian kannel, kannel-extras) not installed: .ci/run installs it");
        dir = Files.createTempDirectory("kannel-test");
        kannel = KannelRig.start(dir.resolve("kannel"));
    }

    @AfterAll
    static void stopKannel() throws Exception {
        if (kannel != null) {
            kannel.close();
        }
    }

    @BeforeEach
    void parts() {
        orders = Orders.create(redis.gateway(), CONFIG, OrderSettings.defaults(), Clock.systemUTC());
        outbox = new SmsOutbox(redis.gateway());
        texts = ReceiptTexts.load(CONFIG.resolve("sms.yaml"));
    }

    private IvrConfig.Sms sms(String password) {
        return IvrConfig.Sms.NONE.withGateway("kannel", kannel.url(), password).withTexts(CONFIG.resolve("sms.yaml"))
                .withRetries(3, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    private SmsSender sender(String password, Clock clock) {
        IvrConfig.Sms config = sms(password);
        return new SmsSender(outbox, KannelGateway.from(config), config.maxAttempts(), config.retryDelay(),
                config.maxRetryDelay(), config.timeout(), clock, new SimpleMeterRegistry());
    }

    private static Clock later(Duration by) {
        return Clock.offset(Clock.systemUTC(), by);
    }

    private DraftOrder described(String callId, String caller, String language, String transcript, String localTime) {
        Instant at = LocalDateTime.parse(localTime).atZone(BEIJING).toInstant();
        return orders.writer().draft(new CallFacts(callId, caller, language, List.of("language:" + language, "1"),
                transcript, "", at, BEIJING));
    }

    @Test
    void aDescribedCallersMobileGetsTheReceiptWithOrderNumberAndDeadlineInTheirLanguage() throws Exception {
        HealthRegistry health = new HealthRegistry();
        try (SmsModule module = SmsModule.start(sms(KannelRig.PASSWORD), "node-a", redis.gateway(), orders,
                new SimpleMeterRegistry(), health)) {
            DraftOrder chinese = described("1764600001.1", "+8613800138001", "zh", "朝阳区双井街道 小区 暖气 不热",
                    "2026-12-02T17:05");
            DraftOrder english = described("1764600001.2", "13900139002", "en", "the street light on my road is broken",
                    "2026-12-02T09:30");
            DraftOrder landline = described("1764600001.3", "01065123456", "zh", "路灯 坏了", "2026-12-02T09:30");
            DraftOrder progressOnly = orders.writer().draft(new CallFacts("1764600001.4", "13700137004", "zh",
                    List.of("3"), "", "", Instant.now(), BEIJING));

            String zh = kannel.awaitTextTo("13800138001", chinese.orderId(), PATIENCE);
            assertThat(zh).contains("工单号" + chinese.orderId()).contains("2026-12-03 10:00");
            assertThat(kannel.received()).filteredOn(part -> part.to().equals("13800138001"))
                    .as("Chinese as UCS-2, longer than one part: concatenated").hasSizeGreaterThan(1)
                    .allSatisfy(part -> {
                        assertThat(part.coding()).isEqualTo("ucs-2");
                        assertThat(part.from()).isEqualTo("12345");
                    });
            String en = kannel.awaitTextTo("13900139002", english.orderId(), PATIENCE);
            assertThat(en).contains("Order number " + english.orderId()).contains("by 2026-12-02 23:59");

            assertThat(outbox.get(ReceiptTexts.RECEIPT + ":" + landline.orderId())).as("a landline gets no SMS").isEmpty();
            assertThat(outbox.get(ReceiptTexts.RECEIPT + ":" + progressOnly.orderId()))
                    .as("a caller who described nothing gets no receipt").isEmpty();
            assertThat(outbox.get(ReceiptTexts.RECEIPT + ":" + chinese.orderId())).get()
                    .satisfies(message -> assertThat(message.state()).isEqualTo("sent"));
            @SuppressWarnings("unchecked")
            Map<String, Object> detail = (Map<String, Object>) health.report().checks().get("sms").detail();
            assertThat(detail).containsEntry("dead", 0L).containsEntry("lastError", "");
        }
    }

    @Test
    void aWrongPasswordIsAClearErrorTheMessageStaysInTheOutboxAndGoesOutOnceFixed() throws Exception {
        Receipt receipt = receipt("1764600002.1", "13800138011");
        assertThat(outbox.enqueue(receipt, Instant.now())).isEqualTo(SmsOutbox.Enqueued.QUEUED);

        SmsSender wrong = sender("not-the-password", Clock.systemUTC());
        assertThat(wrong.sendDue()).isZero();
        SmsOutbox.Message kept = outbox.get(receipt.key()).orElseThrow();
        assertThat(kept.state()).isEqualTo("queued");
        assertThat(kept.attempts()).isEqualTo(1);
        assertThat(kept.lastError()).contains("Authorization failed").contains("HTTP 403").contains("passwordEnv")
                .doesNotContain("not-the-password");
        assertThat(wrong.status().lastError()).contains("Authorization failed");
        assertThat(outbox.queued()).isEqualTo(1);

        // The operator fixes the password and restarts: the message goes out at its next try.
        SmsSender fixed = sender(KannelRig.PASSWORD, later(Duration.ofMinutes(1)));
        assertThat(fixed.sendDue()).isEqualTo(1);
        assertThat(kannel.awaitTextTo("13800138011", receipt.orderId(), PATIENCE)).contains(receipt.orderId());
        assertThat(outbox.get(receipt.key()).orElseThrow().state()).isEqualTo("sent");
        assertThat(outbox.queued()).isZero();
    }

    @Test
    void aGatewayThatIsDownIsRetriedWithBackoffAndAMessageOutOfTriesIsDeadLettered() throws Exception {
        Receipt first = receipt("1764600003.1", "13800138021");
        Receipt second = receipt("1764600003.2", "13800138022");
        outbox.enqueue(first, Instant.now());
        kannel.stopSmsbox();
        try {
            assertThat(sender(KannelRig.PASSWORD, Clock.systemUTC()).sendDue()).isZero();
            assertThat(outbox.get(first.key()).orElseThrow().lastError()).contains("unreachable");
            // Not yet due again before the first delay (30 s) ...
            assertThat(sender(KannelRig.PASSWORD, later(Duration.ofSeconds(10))).sendDue()).isZero();
            assertThat(outbox.get(first.key()).orElseThrow().attempts()).isEqualTo(1);
            // ... due after it, and the next delay is twice as long.
            sender(KannelRig.PASSWORD, later(Duration.ofSeconds(31))).sendDue();
            assertThat(outbox.get(first.key()).orElseThrow().attempts()).isEqualTo(2);
            assertThat(sender(KannelRig.PASSWORD, later(Duration.ofSeconds(31 + 45))).sendDue()).isZero();
            assertThat(outbox.get(first.key()).orElseThrow().attempts()).isEqualTo(2);
            // The third and last try fails too: a dead letter, out of the queue.
            sender(KannelRig.PASSWORD, later(Duration.ofSeconds(31 + 61))).sendDue();
            assertThat(outbox.get(first.key()).orElseThrow().state()).isEqualTo("dead");
            assertThat(outbox.deadLetters(10)).containsExactly(first.key());
            outbox.enqueue(second, Instant.now());
        } finally {
            kannel.startSmsbox();
        }
        // The gateway is back: what is queued goes out; the dead letter waits for an operator to queue it again.
        assertThat(sender(KannelRig.PASSWORD, Clock.systemUTC()).sendDue()).isEqualTo(1);
        assertThat(kannel.awaitTextTo("13800138022", second.orderId(), PATIENCE)).contains(second.orderId());
        assertThat(outbox.requeue(first.key(), Instant.now())).isTrue();
        assertThat(sender(KannelRig.PASSWORD, Clock.systemUTC()).sendDue()).isEqualTo(1);
        assertThat(kannel.awaitTextTo("13800138021", first.orderId(), PATIENCE)).contains(first.orderId());
    }

    @Test
    void aNodeRestartMidSendSendsEachReceiptOnceNotTwice() throws Exception {
        Set<String> events = Set.of("drafted");
        // Node A's first process: it queues the receipt but dies before acknowledging the event, and before its
        // sender's attempt (leased, counted) got anywhere.
        AtomicBoolean dies = new AtomicBoolean(true);
        SmsReceipts receipts = new SmsReceipts(texts, outbox, Clock.systemUTC());
        OrderEventFeed dying = new OrderEventFeed(redis.gateway(), OrderSettings.defaults().keys(), orders.store(),
                SmsModule.GROUP, events, "node-a", order -> {
                    receipts.accept(order);
                    if (dies.get()) {
                        throw new IllegalStateException("killed");
                    }
                });
        DraftOrder order = described("1764600004.1", "13800138031", "zh", "小区 门口 井盖 丢了", "2026-12-02T10:00");
        assertThat(dying.poll()).as("handed, not acknowledged").isZero();
        String key = ReceiptTexts.RECEIPT + ":" + order.orderId();
        assertThat(outbox.claim(Instant.now(), Duration.ofSeconds(35), 10)).containsExactly(key);
        assertThat(outbox.startAttempt(key)).isPresent();

        // Its next process: the event is handed again (queued once: same key), the message is still leased ...
        dies.set(false);
        OrderEventFeed restarted = new OrderEventFeed(redis.gateway(), OrderSettings.defaults().keys(), orders.store(),
                SmsModule.GROUP, events, "node-a", receipts::accept);
        assertThat(restarted.poll()).isEqualTo(1);
        assertThat(restarted.poll()).isZero();
        assertThat(sender(KannelRig.PASSWORD, Clock.systemUTC()).sendDue()).as("still leased to the dead process").isZero();
        // ... and once the lease ends, it is sent, once; later sends of any node find nothing more.
        assertThat(sender(KannelRig.PASSWORD, later(Duration.ofMinutes(1))).sendDue()).isEqualTo(1);
        assertThat(sender(KannelRig.PASSWORD, later(Duration.ofHours(1))).sendDue()).isZero();
        receipts.accept(order);
        assertThat(sender(KannelRig.PASSWORD, later(Duration.ofHours(2))).sendDue()).isZero();

        String text = kannel.awaitTextTo("13800138031", order.orderId(), PATIENCE);
        Thread.sleep(1000);   // a second copy, had one gone to Kannel, would be at the fake SMSC by now
        text = kannel.textTo("13800138031");
        assertThat(text.split(java.util.regex.Pattern.quote(order.orderId()), -1)).as("the order number once").hasSize(2);
        assertThat(outbox.get(key).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void smsSendChecksTheLineExitZeroWhenAcceptedElseTheGatewaysAnswer() throws Exception {
        Path config = dir.resolve("ivr.yaml");
        Files.writeString(config, "sms:\n  gateway: kannel\n  kannel:\n    url: " + kannel.url() + "\n    user: ivr\n");
        Map<String, String> env = new HashMap<>(Map.of("IVR_SMS_PASSWORD", KannelRig.PASSWORD));
        assertThat(smsSend(env, config, "13800138041", "线路测试 line check")).isZero();
        assertThat(kannel.awaitTextTo("13800138041", "线路测试", PATIENCE)).isEqualTo("线路测试 line check");

        env.put("IVR_SMS_PASSWORD", "wrong");
        StringWriter err = new StringWriter();
        assertThat(smsSend(env, config, "13800138042", "x", err)).isEqualTo(1);
        assertThat(err.toString()).contains("Authorization failed for sendsms (HTTP 403)").doesNotContain("wrong");

        env.remove("IVR_SMS_PASSWORD");
        err = new StringWriter();
        assertThat(smsSend(env, config, "13800138042", "x", err)).as("no password in the environment").isEqualTo(2);
        assertThat(err.toString()).contains("IVR_SMS_PASSWORD");
    }

    private int smsSend(Map<String, String> env, Path config, String to, String text) {
        return smsSend(env, config, to, text, new StringWriter());
    }

    private int smsSend(Map<String, String> env, Path config, String to, String text, StringWriter err) {
        CommandLine cli = new CommandLine(new SmsCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(e.getMessage());
            return 2;
        });
        CommandLine send = cli.getSubcommands().get("send");
        ((SmsCommand.Send) send.getCommand()).env = env;
        return cli.execute("send", "--config", config.toString(), "--to", to, "--text", text);
    }

    private Receipt receipt(String callId, String mobile) {
        DraftOrder order = described(callId, mobile, "zh", "路灯 坏了", "2026-12-02T10:00");
        return texts.receiptFor(order).orElseThrow();
    }
}
