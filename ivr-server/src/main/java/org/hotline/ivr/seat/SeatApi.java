package org.hotline.ivr.seat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.WebRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /console/api/...}: what a logged-in seat may do (the front door has checked the seat role and, for changes,
 * the CSRF token). Every call and order is checked against the session's seat: another seat's call, its caller's
 * number or its order answers 403.
 */
final class SeatApi {

    static final String PREFIX = "/console/api";
    private static final Logger log = LoggerFactory.getLogger(SeatApi.class);
    private static final int MAX_REASON = 100;
    private static final int MAX_DRAFTS_SCANNED = 50;
    private static final int MAX_STATS_CALLS = 300;
    private static final int MAX_EARLIER = 20;
    private static final java.time.Duration MIN_CALLBACK_AHEAD = java.time.Duration.ofMinutes(1);
    private static final java.time.Duration MAX_CALLBACK_AHEAD = java.time.Duration.ofDays(14);

    private final LoginRoutes login;
    private final SeatStates states;
    private final AssignedCalls calls;
    private final OrderEditing orders;
    private final OrderCatalogue catalogue;
    private final ScreenPopView view;
    private final SeatEvents events;
    private final CallerNumberAudit audit;
    private final KnowledgeLookup knowledge;
    private final CallbackScheduling callbacks;

    SeatApi(LoginRoutes login, ConsoleParts parts, ScreenPopView view, SeatEvents events, CallerNumberAudit audit) {
        this.login = login;
        this.states = parts.states();
        this.calls = parts.calls();
        this.orders = parts.orders();
        this.catalogue = parts.catalogue();
        this.view = view;
        this.events = events;
        this.audit = audit;
        this.knowledge = parts.knowledge();
        this.callbacks = parts.callbacks();
    }

    void register(Router router) {
        login.register(router, PREFIX);
        router.get(PREFIX + "/screen", Role.SEAT, request -> HttpResponses.ok(view.screen(seat(request))))
                .get(PREFIX + "/catalogue", Role.SEAT, request -> HttpResponses.ok(Map.of(
                        "categories", catalogue.categories(), "urgencies", List.of("normal", "high", "emergency"))))
                .get(PREFIX + "/places", Role.SEAT, request -> HttpResponses.ok(Map.of("places",
                        catalogue.places(request.query("q").orElse("").strip(), 8))))
                .get(PREFIX + "/kb", Role.SEAT, this::searchKnowledge)
                .get(PREFIX + "/kb/{id}", Role.SEAT, request -> knowledge.article(request.param("id"))
                        .map(HttpResponses::ok).orElseGet(() -> HttpResponses.notFound("no such article")))
                .post(PREFIX + "/state", Role.SEAT, request -> changeState(request, seat(request)))
                .get(PREFIX + "/drafts", Role.SEAT, request -> openDrafts(seat(request)))
                .get(PREFIX + "/stats", Role.SEAT, this::personalStats)
                .get(PREFIX + "/calls/{id}", Role.SEAT, request -> call(seat(request), request.param("id")))
                .get(PREFIX + "/calls/{id}/earlier/{order}", Role.SEAT,
                        request -> earlierOrder(seat(request), request.param("id"), request.param("order")))
                .post(PREFIX + "/calls/{id}/caller", Role.SEAT, request -> callerNumber(seat(request), request.param("id")))
                .add(HttpMethod.PUT, PREFIX + "/orders/{id}", Role.SEAT,
                        request -> editOrder(request, seat(request), request.param("id"), false))
                .post(PREFIX + "/orders/{id}/submit", Role.SEAT,
                        request -> editOrder(request, seat(request), request.param("id"), true))
                .post(PREFIX + "/orders/{id}/callback", Role.SEAT,
                        request -> scheduleCallback(request, seat(request), request.param("id")));
    }

