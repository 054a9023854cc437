package org.hotline.ivr.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.WebRequest;
import org.hotline.ivr.ops.Json;

/**
 * The orders' HTTP JSON API, for seats (role seat; the acting seat is recorded on every change):
 * <pre>
 * GET   /api/orders?caller=N[&limit=k] the caller's orders, newest first
 * GET   /api/orders/{id}               the order
 * PATCH /api/orders/{id}               {"district": "朝阳区", ...}: change fields (a draft; a submitted order
 *                                      is amended, each change in its history, until dispatched)
 * POST  /api/orders/{id}/submit        hand the draft on for dispatch
 * POST  /api/orders/{id}/dispatch      send it to its unit ({"unit": "..."}, else the suggested one)
 * POST  /api/orders/{id}/handled       the unit reports it handled
 * POST  /api/orders/{id}/close         (supervisor) close it (not while it is being handled again)
 * GET   /api/supervision/rehandling    (supervisor) the orders re-handled or escalated, oldest reopened first
 * </pre>
 * Bad input gets 400 with {@code {"error": "...", "field": "..."}} naming the field. Which orders a seat may touch
 * comes from the {@link OrderAccess} given to the constructor (behind the console: another seat's order 403).
 */
public final class OrderHttpApi {

    public static final String PREFIX = "/api/orders";
    public static final String REHANDLING = "/api/supervision/rehandling";

    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int MAX_LIST = 100;

    private final OrderStore store;
    private final OrderAccess access;

    public OrderHttpApi(OrderStore store, OrderAccess access) {
        this.store = store;
        this.access = access;
    }

    public void register(Router router) {
        router.get(PREFIX, Role.SEAT, guarded(this::listByCaller))
                .get(PREFIX + "/{id}", Role.SEAT, guarded(request -> HttpResponses.ok(order(request))))
                .add(HttpMethod.PATCH, PREFIX + "/{id}", Role.SEAT, guarded(request ->
                        HttpResponses.ok(store.update(order(request).orderId(), body(request), seat(request)))))
                .post(PREFIX + "/{id}/submit", Role.SEAT, guarded(request ->
                        HttpResponses.ok(store.submit(order(request).orderId(), seat(request)))))
                .post(PREFIX + "/{id}/dispatch", Role.SEAT, guarded(request -> HttpResponses.ok(store.dispatch(
                        order(request).orderId(), seat(request),
                        String.valueOf(optionalBody(request).getOrDefault("unit", ""))))))
                .post(PREFIX + "/{id}/handled", Role.SEAT, guarded(request ->
                        HttpResponses.ok(store.handled(order(request).orderId(), seat(request)))))
                // Closing starts the citizen's survey: a supervisor's decision (or the unit's feedback), never the
                // seat's own right after submitting, which would skip the unit.
                .post(PREFIX + "/{id}/close", Role.SUPERVISOR, guarded(request ->
                        HttpResponses.ok(store.close(existing(request).orderId(), seat(request)))))
                .get(REHANDLING, Role.SUPERVISOR, guarded(request ->
                        HttpResponses.ok(Map.of("orders", store.rehandling(MAX_LIST)))));
    }

    /** The order of the path, if it exists (a supervisor's route: any order). */
    private DraftOrder existing(WebRequest request) {
        String orderId = request.param("id");
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw new OrderEditException(OrderEditException.Kind.NOT_FOUND, "orderId", "no order " + orderId);
        }
        return store.get(orderId).orElseThrow(() -> new OrderEditException(
                OrderEditException.Kind.NOT_FOUND, "orderId", "no order " + orderId));
    }

    /** The order of the path, if it exists and the acting seat may use it. */
    private DraftOrder order(WebRequest request) {
        DraftOrder order = existing(request);
        String orderId = order.orderId();
        if (!access.mayUse(seat(request), order)) {
            throw new Refused("orderId", "orderId: order " + orderId + " belongs to a call not assigned to seat "
                    + seat(request));
        }
        return order;
    }

    private FullHttpResponse listByCaller(WebRequest request) {
        String caller = request.query("caller").orElse("").strip();
        if (caller.isEmpty() || !caller.matches("[0-9+*#]{1,32}")) {
            return problem(HttpResponseStatus.BAD_REQUEST, "caller",
                    "caller: query parameter required, digits only (e.g. ?caller=13800138000)");
        }
        if (!access.mayList(seat(request), caller)) {
            return problem(HttpResponseStatus.FORBIDDEN, "caller", "caller: seat " + seat(request)
                    + " holds no call from this number");
        }
        String limitText = request.query("limit").orElse("").strip();
        int limit = 20;
        if (!limitText.isEmpty()) {
            if (!limitText.matches("\\d{1,3}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > MAX_LIST) {
                return problem(HttpResponseStatus.BAD_REQUEST, "limit", "limit: must be a number from 1 to " + MAX_LIST);
            }
            limit = Integer.parseInt(limitText);
        }
        return HttpResponses.ok(Map.of("caller", caller, "orders", store.listByCaller(caller, limit)));
    }

    /** The store's and this API's refusals as the answers the API documents. */
    private static org.hotline.ivr.http.Route.SyncHandler guarded(Function<WebRequest, FullHttpResponse> route) {
        return request -> {
            try {
                return route.apply(request);
            } catch (Refused e) {
                return problem(HttpResponseStatus.FORBIDDEN, e.field, e.getMessage());
            } catch (OrderEditException e) {
                HttpResponseStatus status = switch (e.kind()) {
                    case INVALID -> HttpResponseStatus.BAD_REQUEST;
                    case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
                    case CONFLICT -> HttpResponseStatus.CONFLICT;
                };
                return problem(status, e.field(), e.getMessage());
            }
        };
    }

    private static String seat(WebRequest request) {
        return request.principal().subject();
    }

    /** The body's fields, none when the body is empty. */
    private static Map<String, Object> optionalBody(WebRequest request) {
        return request.body().length == 0 ? Map.of() : body(request);
    }

    private static Map<String, Object> body(WebRequest request) {
        try {
            Map<String, Object> fields = JSON.readValue(request.bodyText(), new TypeReference<Map<String, Object>>() { });
            if (fields == null) {
                throw new OrderEditException(OrderEditException.Kind.INVALID, "body", "must be a JSON object of fields");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new OrderEditException(OrderEditException.Kind.INVALID, "body",
                    "must be a JSON object of fields (" + e.getOriginalMessage() + ")");
        }
    }

    private static FullHttpResponse problem(HttpResponseStatus status, String field, String message) {
        return HttpResponses.json(status, Map.of("error", message, "field", field));
    }

    /** Another seat's order. */
    private static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }
    }
}
