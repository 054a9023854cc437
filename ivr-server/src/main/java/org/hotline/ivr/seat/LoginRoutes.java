package org.hotline.ivr.seat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Principal;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.WebRequest;
import org.hotline.ivr.ops.PasswordHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log in (public), log out and "who am I" for one area, the console or the wallboard, each with its own cookie.
 * Password hashing is slow on purpose, so it runs on its own small pool ({@link #hashingPool}), bounded: when it is
 * full a login is answered 503 at once rather than queued without end (a burst of logins, an attacker's, must not
 * take CPU and memory from the calls). An unknown id costs as much as a wrong password, so timing does not tell
 * which ids exist.
 */
final class LoginRoutes {

    /** What else happens when someone of this area logs in or out (a seat's state, its sockets). */
    interface Hooks {
        Hooks NONE = new Hooks() {
        };

        default void loggedIn(Account account) {
        }

        default void loggedOut(Principal principal) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);
    private static final int MAX_FIELD = 200;
    private static final Duration BUSY_LOG_EVERY = Duration.ofSeconds(10);

    private final Role role;
    private final String cookie;
    private final AccountFile accounts;
    private final ConsoleSecurity security;
    private final Hooks hooks;
    private final Executor hashing;
    private final String decoyHash;
    private final AtomicLong busyRefusals = new AtomicLong();
    private final AtomicLong lastBusyLog = new AtomicLong();

    /** Logins hashed at once and waiting to be: at most {@code threads + queue}; beyond that 503. */
    static ThreadPoolExecutor hashingPool(int threads, int queue) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                new DefaultThreadFactory("console-login", true));
    }

    LoginRoutes(Role role, String cookie, AccountFile accounts, ConsoleSecurity security, Hooks hooks, Executor hashing) {
        this.role = role;
        this.cookie = cookie;
        this.accounts = accounts;
        this.security = security;
        this.hooks = hooks;
        this.hashing = hashing;
        this.decoyHash = accounts.all().stream().findFirst().map(Account::passwordHash)
                .orElseGet(() -> PasswordHash.create("decoy".toCharArray(), 1000));
    }

    /** {@code prefix} is the area's API, e.g. {@code /console/api}. */
    void register(Router router, String prefix) {
        router.addAsync(HttpMethod.POST, prefix + "/login", Role.PUBLIC, this::login)
                .post(prefix + "/logout", role, this::logout)
                .get(prefix + "/me", role, request -> HttpResponses.ok(whoAmI(request.principal())));
    }

    private CompletionStage<FullHttpResponse> login(WebRequest request) {
        if (!security.origins().allows(request)) {
            return done(HttpResponses.forbidden("origin not allowed"));
        }
        Optional<JsonNode> body = JsonBody.of(request);
        String id = body.map(b -> JsonBody.text(b, "id")).orElse("");
        String password = body.map(b -> JsonBody.text(b, "password")).orElse("");
        if (id.isBlank() || password.isEmpty() || id.length() > MAX_FIELD || password.length() > MAX_FIELD) {
            return done(HttpResponses.badRequest(List.of("id and password: required, as a JSON object")));
        }
        String address = request.remoteHost();
        Optional<Duration> wait = security.throttle().waitBefore(role, id, address);
        if (wait.isPresent()) {
            log.info("console login for {} {} from {} held back {} ms", role, id, address, wait.get().toMillis());
            return done(HttpResponses.retryLater(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "too many failed logins; wait and try again", wait.get()));
        }
        Optional<Account> account = accounts.find(id);
        try {
            return CompletableFuture.supplyAsync(() -> PasswordHash.verify(password.toCharArray(),
                            account.map(Account::passwordHash).orElse(decoyHash)) && account.isPresent(), hashing)
                    .thenApply(good -> good ? loggedIn(account.get()) : refused(id, address));
        } catch (RejectedExecutionException e) {
            long now = System.nanoTime();
            long last = lastBusyLog.get();
            long refused = busyRefusals.incrementAndGet();
            if ((now - last >= BUSY_LOG_EVERY.toNanos() || last == 0) && lastBusyLog.compareAndSet(last, now)) {
                busyRefusals.addAndGet(-refused);
                log.warn("console logins refused with 503: every login thread is busy and the queue full ({} since the"
                        + " last such line; this one {} {} from {})", refused, role, id, address);
            }
            return done(HttpResponses.retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "too many logins at once; try again", Duration.ofSeconds(1)));
        }
    }

    private FullHttpResponse loggedIn(Account account) {
        security.throttle().succeeded(role, account.id());
        SessionStore.Opened opened = security.sessions().open(account);
        hooks.loggedIn(account);
        log.info("console login: {} {} {}", role, account.id(), account.roles());
        return withCookie(HttpResponses.ok(whoAmI(opened.session().principal())), opened.token(),
                security.sessions().ttl());
    }

    private FullHttpResponse refused(String id, String address) {
        security.throttle().failed(role, id, address);
        log.info("console login refused: {} {} from {}", role, id, address);
        return HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "wrong id or password");
    }

    private FullHttpResponse logout(WebRequest request) {
        request.cookie(cookie).ifPresent(security.sessions()::close);
        hooks.loggedOut(request.principal());
        log.info("console logout: {} {}", role, request.principal().subject());
        return withCookie(HttpResponses.ok(Map.of("loggedOut", true)), "", Duration.ZERO);
    }

    private Map<String, Object> whoAmI(Principal principal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", principal.subject());
        body.put("name", principal.name());
        body.put("role", role.label());
        body.put("roles", principal.roles().stream().map(Role::label).sorted().toList());
        body.put("csrf", principal.csrf());
        return body;
    }

    private FullHttpResponse withCookie(FullHttpResponse response, String token, Duration maxAge) {
        DefaultCookie value = new DefaultCookie(cookie, token);
        value.setPath("/");
        value.setHttpOnly(true);
        value.setSecure(security.secureCookie());
        value.setSameSite(CookieHeaderNames.SameSite.Strict);
        value.setMaxAge(maxAge.toSeconds());
        response.headers().add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(value));
        return response;
    }

    private static CompletionStage<FullHttpResponse> done(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
