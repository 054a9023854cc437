package org.hotline.ivr.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hotline.ivr.redis.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door's rules for one request, in order: a public route answers at once; a request with no credential
 * gets 401 (under a {@link Router#GUARDED} prefix without a lookup; elsewhere 404 where no route matches at all);
 * otherwise, on the route pool, the credentials are proved (none proved: 401), the
 * path is looked up (404, 405), the role checked (403), and for a browser session's state change or WebSocket the
 * Origin and the CSRF token (403). Only then does the route run. A full pool answers 503 at once. Every request a
 * proven caller makes to an admin route, refused or answered, goes to the router's audit trail.
 */
final class Dispatcher {

    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** What the server sends back: a response, or an admitted WebSocket's listener (then the handshake). */
    record Answer(FullHttpResponse response, WebSocketEndpoint.Listener socket) {
        static Answer of(FullHttpResponse response) {
            return new Answer(response, null);
        }

        static Answer of(WebSocketEndpoint.Admission admission) {
            return admission.accepted() ? new Answer(null, admission.listener()) : of(admission.refusal());
        }
    }

    private final Router router;
    private final Executor pool;
    private final HttpMetrics metrics;

    Dispatcher(Router router, Executor pool, HttpMetrics metrics) {
        this.router = router;
        this.pool = pool;
        this.metrics = metrics;
    }

    /** Called on the event loop; the stage completes on any thread and never exceptionally. */
    CompletionStage<Answer> answer(WebRequest request, boolean upgrade) {
        CompletionStage<Answer> answer;
        try {
            answer = route(request, upgrade);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(error -> Answer.of(failure(request, error)));
    }

    private CompletionStage<Answer> route(WebRequest request, boolean upgrade) {
        String path = request.path();
        Optional<Router.Lookup.Found> open = router.publicRoute(request.method(), path, upgrade);
        if (open.isPresent()) {
            Route route = open.get().route();
            WebRequest routed = request.routed(open.get().params(), null);
            return route.mode() == Route.Mode.BLOCKING ? onPool(() -> run(route, routed)) : run(route, routed);
        }
        if (router.authenticators().stream().noneMatch(authenticator -> authenticator.presented(request))) {
            // Under a guarded prefix nothing is told; elsewhere (a typo in a page's address) a 404 gives nothing away.
            boolean told = !Router.guarded(path) && router.find(request.method(), path, upgrade) instanceof Router.Lookup.Missing;
            return done(told ? HttpResponses.notFound("no such path: " + path) : HttpResponses.unauthorized());
        }
        return onPool(() -> authorised(request, upgrade));
    }

    private CompletionStage<Answer> authorised(WebRequest request, boolean upgrade) {
        List<Principal> principals = new ArrayList<>();
        for (Authenticator authenticator : router.authenticators()) {
            if (authenticator.presented(request)) {
                principals.addAll(authenticator.principals(request));
            }
        }
        if (principals.isEmpty()) {
            return done(HttpResponses.unauthorized());
        }
        Router.Lookup lookup = router.find(request.method(), request.path(), upgrade);
        if (lookup instanceof Router.Lookup.Missing) {
            return done(HttpResponses.notFound("no such path: " + request.path()));
        }
        if (lookup instanceof Router.Lookup.WrongMethod wrong) {
            FullHttpResponse refusal = HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " is not served at " + request.path());
            refusal.headers().set(HttpHeaderNames.ALLOW,
                    wrong.allowed().stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
            return done(refusal);
        }
        Router.Lookup.Found found = (Router.Lookup.Found) lookup;
        Route route = found.route();
        Optional<Principal> acting = principals.stream().filter(p -> p.has(route.role())).findFirst();
        if (acting.isEmpty()) {
            log.info("{} refused {} {}: needs role {}", principals, request.method(), request.path(), route.role().label());
            return audited(route, principals.get(0), request,
                    done(HttpResponses.forbidden("this session may not do that (needs role " + route.role().label() + ")")));
        }
        Optional<FullHttpResponse> forged = browserChecks(request, acting.get(), upgrade);
        if (forged.isPresent()) {
            return audited(route, acting.get(), request, done(forged.get()));
        }
        return audited(route, acting.get(), request, run(route, request.routed(found.params(), acting.get())));
    }

    /** An admin route's request goes to the audit trail with the status it got, refused or answered. */
    private CompletionStage<Answer> audited(Route route, Principal who, WebRequest request, CompletionStage<Answer> answer) {
        if (route.role() != Role.ADMIN) {
            return answer;
        }
        Router.AuditTrail trail = router.audit();
        return answer.exceptionally(error -> Answer.of(failure(request, error))).thenApply(given -> {
            int status = given.response() == null ? HttpResponseStatus.SWITCHING_PROTOCOLS.code()
                    : given.response().status().code();
            try {
                trail.record(who, request, status);
            } catch (RuntimeException e) {
                log.warn("admin audit failed for {} {}", request.method(), request.path(), e);
            }
            return given;
        });
    }

    /** A browser session's change needs an allowed Origin and its CSRF token; its WebSocket an allowed Origin. */
    private Optional<FullHttpResponse> browserChecks(WebRequest request, Principal principal, boolean upgrade) {
        if (!principal.browser()) {
            return Optional.empty();
        }
        OriginPolicy origins = router.origins();
        if (upgrade) {
            return origins.allowsUpgrade(request) ? Optional.empty() : Optional.of(HttpResponses.forbidden("origin not allowed"));
        }
        if (!request.changesState()) {
            return Optional.empty();
        }
        if (!origins.allows(request)) {
            return Optional.of(HttpResponses.forbidden("origin not allowed"));
        }
        String given = request.header(CSRF_HEADER).orElse("");
        boolean matches = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                principal.csrf().getBytes(StandardCharsets.UTF_8));
        return matches ? Optional.empty() : Optional.of(HttpResponses.forbidden("missing or wrong CSRF token"));
    }

    private static CompletionStage<Answer> run(Route route, WebRequest routed) {
        if (route.mode() == Route.Mode.WEBSOCKET) {
            return route.webSocket().admit(routed).thenApply(Answer::of);
        }
        return route.handler().answer(routed).thenApply(Answer::of);
    }

    private CompletionStage<Answer> onPool(Supplier<CompletionStage<Answer>> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool).thenCompose(stage -> stage);
        } catch (RejectedExecutionException e) {
            metrics.refused("busy");
            return done(HttpResponses.retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "server busy; try again", Duration.ofSeconds(1)));
        }
    }

    private static FullHttpResponse failure(WebRequest request, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RedisUnavailableException) {
            log.warn("HTTP {} {}: {}", request.method(), request.path(), cause.getMessage());
            return HttpResponses.retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "state store unavailable; try again", Duration.ofSeconds(1));
        }
        log.warn("HTTP {} {} failed", request.method(), request.path(), cause);
        return HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    private static CompletionStage<Answer> done(FullHttpResponse response) {
        return CompletableFuture.completedFuture(Answer.of(response));
    }
}
