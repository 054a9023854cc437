package org.hotline.ivr.order;

import java.util.Set;
import java.util.function.Consumer;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The {@code closed} events, in consumer group {@value #GROUP}: each closed order is handed to one node's
 * {@code onClosed} (at least once, see {@link OrderEventFeed}), for its satisfaction survey.
 */
public final class ClosedOrderFeed extends OrderEventFeed {

    public static final String GROUP = "survey";

    public ClosedOrderFeed(RedisGateway redis, OrderKeys keys, OrderStore store, String consumer,
                           Consumer<DraftOrder> onClosed) {
        super(redis, keys, store, GROUP, Set.of("closed"), consumer, onClosed);
    }
}
