package org.hotline.ivr.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.order.Receipt;
import org.hotline.ivr.redis.DueClaims;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The messages to send, in Redis so that no node's restart loses or repeats one. One hash per message under its
 * idempotent key ({@link Receipt#key()}: kind and order), a sorted set of the keys due (by when), one of the dead
 * letters and the opt-out set; all keys share one hash tag, so each change is one script on Redis Cluster too.
 * A queued message is taken with a lease ({@link DueClaims}): a node that dies while sending leaves it to the next
 * once the lease ends. A sent message's hash is kept {@value #KEEP_DAYS} days, so the same key is not queued again.
 */
public final class SmsOutbox {

    static final long KEEP_DAYS = 90;
    private static final String PREFIX = "sms:{outbox}:";

    /** KEYS: message, due, opt-out. ARGV: due (ms), key, to, text, orderId, kind, language, created. */
    private static final String ENQUEUE = """
            if redis.call('SISMEMBER', KEYS[3], ARGV[3]) == 1 then return 'opted-out' end
            if redis.call('EXISTS', KEYS[1]) == 1 then return 'exists' end
            redis.call('HSET', KEYS[1], 'key', ARGV[2], 'to', ARGV[3], 'text', ARGV[4], 'orderId', ARGV[5],
                'kind', ARGV[6], 'language', ARGV[7], 'createdAt', ARGV[8], 'state', 'queued', 'attempts', 0,
                'lastError', '')
            redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
            return 'queued'
            """;
    /** KEYS: message, due. ARGV: key. A queued message's fields with its attempts counted one more; else nothing. */
    private static final String ATTEMPT = """
            if redis.call('HGET', KEYS[1], 'state') ~= 'queued' then redis.call('ZREM', KEYS[2], ARGV[1]) return {} end
            redis.call('HINCRBY', KEYS[1], 'attempts', 1)
            return redis.call('HGETALL', KEYS[1])
            """;
    /** KEYS: message, due. ARGV: key, at, answer, keep (s). Only a queued message becomes sent. */
    private static final String SENT = """
            redis.call('ZREM', KEYS[2], ARGV[1])
            if redis.call('HGET', KEYS[1], 'state') ~= 'queued' then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'sent', 'sentAt', ARGV[2], 'answer', ARGV[3], 'lastError', '')
            redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
            return 1
            """;
    /** KEYS: message, due. ARGV: key, next due (ms), error. */
    private static final String RETRY = """
            if redis.call('HGET', KEYS[1], 'state') ~= 'queued' then redis.call('ZREM', KEYS[2], ARGV[1]) return 0 end
            redis.call('HSET', KEYS[1], 'lastError', ARGV[3])
            redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[1])
            return 1
            """;
    /** KEYS: message, due, dead. ARGV: key, at (ms), error, at (ISO). */
    private static final String DEAD = """
            redis.call('ZREM', KEYS[2], ARGV[1])
            if redis.call('HGET', KEYS[1], 'state') ~= 'queued' then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'dead', 'lastError', ARGV[3], 'deadAt', ARGV[4])
            redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
            return 1
            """;
    /** KEYS: message, due, dead. ARGV: key, now (ms). A dead letter queued again with fresh attempts. */
    private static final String REQUEUE = """
            if redis.call('HGET', KEYS[1], 'state') ~= 'dead' then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'queued', 'attempts', 0)
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            return 1
            """;

    private final RedisGateway redis;
    private final DueClaims due;

    public SmsOutbox(RedisGateway redis) {
        this.redis = redis;
        this.due = new DueClaims(redis, dueKey());
    }

    /** What {@link #enqueue} did: queued now, already there (or sent before), or the number opted out. */
    public enum Enqueued { QUEUED, EXISTS, OPTED_OUT }

    /** Queues {@code receipt} to be sent from {@code at}, unless a message with its key exists or its number opted out. */
    public Enqueued enqueue(Receipt receipt, Instant at) {
        Object reply = redis.call("queue SMS", jedis -> jedis.eval(ENQUEUE,
                List.of(message(receipt.key()), dueKey(), optOutKey()),
                List.of(Long.toString(at.toEpochMilli()), receipt.key(), receipt.to(), receipt.text(), receipt.orderId(),
                        receipt.kind(), receipt.language(), at.toString())));
        return switch (String.valueOf(reply)) {
            case "queued" -> Enqueued.QUEUED;
            case "exists" -> Enqueued.EXISTS;
            default -> Enqueued.OPTED_OUT;
        };
    }

    /** A message as stored, with its attempts so far. */
    public record Message(String key, String to, String text, String orderId, String state, int attempts,
                          String lastError, String sentAt) {
    }

    /** Up to {@code max} due keys at {@code now}, each leased to this node for {@code lease}. */
    List<String> claim(Instant now, Duration lease, int max) {
        return due.claim(now.toEpochMilli(), lease, max);
    }

    /** The message under {@code key}, counting this attempt (an attempt counts before it is made: a crash counts). */
    Optional<Message> startAttempt(String key) {
        List<?> fields = (List<?>) redis.call("start SMS attempt", jedis -> jedis.eval(ATTEMPT,
                List.of(message(key), dueKey()), List.of(key)));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> hash = new java.util.HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            hash.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
        }
        return Optional.of(read(key, hash));
    }

    void sent(String key, Instant at, String answer) {
        redis.call("mark SMS sent", jedis -> jedis.eval(SENT, List.of(message(key), dueKey()),
                List.of(key, at.toString(), answer, Long.toString(Duration.ofDays(KEEP_DAYS).toSeconds()))));
    }

    void retry(String key, Instant next, String error) {
        redis.call("retry SMS later", jedis -> jedis.eval(RETRY, List.of(message(key), dueKey()),
                List.of(key, Long.toString(next.toEpochMilli()), error)));
    }

    void dead(String key, Instant at, String error) {
        redis.call("dead-letter SMS", jedis -> jedis.eval(DEAD, List.of(message(key), dueKey(), deadKey()),
                List.of(key, Long.toString(at.toEpochMilli()), error, at.toString())));
    }

    /** Queues a dead letter again (after the gateway was fixed); false if {@code key} is not dead. */
    public boolean requeue(String key, Instant now) {
        Object done = redis.call("queue dead SMS again", jedis -> jedis.eval(REQUEUE,
                List.of(message(key), dueKey(), deadKey()), List.of(key, Long.toString(now.toEpochMilli()))));
        return Long.valueOf(1).equals(done);
    }

    public Optional<Message> get(String key) {
        Map<String, String> hash = redis.call("read SMS", jedis -> jedis.hgetAll(message(key)));
        return hash.isEmpty() ? Optional.empty() : Optional.of(read(key, hash));
    }

    /** Messages waiting to be sent (due now or later). */
    public long queued() {
        return redis.call("count queued SMS", jedis -> jedis.zcard(dueKey()));
    }

    /** Keys of the dead letters, oldest first, at most {@code limit}. */
    public List<String> deadLetters(int limit) {
        return redis.call("list dead SMS", jedis -> jedis.zrange(deadKey(), 0, limit - 1));
    }

    public long dead() {
        return redis.call("count dead SMS", jedis -> jedis.zcard(deadKey()));
    }

    /** The citizen asked for no SMS: nothing more is queued for {@code number} (national form). */
    public void optOut(String number) {
        redis.call("opt out of SMS", jedis -> jedis.sadd(optOutKey(), number));
    }

    public void optIn(String number) {
        redis.call("opt in to SMS", jedis -> jedis.srem(optOutKey(), number));
    }

    public boolean optedOut(String number) {
        return redis.call("read SMS opt-out", jedis -> jedis.sismember(optOutKey(), number));
    }

    private static Message read(String key, Map<String, String> hash) {
        return new Message(key, hash.getOrDefault("to", ""), hash.getOrDefault("text", ""),
                hash.getOrDefault("orderId", ""), hash.getOrDefault("state", ""),
                Integer.parseInt(hash.getOrDefault("attempts", "0")), hash.getOrDefault("lastError", ""),
                hash.getOrDefault("sentAt", ""));
    }

    private static String message(String key) {
        return PREFIX + "msg:" + key;
    }

    private static String dueKey() {
        return PREFIX + "due";
    }

    private static String deadKey() {
        return PREFIX + "dead";
    }

    private static String optOutKey() {
        return PREFIX + "optout";
    }
}
