package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
        try (FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), redis -> StandInServices.of(redis, "127.0.0.1", 1))) {
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
    void aCallLeftBehindByADeadNodeStopsCountingOnceItsFlowHasNotMovedForTenMinutes() throws Exception {
        try (FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), redis -> StandInServices.of(redis, "127.0.0.1", 1))) {
            long now = System.currentTimeMillis();
            bench.redis.call("seed", jedis -> {
                jedis.zadd(CallsInIvr.KEY, now - CallsInIvr.SILENT.toMillis() - 60_000, "died-with-its-node");
                return jedis.zadd(CallsInIvr.KEY, now - 60_000, "still-in-menus");
            });
            assertThat(new CallsInIvr(bench.redis, Clock.systemUTC()).count()).isEqualTo(1);
            Double left = bench.redis.call("read", jedis -> jedis.zscore(CallsInIvr.KEY, "died-with-its-node"));
            assertThat(left).isNull();
        }
    }

    @Test
    void aLongCallWhoseFlowKeepsMovingKeepsCounting() throws Exception {
        try (FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), redis -> StandInServices.of(redis, "127.0.0.1", 1))) {
            MovableClock clock = new MovableClock();
            CallsInIvr inIvr = new CallsInIvr(bench.redis, clock);
            CallsInIvr.Presence moving = inIvr.presence("moving");
            CallsInIvr.Presence stuck = inIvr.presence("stuck");
            moving.enter();
            stuck.enter();
            clock.advance(CallsInIvr.SILENT.minusMinutes(1));
            moving.moved();
            awaitScore(bench, "moving", clock.millis());
            clock.advance(Duration.ofMinutes(2));
            assertThat(inIvr.count()).as("only the call whose flow moved a minute ago").isEqualTo(1);
            moving.leave();
            moving.moved();
            awaitCount(inIvr, 0);
        }
    }

    private static void awaitScore(FlowBench bench, String callId, long expected) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Double score = bench.redis.call("read", jedis -> jedis.zscore(CallsInIvr.KEY, callId));
            if (score != null && score.longValue() == expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(callId + " never moved to " + expected);
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
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
