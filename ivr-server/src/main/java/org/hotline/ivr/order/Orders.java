package org.hotline.ivr.order;

import java.nio.file.Path;
import java.time.Clock;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The order capability as the server wires it: rules loaded from one directory, the store, the draft
 * writer the flow calls before queueing, and the HTTP API. One instance per node.
 */
public record Orders(OrderRules rules, OrderStore store, DraftOrderWriter writer) {

    /** Loads the rules under {@code rulesDir} (throws {@code ConfigException} naming every problem). */
    public static Orders create(RedisGateway redis, Path rulesDir, OrderSettings settings, Clock clock) {
        OrderRules rules = OrderRules.load(rulesDir);
        OrderStore store = new OrderStore(redis, rules, settings, clock);
        return new Orders(rules, store, new DraftOrderWriter(redis, rules, store, settings));
    }

    /** Re-handling and escalation from the survey answers, polled on this node until closed. */
    public Rehandling startRehandling(RedisGateway redis, OrderKeys keys, String nodeId) {
        return Rehandling.start(redis, keys, store, nodeId);
    }

    /** The monthly hot topics, with the words as {@code rulesDir/topics.yaml} says (ConfigException if it is wrong). */
    public HotTopics hotTopics(Path rulesDir, OrderSettings settings, Clock clock) {
        return new HotTopics(store, rules.taxonomy(), TopicWords.load(rulesDir.resolve("topics.yaml")), settings.zone(),
                clock);
    }

    /** Serves the hot topics to supervisors ({@link TopicsRoute}). */
    public void registerTopics(Router router, HotTopics topics, Clock clock) {
        new TopicsRoute(topics, clock).register(router);
    }

    /** The case a caller asks after by phone. */
    public ProgressLookup progress(RedisGateway redis, OrderSettings settings) {
        return new ProgressLookup(redis, store, settings);
    }

    /** Serves {@code /api/orders} to seats; {@code access} says which orders each may touch. */
    public void registerApi(Router router, OrderAccess access) {
        new OrderHttpApi(store, access).register(router);
    }
}
