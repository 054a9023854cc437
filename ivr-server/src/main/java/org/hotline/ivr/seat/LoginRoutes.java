package org.hotline.ivr.seat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.hotline.ivr.ops.PasswordHash;
import org.hotline.ivr.ops.WebRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log in, log out and "who am I" for one role. Password hashing is slow on purpose, so it runs on its own
 * small pool; an unknown id costs as much as a wrong password, so timing does not tell which ids exist.
 */
final class LoginRoutes {

    /** What else happens when someone of this role logs in or out (a seat's state, its sockets). */
    interface Hooks {
        Hooks NONE = new Hooks() {
        };

        default void loggedIn(Account account) {
        }

        default void loggedOut(Session session) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);
    private static final int MAX_FIELD = 200;

    private final Role role;
    private final AccountFile accounts;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final Guard guard;
    private final OriginPolicy origins;
    private final boolean secureCookie;
    private final Hooks hooks;
    private final Executor hashing;
    private final String decoyHash;

    LoginRoutes(Role role, AccountFile accounts, ConsoleSecurity security, Hooks hooks, Executor hashing) {
        this.role = role;
        this.accounts = accounts;
        this.sessions = security.sessions();
        this.throttle = security.throttle();
        this.guard = security.guard();
        this.origins = security.origins();
        this.secureCookie = security.secureCookie();
        this.hooks = hooks;
        this.hashing = hashing;
        this.decoyHash = accounts.all().stream().findFirst().map(Account::passwordHash)
                .orElseGet(() -> PasswordHash.create("decoy".toCharArray(), 1000));
    }

    CompletionStage<FullHttpResponse> login(WebRequest request) {
        if (!origins.allows(request)) {
            return done(ApiResponses.forbidden("origin not allowed"));
        }
        Optional<JsonNode> body = JsonBody.of(request);
        String id = body.map(b -> JsonBody.text(b, "id")).orElse("");
        String password = body.map(b -> JsonBody.text(b, "password")).orElse("");
        if (id.isBlank() || password.isEmpty() || id.length() > MAX_FIELD || password.length() > MAX_FIELD) {
            return done(ApiResponses.badRequest(java.util.List.of("id and password: required, as a JSON object")));
        }
        String address = request.remoteHost();
        Optional<Duration> wait = throttle.waitBefore(role, id, address);
        if (wait.isPresent()) {
            log.info("console login for {} {} from {} held back {} ms", role, id, address, wait.get().toMillis());
            return done(ApiResponses.tooManyAttempts(wait.get()));
        }
        Optional<Account> account = accounts.find(id);
        return CompletableFuture.supplyAsync(() -> PasswordHash.verify(password.toCharArray(),
                        account.map(Account::passwordHash).orElse(decoyHash)) && account.isPresent(), hashing)
                .thenApply(good -> good ? loggedIn(account.get()) : refused(id, address));
    }

    private FullHttpResponse loggedIn(Account account) {
        throttle.succeeded(role, account.id());
        SessionStore.Opened opened = sessions.open(account);
        hooks.loggedIn(account);
        log.info("console login: {} {}", role, account.id());
        return ApiResponses.withCookie(ApiResponses.ok(whoAmI(opened.session())), role, opened.token(),
                sessions.ttl(), secureCookie);
    }

    private FullHttpResponse refused(String id, String address) {
        throttle.failed(role, id, address);
        log.info("console login refused: {} {} from {}", role, id, address);
        return ApiResponses.error(HttpResponseStatus.UNAUTHORIZED, "wrong id or password");
    }

    FullHttpResponse logout(WebRequest request) {
        Guard.Verdict verdict = guard.check(request, role);
        if (!verdict.allowed()) {
            return verdict.refusal();
        }
        sessions.close(verdict.session());
        hooks.loggedOut(verdict.session());
        log.info("console logout: {} {}", role, verdict.session().subject());
        return ApiResponses.withCookie(ApiResponses.ok(Map.of("loggedOut", true)), role, "", Duration.ZERO, secureCookie);
    }

    FullHttpResponse me(WebRequest request) {
        Guard.Verdict verdict = guard.check(request, role);
        return verdict.allowed() ? ApiResponses.ok(whoAmI(verdict.session())) : verdict.refusal();
    }

    private static Map<String, Object> whoAmI(Session session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", session.subject());
        body.put("name", session.name());
        body.put("role", session.role().name().toLowerCase());
        body.put("csrf", session.csrf());
        return body;
    }

    private static CompletionStage<FullHttpResponse> done(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
