package org.hotline.ivr.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every HTTP route of this node, each with the role it needs, and the authenticators that prove roles. Each
 * package registers its own routes at start-up:
 * <pre>
 * router.get("/api/queues", Role.SUPERVISOR, request -> ...);             // blocking: on the route pool
 * router.post("/api/orders/{id}/submit", Role.SEAT, request -> ... request.param("id") ...);
 * router.nonBlocking(HttpMethod.GET, "/healthz", Role.PUBLIC, request -> ...); // from memory, on the event loop
 * router.webSocket("/ws", Role.SEAT, endpoint);
 * </pre>
 * The front door ({@link Dispatcher}) authenticates before it looks a path up: an anonymous request to anything
 * but a public route gets 401 (under the {@link #GUARDED} prefixes whatever the path, known or not); a principal
 * without the route's role gets 403; a browser session's state change needs an allowed Origin and its CSRF token.
 * A public route never serves a path under a guarded prefix unless it was registered under that prefix itself (a
 * login route). How to add a route: {@code docs/security.md}.
 */
public final class Router {

    /** Paths where nothing, not even a 404, is told to an anonymous caller. */
    public static final List<String> GUARDED = List.of("/api/", "/admin/", "/console/api/", "/wallboard/api/");

    /** What the lookup found for a method and path. */
    sealed interface Lookup {
        record Found(Route route, Map<String, String> params) implements Lookup {
        }

        record WrongMethod(List<HttpMethod> allowed) implements Lookup {
        }

        record Missing() implements Lookup {
        }
    }

    /** Told of every request a proven caller made to an {@link Role#ADMIN} route, with the status it got. */
    @FunctionalInterface
    interface AuditTrail {
        void record(Principal who, WebRequest request, int status);
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private volatile AuditTrail audit = AdminAudit::logOnly;
    private final List<Authenticator> authenticators = new CopyOnWriteArrayList<>();
    private final OriginPolicy origins;

    /** Browser changes and WebSockets allowed from the page's own host only. */
    public Router() {
        this(List.of());
    }

    /** Browser changes and WebSockets allowed from {@code allowedOrigins} ({@code console.allowedOrigins}). */
    public Router(List<String> allowedOrigins) {
        this.origins = new OriginPolicy(allowedOrigins);
    }

    public Router get(String path, Role role, Route.SyncHandler handler) {
        return add(HttpMethod.GET, path, role, handler);
    }

    public Router post(String path, Role role, Route.SyncHandler handler) {
        return add(HttpMethod.POST, path, role, handler);
    }

    /** A blocking route: answered on the route pool, so it may read Redis or disk. */
    public Router add(HttpMethod method, String path, Role role, Route.SyncHandler handler) {
        return register(method, path, role, Route.Mode.BLOCKING,
                request -> CompletableFuture.completedFuture(handler.answer(request)), null);
    }

    /** A route that answers later (started on the route pool; the stage may complete on any thread). */
    public Router addAsync(HttpMethod method, String path, Role role, Route.Handler handler) {
        return register(method, path, role, Route.Mode.BLOCKING, handler, null);
    }

    /** A route answered on the event loop from memory: it must never wait (no Redis, no disk, no lock). */
    public Router nonBlocking(HttpMethod method, String path, Role role, Route.SyncHandler handler) {
        return register(method, path, role, Route.Mode.NON_BLOCKING,
                request -> CompletableFuture.completedFuture(handler.answer(request)), null);
    }

    /** WebSocket upgrades on {@code path}; a browser session must also come from an allowed Origin. */
    public Router webSocket(String path, Role role, WebSocketEndpoint endpoint) {
        return register(HttpMethod.GET, path, role, Route.Mode.WEBSOCKET, null, endpoint);
    }

    /** Adds a kind of credential (session cookies, bearer tokens) that proves principals. */
    public Router authenticateWith(Authenticator authenticator) {
        authenticators.add(authenticator);
        return this;
    }

    /** Admin requests go to {@code trail} (see {@link AdminAudit#install}) instead of the log alone. */
    Router auditWith(AuditTrail trail) {
        this.audit = trail;
        return this;
    }

    AuditTrail audit() {
        return audit;
    }

    /** Every route registered, for the test that no route is open by mistake, and for the docs. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The Origin rule the front door applies to browser sessions; login routes apply it too. */
    public OriginPolicy origins() {
        return origins;
    }

    List<Authenticator> authenticators() {
        return List.copyOf(authenticators);
    }

    private Router register(HttpMethod method, String path, Role role, Route.Mode mode, Route.Handler handler,
                            WebSocketEndpoint endpoint) {
        RoutePattern pattern = RoutePattern.parse(path);
        for (Route existing : routes) {
            if (existing.method().equals(method) && existing.pattern().text().equals(pattern.text())
                    && (existing.mode() == Route.Mode.WEBSOCKET) == (mode == Route.Mode.WEBSOCKET)) {
                throw new IllegalStateException("route " + method + " " + path + " registered twice");
            }
        }
        routes.add(new Route(method, pattern, role, mode, handler, endpoint));
        return this;
    }

    static boolean guarded(String path) {
        return GUARDED.stream().anyMatch(path::startsWith);
    }

    /** The public route for this request, if one serves it: the only lookup made before authentication. */
    Optional<Lookup.Found> publicRoute(HttpMethod method, String path, boolean upgrade) {
        Optional<String> guard = GUARDED.stream().filter(path::startsWith).findFirst();
        return candidates(path, upgrade).stream()
                .filter(found -> found.route().open())
                .filter(found -> guard.isEmpty() || found.route().pattern().literalPrefix().startsWith(guard.get()))
                .filter(found -> matches(found.route(), method))
                .findFirst();
    }

    Lookup find(HttpMethod method, String path, boolean upgrade) {
        List<Lookup.Found> found = candidates(path, upgrade);
        for (Lookup.Found candidate : found) {
            if (matches(candidate.route(), method)) {
                return candidate;
            }
        }
        if (found.isEmpty()) {
            return new Lookup.Missing();
        }
        return new Lookup.WrongMethod(found.stream().map(f -> f.route().method()).distinct().toList());
    }

    private List<Lookup.Found> candidates(String path, boolean upgrade) {
        List<Lookup.Found> found = new ArrayList<>();
        for (Route route : routes) {
            if ((route.mode() == Route.Mode.WEBSOCKET) != upgrade) {
                continue;
            }
            route.pattern().match(path).ifPresent(params -> found.add(new Lookup.Found(route, params)));
        }
        found.sort(Comparator.comparing(f -> f.route().pattern().specificity()));
        // Only the most specific pattern's routes count: /api/orders/{id} must not fall back to a wider one.
        if (!found.isEmpty()) {
            String best = found.get(0).route().pattern().specificity();
            found.removeIf(f -> !f.route().pattern().specificity().equals(best));
        }
        return found;
    }

    private static boolean matches(Route route, HttpMethod method) {
        return route.method().equals(method) || (method.equals(HttpMethod.HEAD) && route.method().equals(HttpMethod.GET));
    }
}
