package org.hotline.ivr.seat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.hotline.ivr.ops.WebRequest;
import org.hotline.ivr.redis.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /console/api/...}: what a logged-in seat may do. Every call and order is checked against the
 * session's seat: another seat's call, its caller's number or its order answers 403.
 */
final class SeatApi {

    static final String PREFIX = "/console/api/";
    private static final Logger log = LoggerFactory.getLogger(SeatApi.class);
    private static final int MAX_REASON = 100;

    private final LoginRoutes login;
    private final Guard guard;
    private final SeatStates states;
    private final AssignedCalls calls;
    private final OrderEditing orders;
    private final OrderCatalogue catalogue;
    private final ScreenPopView view;
    private final SeatEvents events;
    private final CallerNumberAudit audit;
    private final KnowledgeLookup knowledge;
    private final Executor io;

    SeatApi(LoginRoutes login, Guard guard, ConsoleParts parts, ScreenPopView view, SeatEvents events,
            CallerNumberAudit audit, Executor io) {
        this.login = login;
        this.guard = guard;
        this.states = parts.states();
        this.calls = parts.calls();
        this.orders = parts.orders();
        this.catalogue = parts.catalogue();
        this.view = view;
        this.events = events;
        this.audit = audit;
        this.knowledge = parts.knowledge();
        this.io = io;
    }

