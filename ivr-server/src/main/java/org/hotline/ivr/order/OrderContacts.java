package org.hotline.ivr.order;

import redis.clients.jedis.params.SetParams;
import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.redis.RedisGateway;

/**
 * What happened when the hotline contacted the citizen after the call (callback attempts, the survey), written
 * on the order: one structured entry in {@code order:{id}:contacts}, one readable line in the order's history
 * (so the console shows it), optional fields on the order hash, and a {@code callback}/{@code survey} event.
 * Unlike a seat's edit this is allowed in any status: a survey comes after the order is closed.
 */
public final class OrderContacts {

    /** KEYS: hash, history, contacts. ARGV: at, field, history line, contact JSON, then field/value pairs. */
    private static final String RECORD = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('RPUSH', KEYS[2], cjson.encode({seat = 'ivr', field = ARGV[2], old = '', new = ARGV[3], at = ARGV[1]}))
            redis.call('RPUSH', KEYS[3], ARGV[4])
            for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            return 1
            """;
    private static final ObjectMapper JSON = Json.mapper();

    private final RedisGateway redis;
    private final OrderKeys keys;
    private final OrderEvents events;

    public OrderContacts(RedisGateway redis, OrderKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.events = new OrderEvents(redis, keys);
    }

    /** The order a call drafted, if it drafted one. */
    public Optional<String> orderOfCall(String callId) {
        return Optional.ofNullable(redis.call("find order of call", jedis -> jedis.get(keys.byCall(callId))));
    }

    /**
     * A follow-up call placed for the order (a callback a seat scheduled) belongs to it: its attempts are recorded on
     * the order and its seat's pop shows the order. Kept as long as a call's own claim; an existing link stays.
     */
    public void linkCall(String callId, String orderId) {
        redis.call("link follow-up call to order", jedis -> jedis.set(keys.byCall(callId), orderId,
                SetParams.setParams().nx().ex(java.time.Duration.ofDays(90).toSeconds())));
    }

    /**
     * Records {@code contact} on the order and sets {@code fields} on it; false (nothing written) when there is no
     * such order.
     */
    public boolean record(String orderId, OrderContact contact, Map<String, String> fields) {
        List<String> args = new ArrayList<>(List.of(contact.at(), contact.kind(), line(contact), json(contact)));
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        Object written = redis.call("record contact on order", jedis -> jedis.eval(RECORD,
                List.of(keys.order(orderId), keys.history(orderId), keys.contacts(orderId)), args));
        if (!Long.valueOf(1).equals(written)) {
            return false;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("attempt", Integer.toString(contact.attempt()));
        details.put("outcome", contact.outcome());
        events.publish(contact.kind(), orderId, contact.at(), details);
        return true;
    }

    /** Every contact recorded on the order, oldest first. */
    public List<OrderContact> contacts(String orderId) {
        List<String> entries = redis.call("read order contacts", jedis -> jedis.lrange(keys.contacts(orderId), 0, -1));
        List<OrderContact> contacts = new ArrayList<>();
        for (String entry : entries) {
            try {
                contacts.add(JSON.readValue(entry, OrderContact.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("contact entry of order " + orderId + " is not JSON: " + entry, e);
            }
        }
        return contacts;
    }

    private static String line(OrderContact contact) {
        return contact.kind() + " attempt " + contact.attempt() + ": " + contact.outcome()
                + (contact.detail().isEmpty() ? "" : " (" + contact.detail() + ")");
    }

    private static String json(OrderContact contact) {
        try {
            return JSON.writeValueAsString(contact);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
