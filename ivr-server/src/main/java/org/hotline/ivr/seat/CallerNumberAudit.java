package org.hotline.ivr.seat;

import java.time.Instant;
import java.util.Map;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.XAddParams;

/**
 * Who saw which caller's full number, and when: a log line and an entry in the Redis stream
 * {@code console:audit:caller-number} (capped, kept for the auditors to read).
 */
final class CallerNumberAudit {

    static final String STREAM = "console:audit:caller-number";
    private static final Logger log = LoggerFactory.getLogger(CallerNumberAudit.class);
    private static final long KEEP_ENTRIES = 1_000_000;

    private final RedisGateway redis;

    CallerNumberAudit(RedisGateway redis) {
        this.redis = redis;
    }

    void revealed(String seatId, String callId) {
        log.info("seat {} viewed the full caller number of call {}", seatId, callId);
        Map<String, String> entry = Map.of("seat", seatId, "call", callId, "at", Instant.now().toString());
        redis.call("caller number audit", jedis -> jedis.xadd(STREAM,
                XAddParams.xAddParams().maxLen(KEEP_ENTRIES).approximateTrimming(), entry));
    }
}