    private static String seat(WebRequest request) {
        return request.principal().subject();
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
            return HttpResponses.badRequest(List.of("state: ready, or paused with a reason of 1.." + MAX_REASON + " characters"));
        }
        if (!changed) {
            return HttpResponses.error(HttpResponseStatus.CONFLICT, "not while the seat holds a call");
        }
        events.publish(seatId, "state");
        return HttpResponses.ok(view.status(states.status(seatId)));
    }

    /**
     * {@code GET kb?q=words&category=code&lang=zh&limit=n}: articles for a question or a transcript ({@code q}),
     * a draft's category, or both; {@code lang} only prefers.
     */
    private FullHttpResponse searchKnowledge(WebRequest request) {
        String limitText = request.query("limit").orElse("");
        if (!limitText.isEmpty() && !limitText.matches("[1-9][0-9]?")) {
            return HttpResponses.badRequest(List.of("limit: a number from 1 to 20"));
        }
        int limit = limitText.isEmpty() ? 8 : Math.min(20, Integer.parseInt(limitText));
        List<Map<String, Object>> found = knowledge.search(request.query("q").orElse(""),
                request.query("category").orElse(""), request.query("lang").orElse(""), limit).stream()
                .map(SeatApi::found).toList();
        return HttpResponses.ok(Map.of("articles", found));
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

    /** The seat's orders of the last day still in draft (saved but never submitted), newest first. */
    private FullHttpResponse openDrafts(String seatId) {
        List<Map<String, Object>> drafts = new java.util.ArrayList<>();
        for (String callId : calls.recentCalls(seatId, MAX_DRAFTS_SCANNED)) {
            calls.find(callId).filter(call -> call.seatId().equals(seatId) && call.orderId() != null)
                    .flatMap(call -> orders.find(call.orderId()))
                    .filter(order -> DraftOrder.DRAFT.equals(order.status()))
                    .ifPresent(order -> drafts.add(ScreenPopView.order(order)));
        }
        return HttpResponses.ok(Map.of("drafts", drafts));
    }

    /**
     * {@code GET stats?since=ms}: the seat's calls since then (the page sends its local midnight: the operator's
     * day) and the average handle time, from the call reaching the seat to its order submitted, over those submitted.
     */
    private FullHttpResponse personalStats(WebRequest request) {
        String since = request.query("since").orElse("");
        if (!since.matches("\\d{1,15}")) {
            return HttpResponses.badRequest(List.of("since: the start of the day in epoch milliseconds"));
        }
        java.time.Instant from = java.time.Instant.ofEpochMilli(Long.parseLong(since));
        String seatId = seat(request);
        int calls = 0;
        long handled = 0;
        long handleSeconds = 0;
        for (String callId : this.calls.recentCalls(seatId, MAX_STATS_CALLS)) {
            Optional<java.time.Instant> at = this.calls.assignedAt(callId);
            if (at.isEmpty() || at.get().isBefore(from)) {
                continue;
            }
            calls++;
            Optional<DraftOrder> order = this.calls.orderOf(callId).flatMap(orders::find);
            if (order.isPresent() && order.get().submittedAt() != null) {
                handled++;
                handleSeconds += Math.max(0, java.time.Duration.between(at.get(), order.get().submittedAt()).toSeconds());
            }
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("calls", calls);
        body.put("submitted", handled);
        body.put("averageHandleSeconds", handled == 0 ? null : handleSeconds / handled);
        return HttpResponses.ok(body);
    }

    /**
     * An earlier order of the caller of a call this seat holds or held, in detail (the pop lists them): only an order of
     * that same number, else 404 as if none existed.
     */
    private FullHttpResponse earlierOrder(String seatId, String callId, String orderId) {
        Optional<ScreenPop> call = calls.find(callId);
        if (call.isEmpty()) {
            return HttpResponses.notFound("no such call");
        }
        if (!call.get().seatId().equals(seatId)) {
            return refuse(seatId, "the earlier orders of call " + callId);
        }
        boolean listed = calls.callerNumber(callId)
                .map(number -> orders.earlierOf(number, call.get().orderId(), MAX_EARLIER).stream()
                        .anyMatch(earlier -> earlier.id().equals(orderId)))
                .orElse(false);
        Optional<DraftOrder> order = listed ? orders.find(orderId) : Optional.empty();
        return order.map(found -> HttpResponses.ok(ScreenPopView.order(found)))
                .orElseGet(() -> HttpResponses.notFound("no such earlier order of this caller"));
    }

    private FullHttpResponse call(String seatId, String callId) {
        Optional<ScreenPop> call = calls.find(callId);
        if (call.isEmpty()) {
            return HttpResponses.notFound("no such call");
        }
        if (!call.get().seatId().equals(seatId)) {
            return refuse(seatId, "call " + callId);
        }
        return HttpResponses.ok(view.pop(call.get()));
    }

    private FullHttpResponse callerNumber(String seatId, String callId) {
        Optional<ScreenPop> call = calls.find(callId);
        if (call.isEmpty()) {
            return HttpResponses.notFound("no such call");
        }
        if (!call.get().seatId().equals(seatId)) {
            return refuse(seatId, "the number of call " + callId);
        }
        audit.revealed(seatId, callId);
        return HttpResponses.ok(Map.of("callId", callId, "caller", calls.callerNumber(callId).orElse("")));
    }

    private FullHttpResponse editOrder(WebRequest request, String seatId, String orderId, boolean submit) {
        Optional<DraftOrder> order = orders.find(orderId);
        if (order.isEmpty()) {
            return HttpResponses.notFound("no such order");
        }
        boolean own = calls.find(order.get().callId()).map(call -> call.seatId().equals(seatId)).orElse(false);
        if (!own) {
            return refuse(seatId, "order " + orderId);
        }
        Optional<JsonNode> body = JsonBody.of(request);
        if (body.isEmpty()) {
            return HttpResponses.badRequest(List.of("body: a JSON object with category, location, urgency, summary"));
        }
        Map<String, String> decisions = new java.util.LinkedHashMap<>();
        OrderEdit.DECISIONS.stream().filter(body.get()::has)
                .forEach(field -> decisions.put(field, JsonBody.text(body.get(), field)));
        OrderEdit edit = new OrderEdit(JsonBody.text(body.get(), "category"), JsonBody.text(body.get(), "location"),
                JsonBody.text(body.get(), "urgency"), JsonBody.text(body.get(), "summary"), decisions);
        Set<String> codes = catalogue.categories().stream().map(OrderCatalogue.Category::code).collect(Collectors.toSet());
        List<String> problems = new java.util.ArrayList<>(edit.problems(codes));
        if (submit) {
            problems.addAll(edit.missingForSubmit());
        }
        if (!problems.isEmpty()) {
            return HttpResponses.badRequest(problems);
        }
        // a submitted order is amended (each change in its history) until it is dispatched; submitted only once
        if (!order.get().amendable() || (submit && !DraftOrder.DRAFT.equals(order.get().status()))) {
            return HttpResponses.badRequest(List.of("status: order is " + order.get().status()
                    + (submit ? " and cannot be submitted again" : " and can no longer be changed")));
        }
        DraftOrder saved;
        try {
            saved = submit ? orders.submit(orderId, edit, seatId) : orders.save(orderId, edit, seatId);
        } catch (IllegalArgumentException e) {
            return HttpResponses.badRequest(List.of(e.getMessage()));
        }
        if (submit) {
            log.info("seat {} submitted order {}", seatId, orderId);
            events.publish(seatId, "order");
        } else if (DraftOrder.SUBMITTED.equals(order.get().status())) {
            log.info("seat {} amended submitted order {}", seatId, orderId);
        }
        return HttpResponses.ok(ScreenPopView.order(saved));
    }

    /**
     * {@code POST orders/{id}/callback {"at": ms}}: the seat arranges to call the citizen back, from 1 minute to 14
     * days ahead, on the order's callback number if it has one, else the calling number (read here, never sent by
     * the page).
     */
    private FullHttpResponse scheduleCallback(WebRequest request, String seatId, String orderId) {
        Optional<DraftOrder> order = orders.find(orderId);
        if (order.isEmpty()) {
            return HttpResponses.notFound("no such order");
        }
        Optional<ScreenPop> call = calls.find(order.get().callId());
        if (call.isEmpty() || !call.get().seatId().equals(seatId)) {
            return refuse(seatId, "a callback for order " + orderId);
        }
        Optional<JsonNode> body = JsonBody.of(request);
        String atText = body.map(b -> JsonBody.text(b, "at")).orElse("");
        java.time.Instant now = java.time.Instant.now();
        if (!atText.matches("\\d{1,15}")) {
            return HttpResponses.badRequest(List.of("at: the time to call back, in epoch milliseconds"));
        }
        java.time.Instant at = java.time.Instant.ofEpochMilli(Long.parseLong(atText));
        if (at.isBefore(now.plus(MIN_CALLBACK_AHEAD)) || at.isAfter(now.plus(MAX_CALLBACK_AHEAD))) {
            return HttpResponses.badRequest(List.of("at: from 1 minute to 14 days from now"));
        }
        String typed = order.get().callbackNumber().replaceAll("[^0-9+]", "");
        String number = typed.isEmpty() ? calls.callerNumber(call.get().callId()).orElse("") : typed;
        if (number.isEmpty()) {
            return HttpResponses.badRequest(List.of("callbackNumber: no number to call back"));
        }
        Optional<CallbackScheduling.Scheduled> scheduled = callbacks.schedule(seatId, orderId, call.get().language(), number, at);
        if (scheduled.isEmpty()) {
            return HttpResponses.error(HttpResponseStatus.CONFLICT, "no queue of this seat takes callbacks");
        }
        log.info("seat {} scheduled callback {} for order {} at {} in {}", seatId, scheduled.get().callbackId(), orderId,
                at, scheduled.get().queue());
        return HttpResponses.ok(Map.of("callbackId", scheduled.get().callbackId(), "queue", scheduled.get().queue(),
                "at", at.toEpochMilli()));
    }

    private static FullHttpResponse refuse(String seatId, String what) {
        log.warn("seat {} was refused {} (not its own)", seatId, what);
        return HttpResponses.forbidden("not your call");
    }
}
