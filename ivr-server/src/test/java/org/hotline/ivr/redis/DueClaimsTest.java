package org.hotline.ivr.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leased claim of due work, on a real redis-server. */
class DueClaimsTest {

    @TempDir
    Path data;

    @Test
    void aClaimedIdIsNobodyElsesUntilItsLeaseEndsAndIsClaimedAgainIfItWasNotRemoved() throws Exception {
        try (EmbeddedRedis server = EmbeddedRedis.start(data);
             RedisGateway redis = new RedisGateway(server.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT)) {
            redis.call("seed", jedis -> {
                jedis.zadd("due", 1_000, "early");
                jedis.zadd("due", 2_000, "later");
                return jedis.zadd("due", 9_000, "not-yet");
            });
            DueClaims claims = new DueClaims(redis, "due");
            Duration lease = Duration.ofSeconds(60);

            assertThat(claims.claim(2_000, lease, 1)).containsExactly("early");
            assertThat(claims.claim(2_000, lease, 10)).as("early is leased").containsExactly("later");
            assertThat(claims.claim(3_000, lease, 10)).as("both leased, not-yet not due").isEmpty();
            Double leasedUntil = redis.call("read", jedis -> jedis.zscore("due", "early"));
            assertThat(leasedUntil).isEqualTo(62_000.0);

            redis.call("handled", jedis -> jedis.zrem("due", "later"));
            assertThat(claims.claim(62_000, lease, 10)).as("the lease ended; later was handled")
                    .containsExactly("not-yet", "early");
        }
    }
}
