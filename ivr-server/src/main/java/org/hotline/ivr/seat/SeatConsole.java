package org.hotline.ivr.seat;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The seat console and wallboard on one node: registers the pages ({@code /console/}, {@code /wallboard/}),
 * the APIs ({@code /console/api/}, {@code /wallboard/api/}), the seat feed ({@code /ws}) and the session cookies
 * as a credential on the router, and starts listening for seat events from every node.
 */
public final class SeatConsole implements AutoCloseable {

    private final SeatEvents events;
    private final ConsoleHub hub;
    private final ExecutorService io;
    private final ExecutorService hashing;

    private SeatConsole(SeatEvents events, ConsoleHub hub, ExecutorService io, ExecutorService hashing) {
        this.events = events;
        this.hub = hub;
        this.io = io;
        this.hashing = hashing;
    }

    /** {@code events} is the same instance the distributor publishes seat changes with. */
    public static SeatConsole install(Router router, RedisGateway redis, IvrConfig.Console config, ConsoleParts parts,
                                      SeatEvents events) {
        ExecutorService io = Executors.newFixedThreadPool(8, new DefaultThreadFactory("console-io", true));
        // Two threads hash (a shift's logins take seconds, not minutes), 32 wait; more at once are answered 503.
        ExecutorService hashing = LoginRoutes.hashingPool(2, 32);
        SessionStore sessions = new SessionStore(redis, config.sessionTtl());
        ConsoleSecurity security = new ConsoleSecurity(sessions, new LoginThrottle(redis, LoginThrottle.Limits.DEFAULT),
                router.origins(), config.secureCookie());
        ScreenPopView view = new ScreenPopView(parts.states(), parts.calls(), parts.orders(), config.wrapUp(), parts.menus());
        ConsoleHub hub = new ConsoleHub(view, parts.states(), events, config.wrapUp(), io);
        LoginRoutes seatLogin = new LoginRoutes(Role.SEAT, ConsoleSessions.SEAT_COOKIE, parts.seats(), security,
                new SeatLoginHooks(parts.states(), events, hub), hashing);
        LoginRoutes supervisorLogin = new LoginRoutes(Role.SUPERVISOR, ConsoleSessions.SUPERVISOR_COOKIE,
                parts.supervisors(), security, LoginRoutes.Hooks.NONE, hashing);
        router.authenticateWith(new ConsoleSessions(sessions));
        new StaticFiles().register(router);
        new SeatApi(seatLogin, parts, view, events, new CallerNumberAudit(redis)).register(router);
        new WallboardApi(supervisorLogin, parts.wallboard()).register(router);
        router.webSocket("/ws", Role.SEAT, new SeatSocket(hub));
        events.start(hub);
        return new SeatConsole(events, hub, io, hashing);
    }

    /** For the distributor and the call flow: tell every node's consoles that a seat changed. */
    public SeatEvents events() {
        return events;
    }

    @Override
    public void close() {
        events.close();
        hub.close();
        io.shutdownNow();
        hashing.shutdownNow();
    }

    /** A seat that logs in starts paused; one that logs out leaves the pool and its sockets close. */
    private record SeatLoginHooks(SeatStates states, SeatEvents events, ConsoleHub hub) implements LoginRoutes.Hooks {
        @Override
        public void loggedIn(Account account) {
            states.logIn(account.id());
            events.publish(account.id(), "state");
        }

        @Override
        public void loggedOut(org.hotline.ivr.http.Principal principal) {
            // with a call in progress the seat leaves once it ends, instead of wrapping up into the next call
            states.logOutAfterCall(principal.subject());
            hub.disconnect(principal.subject());
        }
    }
}
