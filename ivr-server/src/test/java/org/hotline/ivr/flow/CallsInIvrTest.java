package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The count of calls in the IVR that the wallboard shows, on the shipped 12345 flow over real FastAGI and Redis. */
class CallsInIvrTest {

    @TempDir
    Path temp;

    @Test
    void aCallerInTheMenusCountsUntilTheFlowLetsGo() throws Exception {
        try (FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), redis -> FlowServices.defaults(redis, "127.0.0.1", 1))) {
            CallsInIvr inIvr = bench.flows.runner().callsInIvr();
            assertThat(inIvr.count()).isZero();
            // the caller takes a while before the first answer: the flow has started, the call is in the IVR
            CompletableFuture<CallRecord> call = bench.sim.call(CallScenario.of("thinking", "12345", "13800138000")
                    .pause(Duration.ofSeconds(8)).press("1").press("1").press("2"));
            awaitCount(inIvr, 1);
            call.get(60, TimeUnit.SECONDS);
            awaitCount(inIvr, 0);
        }
    }

    @Test
    void aCallLeftBehindByADeadNodeStopsCountingAfterTheLongestPossibleStay() throws Exception {
        try (FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), redis -> FlowServices.defaults(redis, "127.0.0.1", 1))) {
            long now = System.currentTimeMillis();
            bench.redis.call("seed", jedis -> {
                jedis.zadd(CallsInIvr.KEY, now - CallsInIvr.LONGEST.toMillis() - 60_000, "died-with-its-node");
                return jedis.zadd(CallsInIvr.KEY, now - 60_000, "still-in-menus");
            });
            assertThat(new CallsInIvr(bench.redis, Clock.systemUTC()).count()).isEqualTo(1);
            Double left = bench.redis.call("read", jedis -> jedis.zscore(CallsInIvr.KEY, "died-with-its-node"));
            assertThat(left).isNull();
        }
    }

    private static void awaitCount(CallsInIvr inIvr, int expected) throws InterruptedException {
        int last = -1;
        for (int i = 0; i < 300; i++) {
            last = inIvr.count();
            if (last == expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("calls in IVR never became " + expected + " (last " + last + ")");
    }
}
