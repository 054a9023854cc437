package org.hotline.ivr.seat;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.hotline.ivr.ops.HttpRoutes;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.WebRequest;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The seat console and wallboard on one node: registers the pages ({@code /console/}, {@code /wallboard/}),
 * the APIs ({@code /console/api/}, {@code /wallboard/api/}) and the seat feed ({@code /ws}) on the HTTP routes,
 * and starts listening for seat events from every node.
 */
public final class SeatConsole implements AutoCloseable {

    private final SeatEvents events;
    private final Guard guard;
    private final ConsoleHub hub;
    private final ExecutorService io;
    private final ExecutorService hashing;

    private SeatConsole(SeatEvents events, Guard guard, ConsoleHub hub, ExecutorService io, ExecutorService hashing) {
        this.events = events;
        this.guard = guard;
        this.hub = hub;
        this.io = io;
        this.hashing = hashing;
    }

    /** {@code events} is the same instance the distributor publishes seat changes with. */
    public static SeatConsole install(HttpRoutes routes, RedisGateway redis, IvrConfig.Console config, ConsoleParts parts,
                                      SeatEvents events) {
        ExecutorService io = Executors.newFixedThreadPool(8, new DefaultThreadFactory("console-io", true));
        ExecutorService hashing = Executors.newFixedThreadPool(2, new DefaultThreadFactory("console-login", true));
        OriginPolicy origins = new OriginPolicy(config.allowedOrigins());
        SessionStore sessions = new SessionStore(redis, config.sessionTtl());
        Guard guard = new Guard(sessions, origins);
        ConsoleSecurity security = new ConsoleSecurity(sessions, new LoginThrottle(redis, LoginThrottle.Limits.DEFAULT),
                guard, origins, config.secureCookie());
        ScreenPopView view = new ScreenPopView(parts.states(), parts.calls(), parts.orders(), config.wrapUp());
        ConsoleHub hub = new ConsoleHub(view, parts.states(), events, config.wrapUp(), io);
        LoginRoutes seatLogin = new LoginRoutes(Role.SEAT, parts.seats(), security,
                new SeatLoginHooks(parts.states(), events, hub), hashing);
        LoginRoutes supervisorLogin = new LoginRoutes(Role.SUPERVISOR, parts.supervisors(), security,
                LoginRoutes.Hooks.NONE, hashing);
        SeatApi seatApi = new SeatApi(seatLogin, guard, parts, view, events, new CallerNumberAudit(redis), io);
        WallboardApi wallboardApi = new WallboardApi(supervisorLogin, guard, parts.wallboard(), io);
        StaticFiles files = new StaticFiles();
        routes.add("/console", files).addPrefix("/console/", files)
                .add("/wallboard", files).addPrefix("/wallboard/", files)
                .addAsyncPrefix(SeatApi.PREFIX, seatApi::handle)
                .addAsyncPrefix(WallboardApi.PREFIX, wallboardApi::handle)
                .addWebSocket("/ws", new SeatSocket(guard, origins, hub, io));
        events.start(hub);
        return new SeatConsole(events, guard, hub, io, hashing);
    }

    /** The console's pool for blocking work (Redis reads), for other APIs that act for a seat. */
    public Executor executor() {
        return io;
    }

    /** For the distributor and the call flow: tell every node's consoles that a seat changed. */
    public SeatEvents events() {
        return events;
    }

    /**
     * For other HTTP APIs that act for a seat (the order API), with the console's own rules: {@code allowed}
     * with the seat of the request's console session, or {@code refused} with the console's answer (401 for
     * no session, 403 for a foreign Origin or a state-changing request without the session's CSRF token).
     * Reads Redis: call it off the event loop.
     */
    public <T> Function<FullHttpRequest, T> authorise(Function<String, T> allowed,
                                                       Function<FullHttpResponse, T> refused) {
        return request -> {
            Guard.Verdict verdict = guard.check(WebRequest.copyOf(request, null), Role.SEAT);
            return verdict.allowed() ? allowed.apply(verdict.session().subject()) : refused.apply(verdict.refusal());
        };
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
        public void loggedOut(Session session) {
            states.logOut(session.subject());
            hub.disconnect(session.subject());
        }
    }
}
