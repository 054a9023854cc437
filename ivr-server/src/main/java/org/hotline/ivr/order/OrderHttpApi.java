package org.hotline.ivr.order;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hotline.ivr.ops.HttpResponses;
import org.hotline.ivr.ops.HttpRoutes;
import org.hotline.ivr.redis.RedisUnavailableException;

/**
 * The orders' HTTP JSON API under {@code /api/orders}:
 * <pre>
 * GET   /api/orders/{id}               the order
 * GET   /api/orders?caller=N[&limit=k] the caller's orders, newest first
 * PATCH /api/orders/{id}               {"district": "朝阳区", ...}: change fields (the acting seat is recorded)
 * POST  /api/orders/{id}/submit        hand the draft on for dispatch
 * POST  /api/orders/{id}/dispatch      send it to its unit ({"unit": "..."}, else the suggested one)
 * POST  /api/orders/{id}/handled       the unit reports it handled
 * POST  /api/orders/{id}/close         close it
 * </pre>
 * Bad input gets 400 with {@code {"error": "...", "field": "..."}} naming the field. Who is acting and what
 * they may touch comes from the {@link OrderAccess} given to the constructor, so that the seat console can put
 * its login in front: anonymous 401, another seat's order 403. Requests are answered on the executor given to
 * {@link #register}, never on the event loop: the access check and the store both read Redis.
 */
public final class OrderHttpApi implements HttpRoutes.Route {

    public static final String PREFIX = "/api/orders";
    public static final String SEAT_HEADER = "X-Seat-Id";

    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int MAX_LIST = 100;

    private final OrderStore store;
    private final OrderAccess access;

    public OrderHttpApi(OrderStore store, OrderAccess access) {
        this.store = store;
        this.access = access;
    }

    /** Open access with {@code actingSeat} naming who changes orders (see {@link OrderAccess#trusted}). */
    public OrderHttpApi(OrderStore store, Function<FullHttpRequest, Optional<String>> actingSeat) {
        this(store, OrderAccess.trusted(actingSeat));
    }

    /** The seat named by the {@code X-Seat-Id} header: for tests and trusted networks, until the console's login. */
    public static Function<FullHttpRequest, Optional<String>> seatFromHeader() {
        return request -> Optional.ofNullable(request.headers().get(SEAT_HEADER)).map(String::strip)
                .filter(seat -> !seat.isEmpty());
    }

