package org.hotline.ivr.seat.live;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.hotline.ivr.ami.AmiServices;
import org.hotline.ivr.ami.ChannelControl;
import org.hotline.ivr.flow.CallsInIvr;
import org.hotline.ivr.flow.HeldCalls;
import org.hotline.ivr.followup.CallbackRetries;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.knowledge.KnowledgeBase;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.OrderContacts;
import org.hotline.ivr.order.OrderRules;
import org.hotline.ivr.order.Orders;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.OrderStore;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.QueueModule;
import org.hotline.ivr.queue.QueueStats;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.seat.Account;
import org.hotline.ivr.seat.AccountFile;
import org.hotline.ivr.seat.CallControlApi;
import org.hotline.ivr.seat.CallControls;
import org.hotline.ivr.seat.FloorApi;
import org.hotline.ivr.seat.ConsoleParts;
import org.hotline.ivr.seat.KnowledgeLookup;
import org.hotline.ivr.seat.MenuLabels;
import org.hotline.ivr.seat.SeatConsole;
import org.hotline.ivr.seat.SeatEvents;
import org.hotline.ivr.speech.CallRecordings;
import org.hotline.ivr.speech.RecordingAudit;
import org.hotline.ivr.speech.RecordingHttpApi;

/** The console on the real call distributor and order store. */
public final class LiveConsole {

    private LiveConsole() {
    }

    /**
     * The wiring {@code IvrServer} uses once it starts the queue and order modules:
     * {@code LiveConsole.install(config, router, redis, queueModule, orders, OrderSettings.defaults(), knowledge)}.
     * It also serves {@code /api/orders} to seats with the console's rule of whose order is whose
     * ({@link ConsoleOrderAccess}).
     */
    public static SeatConsole install(IvrConfig config, Router router, RedisGateway redis, QueueModule queue,
                                      Orders orders, OrderSettings orderSettings, KnowledgeBase knowledge) {
        return install(config, router, redis, queue, orders, orderSettings, knowledge, null);
    }

    /**
     * The same, and the call recordings for the pop's player ({@link RecordingHttpApi}: the seat a call was given
     * to and supervisors); none with {@code recordings} null.
     */
    public static SeatConsole install(IvrConfig config, Router router, RedisGateway redis, QueueModule queue,
                                      Orders orders, OrderSettings orderSettings, KnowledgeBase knowledge,
                                      CallRecordings recordings) {
        return install(config, router, redis, queue, orders, orderSettings, knowledge, recordings, MenuLabels.NONE);
    }

    /** The same, and the flows' labels for the menu path the pop shows ({@link FlowMenuLabels}). */
    public static SeatConsole install(IvrConfig config, Router router, RedisGateway redis, QueueModule queue,
                                      Orders orders, OrderSettings orderSettings, KnowledgeBase knowledge,
                                      CallRecordings recordings, MenuLabels menus) {
        return install(config, router, redis, queue, orders, orderSettings, knowledge, recordings, menus, CallControls.NONE);
    }

    /**
     * The same with the seats' call controls and the supervisors' listen-in ({@link #callControls}; {@link
     * CallControls#NONE} without AMI), and the supervisors' floor view.
     */
    public static SeatConsole install(IvrConfig config, Router router, RedisGateway redis, QueueModule queue,
                                      Orders orders, OrderSettings orderSettings, KnowledgeBase knowledge,
                                      CallRecordings recordings, MenuLabels menus, CallControls controls) {
        ConsoleParts parts = parts(config.paths().supervisors(), redis, queue.distributor(), queue.stats()::latest,
                orders.store(), orders.rules(), orderSettings, new KnowledgeBaseLookup(knowledge), menus);
        SeatConsole console = SeatConsole.install(router, redis, config.console(), parts, new SeatEvents(redis));
        new CallControlApi(controls, parts.calls(), parts.states(), console.events()).register(router);
        new FloorApi(new LiveFloor(queue.stats()::latest, callId -> controls.state(callId).equals("held"), redis,
                Clock.systemUTC(), orderSettings.zone())).register(router);
        ConsoleOrderAccess access = new ConsoleOrderAccess(parts.calls());
        orders.registerApi(router, access);
        if (recordings != null) {
            new RecordingHttpApi(recordings, orders.store(), access, parts.calls()::seatOf,
                    new OrderContacts(redis, orderSettings.keys())::orderOfCall, new RecordingAudit(redis, Clock.systemUTC()))
                    .register(router);
        }
        return console;
    }

    /**
     * Call controls over AMI: transfer targets from {@code ami.controls.targets} and the queues, the hold loop's
     * {@code holds}; {@link CallControls#NONE} when AMI is off.
     */
    public static CallControls callControls(IvrConfig config, AmiServices ami, HeldCalls holds, QueueModule queue) {
        if (!config.ami().enabled()) {
            return CallControls.NONE;
        }
        return new AmiCallControls(new ChannelControl(ami.links(), ami.originator()), holds,
                TransferTargets.load(config.ami().controls().targets(), queue.distributor().setup().queues()),
                config.ami().controls());
    }

    /**
     * @param queueStats the latest queue figures, e.g. {@code QueueStatsPoller::latest}
     * @param supervisors supervisors.yaml ({@code paths.supervisors})
     */
    public static SeatConsole install(IvrConfig.Console config, Path supervisors, Router router, RedisGateway redis,
                                      CallDistributor distributor, Supplier<QueueStats> queueStats, OrderStore orders,
                                      OrderRules rules, OrderSettings orderSettings) {
        return SeatConsole.install(router, redis, config, parts(supervisors, redis, distributor, queueStats, orders, rules,
                orderSettings, KnowledgeLookup.NONE, MenuLabels.NONE), new SeatEvents(redis));
    }

    private static ConsoleParts parts(Path supervisors, RedisGateway redis, CallDistributor distributor,
                                      Supplier<QueueStats> queueStats, OrderStore orders, OrderRules rules,
                                      OrderSettings orderSettings, KnowledgeLookup knowledge, MenuLabels menus) {
        AccountFile seats = AccountFile.of(distributor.setup().seats().stream()
                .map(seat -> new Account(seat.id(), seat.name(), Role.SEAT, seat.passwordHash())).toList());
        QueueSeatStates states = new QueueSeatStates(distributor);
        OrderRulesCatalogue catalogue = new OrderRulesCatalogue(rules);
        ConsoleParts parts = new ConsoleParts(seats, AccountFile.load(supervisors, Role.SUPERVISOR), states,
                new QueueAssignedCalls(redis, distributor.records(), states, orders),
                new OrderStoreEditing(orders, rules), catalogue,
                new LiveWallboard(queueStats, new CallsInIvr(redis, Clock.systemUTC())::count, orders, catalogue, Clock.systemUTC(),
                        orderSettings.zone()), knowledge, menus,
                new DeskCallbacks(distributor.setup(), new CallbackRetries(redis, Clock.systemUTC()),
                        new OrderContacts(redis, orderSettings.keys()), Clock.systemUTC()));
        return parts;
    }
}
