package org.hotline.ivr.seat;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.hotline.ivr.ops.WebRequest;
import org.hotline.ivr.redis.RedisUnavailableException;

/** {@code /wallboard/api/...}: the supervisors' login and the read-only figures. */
final class WallboardApi {

    static final String PREFIX = "/wallboard/api/";

    private final LoginRoutes login;
    private final Guard guard;
    private final WallboardSource wallboard;
    private final Executor io;

    WallboardApi(LoginRoutes login, Guard guard, WallboardSource wallboard, Executor io) {
        this.login = login;
        this.guard = guard;
        this.wallboard = wallboard;
        this.io = io;
    }

    CompletionStage<FullHttpResponse> handle(WebRequest request) {
        String path = request.path().substring(PREFIX.length());
        HttpMethod method = request.method();
        if (path.equals("login") && method.equals(HttpMethod.POST)) {
            return CompletableFuture.supplyAsync(() -> login.login(request), io).thenCompose(stage -> stage);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return route(request, method, path);
            } catch (RedisUnavailableException e) {
                return ApiResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "state store unavailable; try again");
            }
        }, io);
    }

    private FullHttpResponse route(WebRequest request, HttpMethod method, String path) {
        if (path.equals("logout") && method.equals(HttpMethod.POST)) {
            return login.logout(request);
        }
        if (path.equals("me") && method.equals(HttpMethod.GET)) {
            return login.me(request);
        }
        Guard.Verdict verdict = guard.check(request, Role.SUPERVISOR);
        if (!verdict.allowed()) {
            return verdict.refusal();
        }
        if (path.equals("stats") && method.equals(HttpMethod.GET)) {
            return ApiResponses.ok(wallboard.snapshot());
        }
        return ApiResponses.notFound("no such path: " + request.path());
    }
}
