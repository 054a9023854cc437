package org.hotline.ivr.speech;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.LateTranscripts;
import org.hotline.ivr.order.OrderContacts;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.Orders;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;

/**
 * The wiring of {@code ./ivr transcribe --backfill}: the server's configuration (recordings, Redis, order rules,
 * models), its models loaded, then {@link TranscriptBackfill}. It needs the server's Redis by address: an
 * embedded Redis belongs to the running server and is not opened a second time.
 */
final class BackfillRun {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Path configFile;
    private final Path modelsDir;

    BackfillRun(PrintWriter out, PrintWriter err, Path configFile, Path modelsDir) {
        this.out = out;
        this.err = err;
        this.configFile = configFile;
        this.modelsDir = modelsDir;
    }

    int run(Duration since) throws Exception {
        IvrConfig config = new ConfigLoader(System.getenv()).load(configFile);
        if (config.redis().embedded()) {
            err.println("cannot backfill: redis.url is empty (the server's embedded Redis): give the server's Redis"
                    + " with IVR_REDIS_URL=redis://host:port");
            return 1;
        }
        Path models = modelsDir != null ? modelsDir : config.speechModels();
        try (RedisGateway redis = new RedisGateway(config.redis().topology(config.redis().url()), config.redis().timeout(),
                     RetryPolicy.covering(config.redis().retryFor()));
             SpeechModels loaded = SpeechModels.start(models);
             Recognizers recognizers = new Recognizers(loaded, 1, new SpeechMetrics(new SimpleMeterRegistry()))) {
            loaded.loaded().get(10, TimeUnit.MINUTES);
            out.println("speech models: " + loaded.summary());
            return report(backfill(config, redis, recognizers).run(since, err));
        }
    }

    /** The backfill over {@code redis} with {@code recognizers} (a test gives a stand-in for a model). */
    static TranscriptBackfill backfill(IvrConfig config, RedisGateway redis, RecognitionSource recognizers) {
        Orders orders = Orders.create(redis, config.paths().orderRules(), OrderSettings.defaults(), Clock.systemUTC());
        OrderContacts contacts = new OrderContacts(redis, OrderSettings.defaults().keys());
        return new TranscriptBackfill(config.audio().recordings(),
                callId -> contacts.orderOfCall(callId).flatMap(orders.store()::get),
                new LateTranscripts(orders.store(), orders.rules()), recognizers, Clock.systemUTC());
    }

    private int report(TranscriptBackfill.Report report) {
        out.printf("%d description recordings: %d transcribed (%d drafts classified again), %d had a transcript,"
                + " %d skipped%n", report.found(), report.transcribed(), report.reclassified(), report.alreadyDone(),
                report.skipped().size());
        report.skipped().forEach((file, why) -> out.println("  skipped " + file + ": " + why));
        out.flush();
        // 2, as for one file: some recordings wait for a model still to be installed.
        return report.skipped().values().stream().anyMatch(TranscriptBackfill::noModel) ? 2 : 0;
    }
}
