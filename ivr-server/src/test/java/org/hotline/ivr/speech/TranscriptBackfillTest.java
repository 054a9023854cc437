package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.LateTranscripts;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.OrderStatus;
import org.hotline.ivr.order.Orders;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./ivr transcribe --backfill} on a real Redis with real draft orders and recordings on disk. No Vosk
 * model can be installed here: {@link SampleTextRecognizer} STANDS IN FOR THE MODEL "installed later", hearing
 * the text of zh-01 in every Mandarin recording; English has no stand-in, so it has no model, as on this machine.
 */
class TranscriptBackfillTest {

    @TempDir
    Path temp;

    private EmbeddedRedis redisServer;
    private RedisGateway redis;
    private IvrConfig config;
    private Orders orders;
    private Recognizers none;
    private SpeechModels models;

    @BeforeEach
    void start() {
        redisServer = EmbeddedRedis.start(temp.resolve("redis"));
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        IvrConfig defaults = new ConfigLoader(Map.of("IVR_HOME", "..")).load(null);
        config = defaults.withAudio(defaults.audio().withRecordings(temp.resolve("recordings")));
        orders = Orders.create(redis, config.paths().orderRules(), OrderSettings.defaults(), java.time.Clock.systemUTC());
        models = SpeechModels.start(temp.resolve("no-models"));
        none = new Recognizers(models, 1, new SpeechMetrics(new SimpleMeterRegistry()));
    }

    @AfterEach
    void stop() {
        none.close();
        models.close();
        redis.close();
        redisServer.stop();
    }

    /** A call described in {@code language} with no model then: its recording on disk, its draft without transcript. */
    private DraftOrder described(String language, String sample) throws Exception {
        String callId = "call-" + UUID.randomUUID();
        Path wav = new RecordingStore(config.audio().recordings(), Duration.ofDays(180), java.time.Clock.systemUTC())
                .newFile(callId, UUID.randomUUID());
        Files.createDirectories(wav.getParent());
        Files.copy(SpeechSamples.folder().resolve(sample), wav);
        return orders.writer().draft(new CallFacts(callId, "13800138000", language, List.of("describe-problem"), "",
                wav.toString(), Instant.now()));
    }

    @Test
    void aModelInstalledLaterTranscribesTheOrdersWithoutOneAndClassifiesDraftsAgainButNeverOverASeat() throws Exception {
        DraftOrder untouched = described("zh", "zh-01.wav");
        DraftOrder edited = described("zh", "zh-02.wav");
        orders.store().update(edited.orderId(), Map.of("district", "海淀区"), "1001");
        DraftOrder submitted = described("zh", "zh-03.wav");
        orders.store().submit(submitted.orderId(), "1002");
        DraftOrder english = described("en", "en-01.wav");
        assertThat(untouched.category()).as("nothing to classify without words").isEqualTo("unclassified");

        SampleTextRecognizer installedLater = new SampleTextRecognizer(none).expect(SpeechSamples.folder().resolve("zh-01.wav"));
        TranscriptBackfill backfill = BackfillRun.backfill(config, redis, installedLater);
        StringWriter progress = new StringWriter();
        TranscriptBackfill.Report report = backfill.run(Duration.ofDays(7), new PrintWriter(progress, true));

        assertThat(report.found()).isEqualTo(4);
        assertThat(report.transcribed()).isEqualTo(3);
        assertThat(report.reclassified()).isEqualTo(2);
        assertThat(report.skipped()).hasSize(1);
        assertThat(report.skipped().values().iterator().next()).startsWith("no en model").endsWith("./ivr models install en");
        assertThat(progress.toString()).contains("[##############################] 4/4");

        String heard = "我要反映一下，朝阳区望京街道的垃圾已经三天没人清运了";
        DraftOrder first = orders.store().get(untouched.orderId()).orElseThrow();
        assertThat(first.transcript()).isEqualTo(heard);
        assertThat(first.district()).isEqualTo("朝阳区");
        assertThat(first.category()).isNotEqualTo("unclassified");
        assertThat(first.history()).allSatisfy(edit -> assertThat(edit.seat()).isEqualTo(LateTranscripts.ACTOR));
        DraftOrder second = orders.store().get(edited.orderId()).orElseThrow();
        assertThat(second.transcript()).isEqualTo(heard);
        assertThat(second.district()).as("the seat's edit stays").isEqualTo("海淀区");
        assertThat(second.category()).as("what the seat left alone is classified").isEqualTo(first.category());
        DraftOrder third = orders.store().get(submitted.orderId()).orElseThrow();
        assertThat(third.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(third.transcript()).isEqualTo(heard);
        assertThat(third.category()).as("a submitted order's classification is the seat's").isEqualTo(submitted.category());
        assertThat(orders.store().get(english.orderId()).orElseThrow().transcript()).isEmpty();

        TranscriptBackfill.Report again = backfill.run(Duration.ofDays(7), new PrintWriter(new StringWriter()));
        assertThat(again.transcribed()).as("a second run changes nothing").isZero();
        assertThat(again.alreadyDone()).isEqualTo(3);
        assertThat(orders.store().get(untouched.orderId()).orElseThrow().history()).isEqualTo(first.history());
    }

    @Test
    void withNoModelTheCommandSkipsEachRecordingSayingWhyAndExitsTwo() throws Exception {
        DraftOrder order = described("zh", "zh-04.wav");
        Path file = temp.resolve("ivr.yaml");
        Files.writeString(file, "redis:\n  url: " + redisServer.url() + "\naudio:\n  recordings: "
                + config.audio().recordings() + "\npaths:\n  orderRules: " + config.paths().orderRules().toAbsolutePath() + "\n");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TranscribeCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));

        int exit = cli.execute("--backfill", "--since", "7d", "--config", file.toString(), "--models-dir",
                temp.resolve("no-models").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("1 description recordings: 0 transcribed (0 drafts classified again), "
                + "0 had a transcript, 1 skipped").contains("no zh model").contains("./ivr models install zh");
        assertThat(orders.store().get(order.orderId()).orElseThrow().transcript()).isEmpty();
    }
}
