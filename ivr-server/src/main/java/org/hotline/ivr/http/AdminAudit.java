package org.hotline.ivr.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.ops.Json;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what to this node as an administrator, and when: every request to an {@link Role#ADMIN} route by a
 * proven caller, answered or refused, is one log line and one entry of the Redis list {@value #KEY} (newest first,
 * the last {@value #KEPT} kept, shared by every node on that Redis). Administrators read it at
 * {@code GET /admin/audit?limit=n}. The log line is written whatever Redis does; the list entry is written off the
 * caller's thread, and a lost one is logged.
 */
public final class AdminAudit {

    /** The list every node appends to. */
    public static final String KEY = "ivr:audit:admin";
    static final int KEPT = 10_000;
    private static final int DEFAULT_READ = 100;
    private static final Logger log = LoggerFactory.getLogger(AdminAudit.class);

    /** One administrator's request: when, who (and with what credential, from where), what, and the answer. */
    public record Entry(String at, String who, String credential, String peer, String action, int status) {
    }

    private final RedisGateway redis;
    private final Clock clock;

    public AdminAudit(RedisGateway redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Audits {@code router}'s admin routes from now on, and serves {@code GET /admin/audit} to administrators. */
    public static AdminAudit install(Router router, RedisGateway redis) {
        AdminAudit audit = new AdminAudit(redis, Clock.systemUTC());
        router.auditWith(audit::record);
        router.get("/admin/audit", Role.ADMIN, audit::answer);
        return audit;
    }

    /** Where a router without an {@link AdminAudit} (a test rig, a tool) sends its admin requests: the log only. */
    static void logOnly(Principal who, WebRequest request, int status) {
        logged(entry(Clock.systemUTC(), who, request, status));
    }

    void record(Principal who, WebRequest request, int status) {
        Entry entry = logged(entry(clock, who, request, status));
        String json;
        try {
            json = Json.mapper().writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit entry is always JSON", e);
        }
        redis.callAsync("admin audit", jedis -> {
            jedis.lpush(KEY, json);
            return jedis.ltrim(KEY, 0, KEPT - 1);
        }).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("admin audit entry not kept in Redis (the log line above is the record): {}", error.getMessage());
            }
        });
    }

    private static Entry entry(Clock clock, Principal who, WebRequest request, int status) {
        return new Entry(clock.instant().toString(), who.subject(), who.browser() ? "session" : "token",
                request.remoteHost(), request.method() + " " + request.path(), status);
    }

    private static Entry logged(Entry entry) {
        log.info("admin audit: {} ({}) from {}: {} -> {}", entry.who(), entry.credential(), entry.peer(), entry.action(),
                entry.status());
        return entry;
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> latest(int limit) {
        List<String> lines = redis.call("read admin audit", jedis -> jedis.lrange(KEY, 0, limit - 1));
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            try {
                entries.add(Json.mapper().readValue(line, Entry.class));
            } catch (JsonProcessingException e) {
                log.warn("unreadable admin audit entry skipped: {}", e.getOriginalMessage());
            }
        }
        return entries;
    }

    private io.netty.handler.codec.http.FullHttpResponse answer(WebRequest request) {
        int limit;
        try {
            limit = Integer.parseInt(request.query("limit").orElse(Integer.toString(DEFAULT_READ)));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > KEPT) {
            return HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "limit must be a number from 1 to " + KEPT);
        }
        return HttpResponses.json(HttpResponseStatus.OK, Map.of("entries", latest(limit)));
    }
}