    /** Serves the API with each request answered on {@code executor} (Redis work stays off the event loop). */
    public void register(HttpRoutes routes, Executor executor) {
        routes.addAsyncPrefix(PREFIX, request -> {
            FullHttpRequest copy = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri(),
                    Unpooled.wrappedBuffer(request.body()), request.headers(), EmptyHttpHeaders.INSTANCE);
            return CompletableFuture.supplyAsync(() -> handle(copy), executor);
        });
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        try {
            return route(request, uri);
        } catch (OrderEditException e) {
            HttpResponseStatus status = switch (e.kind()) {
                case INVALID -> HttpResponseStatus.BAD_REQUEST;
                case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
                case CONFLICT -> HttpResponseStatus.CONFLICT;
            };
            return problem(status, e.field(), e.getMessage());
        } catch (RedisUnavailableException e) {
            return HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "order storage unavailable, retry");
        }
    }

    private FullHttpResponse route(FullHttpRequest request, QueryStringDecoder uri) {
        String rest = uri.path().substring(PREFIX.length());
        List<String> parts = rest.isEmpty() || rest.equals("/") ? List.of() : List.of(rest.substring(1).split("/"));
        HttpMethod method = request.method();
        if (parts.isEmpty() && method.equals(HttpMethod.GET)) {
            return listByCaller(request, uri);
        }
        if (parts.isEmpty() || parts.size() > 2 || !ORDER_ID.matcher(parts.get(0)).matches()) {
            return problem(HttpResponseStatus.NOT_FOUND, "path", "path: no such resource " + uri.path());
        }
        boolean read = parts.size() == 1 && method.equals(HttpMethod.GET);
        boolean update = parts.size() == 1 && method.equals(HttpMethod.PATCH);
        boolean action = parts.size() == 2 && method.equals(HttpMethod.POST);
        if (!read && !update && !action) {
            return problem(HttpResponseStatus.METHOD_NOT_ALLOWED, "method",
                    "method: " + method + " is not allowed on " + uri.path());
        }
        OrderAccess.Acting acting = access.acting(request);
        if (acting.refusal().isPresent()) {
            return acting.refusal().get();
        }
        Optional<String> seat = acting.seat();
        if (seat.isEmpty() && (!read || !access.anonymousMayRead())) {
            return anonymous();
        }
        String orderId = parts.get(0);
        DraftOrder order = store.get(orderId).orElseThrow(() -> new OrderEditException(
                OrderEditException.Kind.NOT_FOUND, "orderId", "no order " + orderId));
        if (seat.isPresent() && !access.mayUse(seat.get(), order)) {
            return problem(HttpResponseStatus.FORBIDDEN, "orderId", "orderId: order " + orderId
                    + " belongs to a call not assigned to seat " + seat.get());
        }
        if (read) {
            return HttpResponses.json(HttpResponseStatus.OK, order);
        }
        return change(request, orderId, update ? null : parts.get(1), seat.get());
    }

    /** A PATCH of fields ({@code action} null) or a named action, by {@code seat}. */
    private FullHttpResponse change(FullHttpRequest request, String orderId, String action, String seat) {
        if (action == null) {
            return HttpResponses.json(HttpResponseStatus.OK, store.update(orderId, body(request), seat));
        }
        return switch (action) {
            case "submit" -> HttpResponses.json(HttpResponseStatus.OK, store.submit(orderId, seat));
            case "dispatch" -> HttpResponses.json(HttpResponseStatus.OK,
                    store.dispatch(orderId, seat, String.valueOf(optionalBody(request).getOrDefault("unit", ""))));
            case "handled" -> HttpResponses.json(HttpResponseStatus.OK, store.handled(orderId, seat));
            case "close" -> HttpResponses.json(HttpResponseStatus.OK, store.close(orderId, seat));
            default -> problem(HttpResponseStatus.NOT_FOUND, "path", "path: no action '" + action + "'");
        };
    }

    private FullHttpResponse anonymous() {
        return problem(HttpResponseStatus.UNAUTHORIZED, "seat", "seat: no acting seat (log in to the console, or header "
                + SEAT_HEADER + " where trusted)");
    }

    private FullHttpResponse listByCaller(FullHttpRequest request, QueryStringDecoder uri) {
        OrderAccess.Acting acting = access.acting(request);
        if (acting.refusal().isPresent()) {
            return acting.refusal().get();
        }
        Optional<String> seat = acting.seat();
        if (seat.isEmpty() && !access.anonymousMayRead()) {
            return anonymous();
        }
        String caller = first(uri, "caller");
        if (caller.isEmpty() || !caller.matches("[0-9+*#]{1,32}")) {
            return problem(HttpResponseStatus.BAD_REQUEST, "caller",
                    "caller: query parameter required, digits only (e.g. ?caller=13800138000)");
        }
        if (seat.isPresent() && !access.mayList(seat.get(), caller)) {
            return problem(HttpResponseStatus.FORBIDDEN, "caller", "caller: seat " + seat.get()
                    + " holds no call from this number");
        }
        String limitText = first(uri, "limit");
        int limit = 20;
        if (!limitText.isEmpty()) {
            if (!limitText.matches("\\d{1,3}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > MAX_LIST) {
                return problem(HttpResponseStatus.BAD_REQUEST, "limit", "limit: must be a number from 1 to " + MAX_LIST);
            }
            limit = Integer.parseInt(limitText);
        }
        return HttpResponses.json(HttpResponseStatus.OK, Map.of("caller", caller, "orders", store.listByCaller(caller, limit)));
    }

    /** The body's fields, none when the body is empty. */
    private static Map<String, Object> optionalBody(FullHttpRequest request) {
        return request.content().readableBytes() == 0 ? Map.of() : body(request);
    }

    private static Map<String, Object> body(FullHttpRequest request) {
        String text = request.content().toString(StandardCharsets.UTF_8);
        try {
            Map<String, Object> fields = JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
            if (fields == null) {
                throw new OrderEditException(OrderEditException.Kind.INVALID, "body", "must be a JSON object of fields");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new OrderEditException(OrderEditException.Kind.INVALID, "body",
                    "must be a JSON object of fields (" + e.getOriginalMessage() + ")");
        }
    }

    private static String first(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).strip();
    }

    private static FullHttpResponse problem(HttpResponseStatus status, String field, String message) {
        return HttpResponses.json(status, Map.of("error", message, "field", field));
    }
}
