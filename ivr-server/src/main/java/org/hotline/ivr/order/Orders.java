package org.hotline.ivr.order;

import io.netty.handler.codec.http.FullHttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.hotline.ivr.ops.HttpRoutes;
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

    /** Serves {@code /api/orders}; {@code actingSeat} says which seat a request acts for (empty: refused). */
    public void registerApi(HttpRoutes routes, Function<FullHttpRequest, Optional<String>> actingSeat) {
        new OrderHttpApi(store, actingSeat).register(routes);
    }
}
