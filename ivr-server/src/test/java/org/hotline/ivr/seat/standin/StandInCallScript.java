package org.hotline.ivr.seat.standin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiCommandChannel;
import org.hotline.ivr.agi.AgiScript;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.seat.OrderEdit;
import redis.clients.jedis.StreamEntryID;

/**
 * {@code agi://host/console-demo}: a 12345 call in miniature until the real flow is wired: a menu key, a
 * description (the channel variable {@code DEMO_DESCRIPTION}, "heard" a few characters at a time and published
 * as live partials like the speech side does), a draft order, the queue, hold until a seat takes it, a talk of
 * {@code DEMO_TALK_SECONDS} (default 20), hang up.
 */
public final class StandInCallScript implements AgiScript {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String[]> MENU = Map.of(
            "1", new String[] {"1 城市管理 City management", "city-management/garbage"},
            "2", new String[] {"2 交通出行 Transport", "traffic-parking/traffic-signals"},
            "3", new String[] {"3 噪音环境 Noise and environment", "noise-environment/neighbourhood-noise"});
    private static final String DEFAULT_DESCRIPTION = "我家楼下的垃圾站三天没人清运了，臭气熏天，在朝阳区双井街道富力城小区。";
    private static final Duration HEARD_EVERY = Duration.ofMillis(150);
    private static final Duration HOLD_LIMIT = Duration.ofMinutes(10);

    private final RedisGateway redis;
    private final StandInQueue queue;
    private final StandInOrders orders;

    public StandInCallScript(RedisGateway redis, StandInQueue queue, StandInOrders orders) {
        this.redis = redis;
        this.queue = queue;
        this.orders = orders;
    }

    @Override
    public CompletionStage<?> run(AgiCall call) {
        String callId = call.id();
        String caller = call.request().callerId();
        AgiCommandChannel agi = call.channel();
        List<String> path = new ArrayList<>(List.of("语言 Language: " + call.request().language()));
        redis.call("in ivr", jedis -> jedis.sadd(StandInWallboard.IN_IVR, callId));
        return agi.send(new AnswerCommand())
                .thenCompose(r -> agi.send(new GetDataCommand("12345/main-menu", 5000, 1)))
                .thenCompose(menu -> {
                    String[] choice = MENU.getOrDefault(digits(menu), new String[] {"0 其他 Other", ""});
                    path.add(choice[0]);
                    path.add("描述问题 Describe");
                    return variable(agi, "DEMO_DESCRIPTION", DEFAULT_DESCRIPTION)
                            .thenCompose(text -> hear(callId, text).thenApply(x -> {
                                String orderId = orders.draft(callId, caller, new OrderEdit(choice[1], "", "normal", text));
                                redis.call("in ivr", jedis -> jedis.srem(StandInWallboard.IN_IVR, callId));
                                queue.offer(new StandInQueue.Offer(callId, caller, "zh", path, orderId));
                                return orderId;
                            }));
                })
                .thenCompose(orderId -> holdUntilAssigned(agi, callId, System.nanoTime() + HOLD_LIMIT.toNanos()))
                .thenCompose(r -> variable(agi, "DEMO_TALK_SECONDS", "20"))
                .thenCompose(seconds -> talk(agi, System.nanoTime() + seconds(seconds).toNanos()))
                .thenCompose(r -> agi.send(new HangupCommand()))
                .handle((r, error) -> {
                    redis.call("in ivr", jedis -> jedis.srem(StandInWallboard.IN_IVR, callId));
                    queue.hangUp(callId);
                    return null;
                });
    }

    private CompletionStage<AgiReply> holdUntilAssigned(AgiCommandChannel agi, String callId, long deadline) {
        if (queue.find(callId).isPresent() || System.nanoTime() > deadline) {
            return CompletableFuture.completedFuture(null);
        }
        return agi.send(new ExecCommand("MusicOnHold", "default,1"))
                .thenCompose(r -> holdUntilAssigned(agi, callId, deadline));
    }

    /** The conversation with the seat, one second of Wait at a time, so a hangup ends it at once. */
    private CompletionStage<AgiReply> talk(AgiCommandChannel agi, long until) {
        if (System.nanoTime() > until) {
            return CompletableFuture.completedFuture(null);
        }
        return agi.send(new ExecCommand("Wait", "1")).thenCompose(r -> talk(agi, until));
    }

    /** Publishes the text as the recogniser would: growing partials, then the final. */
    private CompletionStage<Void> hear(String callId, String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        hearFrom(callId, text, 4, done);
        return done;
    }

    private void hearFrom(String callId, String text, int upTo, CompletableFuture<Void> done) {
        boolean last = upTo >= text.length();
        publish(callId, last ? "final" : "partial", last ? text : text.substring(0, upTo));
        if (last) {
            done.complete(null);
            return;
        }
        Executor later = CompletableFuture.delayedExecutor(HEARD_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        later.execute(() -> hearFrom(callId, text, upTo + 4, done));
    }

    private void publish(String callId, String kind, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", callId);
        body.put("kind", kind);
        body.put("language", "zh");
        body.put("text", text);
        body.put("at", System.currentTimeMillis());
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String stream = "ivr:call:" + callId + ":transcript";
        redis.call("demo transcript", jedis -> {
            jedis.publish("ivr:transcript:" + callId, json);
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("kind", kind, "json", json));
            if (kind.equals("final")) {
                jedis.setex(stream + ":final", 86_400, json);
            }
            return jedis.expire(stream, 86_400);
        });
    }

    private static CompletionStage<String> variable(AgiCommandChannel agi, String name, String fallback) {
        return agi.send(new GetVariableCommand(name)).thenApply(reply -> {
            String value = reply.getExtra();
            return reply.getResultCode() == 1 && value != null && !value.isBlank() ? value : fallback;
        });
    }

    private static Duration seconds(String value) {
        return value.matches("\\d{1,5}") ? Duration.ofSeconds(Long.parseLong(value)) : Duration.ofSeconds(20);
    }

    private static String digits(AgiReply reply) {
        String result = reply.getResult();
        return result == null ? "" : result.replaceAll("[^0-9]", "");
    }
}
