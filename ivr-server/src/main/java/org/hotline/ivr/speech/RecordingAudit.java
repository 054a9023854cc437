package org.hotline.ivr.speech;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.XAddParams;

/**
 * Who listened to which recording, when: one log line and one entry of the Redis stream {@value #STREAM} per
 * request for the audio (each range a player asks for), as the console audits the full caller number.
 */
public final class RecordingAudit {

    public static final String STREAM = "recordings:audit";
    private static final Logger log = LoggerFactory.getLogger(RecordingAudit.class);
    private static final long KEEP_ENTRIES = 1_000_000;

    private final RedisGateway redis;
    private final Clock clock;

    public RecordingAudit(RedisGateway redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** {@code who} ({@code seat 1001}, {@code supervisor lead}) got {@code bytes} of the call's recording. */
    void listened(String who, String callId, CallRecordings.Recording recording, String bytes) {
        log.info("{} listened to the {} recording of call {} ({}, bytes {})", who, recording.kind(), callId,
                recording.path(), bytes);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("who", who);
        entry.put("call", callId);
        entry.put("kind", recording.kind());
        entry.put("file", recording.path());
        entry.put("bytes", bytes);
        entry.put("at", clock.instant().toString());
        redis.call("recording audit", jedis -> jedis.xadd(STREAM,
                XAddParams.xAddParams().maxLen(KEEP_ENTRIES).approximateTrimming(), entry));
    }
}