    CompletionStage<FullHttpResponse> handle(WebRequest request) {
        String[] path = request.path().substring(PREFIX.length()).split("/");
        HttpMethod method = request.method();
        if (path.length == 1 && path[0].equals("login") && method.equals(HttpMethod.POST)) {
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

    private FullHttpResponse route(WebRequest request, HttpMethod method, String[] path) {
        String first = path[0];
        if (path.length == 1 && first.equals("logout") && method.equals(HttpMethod.POST)) {
            return login.logout(request);
        }
        if (path.length == 1 && first.equals("me") && method.equals(HttpMethod.GET)) {
            return login.me(request);
        }
        Guard.Verdict verdict = guard.check(request, Role.SEAT);
        if (!verdict.allowed()) {
            return verdict.refusal();
        }
        String seatId = verdict.session().subject();
        String key = method.name() + " " + first + "/" + path.length;
        return switch (key) {
            case "GET screen/1" -> ApiResponses.ok(view.screen(seatId));
            case "GET catalogue/1" -> ApiResponses.ok(Map.of("categories", catalogue.categories(),
                    "urgencies", List.of("normal", "high", "emergency")));
            case "GET places/1" -> ApiResponses.ok(Map.of("places",
                    catalogue.places(request.query("q").orElse("").strip(), 8)));
            case "GET kb/1" -> searchKnowledge(request);
            case "GET kb/2" -> knowledge.article(path[1]).map(ApiResponses::ok)
                    .orElseGet(() -> ApiResponses.notFound("no such article"));
            case "POST state/1" -> changeState(request, seatId);
            case "GET calls/2" -> call(seatId, path[1]);
            case "POST calls/3" -> path[2].equals("caller") ? callerNumber(seatId, path[1]) : ApiResponses.notFound("no such path");
            case "PUT orders/2" -> editOrder(request, seatId, path[1], false);
            case "POST orders/3" -> path[2].equals("submit") ? editOrder(request, seatId, path[1], true) : ApiResponses.notFound("no such path");
            default -> ApiResponses.notFound("no such path: " + request.path());
        };
    }

    private FullHttpResponse changeState(WebRequest request, String seatId) {
        Optional<JsonNode> body = JsonBody.of(request);
        String state = body.map(b -> JsonBody.text(b, "state")).orElse("");
        String reason = body.map(b -> JsonBody.text(b, "reason")).orElse("").strip();
        boolean changed;
        if (state.equals(SeatStatus.READY)) {
            changed = states.ready(seatId);
        } else if (state.equals(SeatStatus.PAUSED) && !reason.isEmpty() && reason.length() <= MAX_REASON) {
            changed = states.pause(seatId, reason);
        } else {
            return ApiResponses.badRequest(List.of("state: ready, or paused with a reason of 1.." + MAX_REASON + " characters"));
        }
        if (!changed) {
            return ApiResponses.error(HttpResponseStatus.CONFLICT, "not while the seat holds a call");
        }
        events.publish(seatId, "state");
        return ApiResponses.ok(view.status(states.status(seatId)));
    }

    /**
     * {@code GET kb?q=words&category=code&lang=zh&limit=n}: articles for a question or a transcript ({@code q}),
     * a draft's category, or both; {@code lang} only prefers.
     */
    private FullHttpResponse searchKnowledge(WebRequest request) {
        String limitText = request.query("limit").orElse("");
        if (!limitText.isEmpty() && !limitText.matches("[1-9][0-9]?")) {
            return ApiResponses.badRequest(List.of("limit: a number from 1 to 20"));
        }
        int limit = limitText.isEmpty() ? 8 : Math.min(20, Integer.parseInt(limitText));
        List<Map<String, Object>> found = knowledge.search(request.query("q").orElse(""),
                request.query("category").orElse(""), request.query("lang").orElse(""), limit).stream()
                .map(SeatApi::found).toList();
        return ApiResponses.ok(Map.of("articles", found));
    }

    private static Map<String, Object> found(KnowledgeLookup.Found hit) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("id", hit.id());
        body.put("title", hit.title());
        body.put("language", hit.language());
        body.put("category", hit.category());
        body.put("snippet", hit.snippet());
        body.put("marks", hit.marks());
        body.put("score", Math.round(hit.score() * 1000) / 1000.0);
        return body;
    }

    private FullHttpResponse call(String seatId, String callId) {
        Optional<ScreenPop> call = calls.find(callId);
        if (call.isEmpty()) {
            return ApiResponses.notFound("no such call");
        }
        if (!call.get().seatId().equals(seatId)) {
            return refuse(seatId, "call " + callId);
        }
        return ApiResponses.ok(view.pop(call.get()));
    }

    private FullHttpResponse callerNumber(String seatId, String callId) {
        Optional<ScreenPop> call = calls.find(callId);
        if (call.isEmpty()) {
            return ApiResponses.notFound("no such call");
        }
        if (!call.get().seatId().equals(seatId)) {
            return refuse(seatId, "the number of call " + callId);
        }
        audit.revealed(seatId, callId);
        return ApiResponses.ok(Map.of("callId", callId, "caller", calls.callerNumber(callId).orElse("")));
    }

    private FullHttpResponse editOrder(WebRequest request, String seatId, String orderId, boolean submit) {
        Optional<DraftOrder> order = orders.find(orderId);
        if (order.isEmpty()) {
            return ApiResponses.notFound("no such order");
        }
        boolean own = calls.find(order.get().callId()).map(call -> call.seatId().equals(seatId)).orElse(false);
        if (!own) {
            return refuse(seatId, "order " + orderId);
        }
        Optional<JsonNode> body = JsonBody.of(request);
        if (body.isEmpty()) {
            return ApiResponses.badRequest(List.of("body: a JSON object with category, location, urgency, summary"));
        }
        OrderEdit edit = new OrderEdit(JsonBody.text(body.get(), "category"), JsonBody.text(body.get(), "location"),
                JsonBody.text(body.get(), "urgency"), JsonBody.text(body.get(), "summary"));
        Set<String> codes = catalogue.categories().stream().map(OrderCatalogue.Category::code).collect(Collectors.toSet());
        List<String> problems = new java.util.ArrayList<>(edit.problems(codes));
        if (submit) {
            problems.addAll(edit.missingForSubmit());
        }
        if (!problems.isEmpty()) {
            return ApiResponses.badRequest(problems);
        }
        if (DraftOrder.SUBMITTED.equals(order.get().status())) {
            return ApiResponses.error(HttpResponseStatus.CONFLICT, "order already submitted");
        }
        DraftOrder saved;
        try {
            saved = submit ? orders.submit(orderId, edit, seatId) : orders.save(orderId, edit, seatId);
        } catch (IllegalArgumentException e) {
            return ApiResponses.badRequest(List.of(e.getMessage()));
        }
        if (submit) {
            log.info("seat {} submitted order {}", seatId, orderId);
            events.publish(seatId, "order");
        }
        return ApiResponses.ok(ScreenPopView.order(saved));
    }

    private static FullHttpResponse refuse(String seatId, String what) {
        log.warn("seat {} was refused {} (not its own)", seatId, what);
        return ApiResponses.forbidden("not your call");
    }
}
