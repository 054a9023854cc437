package org.hotline.ivr.seat.live;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.hotline.ivr.ops.HttpRoutes;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.OrderRules;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.OrderStore;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.QueueStats;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.seat.Account;
import org.hotline.ivr.seat.AccountFile;
import org.hotline.ivr.seat.ConsoleParts;
import org.hotline.ivr.seat.Role;
import org.hotline.ivr.seat.SeatConsole;
import org.hotline.ivr.seat.SeatEvents;

/** The console on the real call distributor and order store. */
public final class LiveConsole {

    private LiveConsole() {
    }

    /**
     * @param queueStats the latest queue figures, e.g. {@code QueueStatsPoller::latest}
     * @param supervisors supervisors.yaml ({@code paths.supervisors})
     */
    public static SeatConsole install(IvrConfig.Console config, Path supervisors, HttpRoutes routes, RedisGateway redis,
                                      CallDistributor distributor, Supplier<QueueStats> queueStats, OrderStore orders,
                                      OrderRules rules, OrderSettings orderSettings) {
        AccountFile seats = AccountFile.of(distributor.setup().seats().stream()
                .map(seat -> new Account(seat.id(), seat.name(), Role.SEAT, seat.passwordHash())).toList());
        QueueSeatStates states = new QueueSeatStates(distributor, redis);
        OrderRulesCatalogue catalogue = new OrderRulesCatalogue(rules);
        ConsoleParts parts = new ConsoleParts(seats, AccountFile.load(supervisors, Role.SUPERVISOR), states,
                new QueueAssignedCalls(redis, distributor.setup(), states, orders, orderSettings.keys()),
                new OrderStoreEditing(orders), catalogue,
                new LiveWallboard(queueStats, redis, orders, orderSettings.keys(), catalogue, Clock.systemUTC(),
                        orderSettings.zone()));
        return SeatConsole.install(routes, redis, config, parts, new SeatEvents(redis));
    }
}
