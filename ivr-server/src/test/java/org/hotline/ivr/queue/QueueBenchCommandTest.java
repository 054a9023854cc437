package org.hotline.ivr.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hotline.ivr.IvrCommand;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code ./ivr queue-bench}, small, on the Redis under test (its own server, or the cluster in the suite). */
class QueueBenchCommandTest {

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();

    @Test
    void theBenchRunsAndReportsLatencyAndThroughputOnTheGivenRedis() {
        List<String> args = new ArrayList<>(List.of("queue-bench", "--seats", "40", "--waiting", "100",
                "--decisions", "300", "--threads", "2"));
        String cluster = redis.environment().get("IVR_REDIS_CLUSTER");
        args.addAll(cluster != null ? List.of("--cluster", cluster) : List.of("--redis", redis.environment().get("IVR_REDIS_URL")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream before = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new IvrCommand()).execute(args.toArray(String[]::new));
        } finally {
            System.setOut(before);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains(redis.cluster() ? "cluster seeded by" : "127.0.0.1:")
                .containsPattern("1 thread : seat freed -> call assigned p50 [0-9.]+ ms, p99 [0-9.]+ ms")
                .containsPattern("2 threads: p50 [0-9.]+ ms, p99 [0-9.]+ ms; [0-9]+ decisions/s")
                .containsPattern("Redis round trips per script run: [0-9.]+ client-side, (1\\.0|0\\.9)[0-9]* EVALSHA");
    }
}
