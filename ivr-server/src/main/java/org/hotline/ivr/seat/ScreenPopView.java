package org.hotline.ivr.seat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts together what one seat's screen shows: its state and, if it holds a call, the screen pop (call,
 * transcript, draft order, earlier orders of the number). The same shape goes over the WebSocket and the API.
 */
final class ScreenPopView {

    private static final int EARLIER_ORDERS = 5;

    private final SeatStates states;
    private final AssignedCalls calls;
    private final OrderEditing orders;
    private final Duration wrapUp;
    private final MenuLabels menus;

    ScreenPopView(SeatStates states, AssignedCalls calls, OrderEditing orders, Duration wrapUp, MenuLabels menus) {
        this.states = states;
        this.calls = calls;
        this.orders = orders;
        this.wrapUp = wrapUp;
        this.menus = menus;
    }

    /** The {@code screen} message: the seat's status and its current pop, or none. */
    Map<String, Object> screen(String seatId) {
        SeatStatus status = states.status(seatId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "screen");
        body.put("status", status(status));
        Optional<ScreenPop> pop = calls.current(seatId).filter(call -> call.seatId().equals(seatId));
        body.put("pop", pop.map(this::pop).orElse(null));
        return body;
    }

    Map<String, Object> status(SeatStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("seatId", status.seatId());
        body.put("state", status.state());
        body.put("since", status.since() == null ? null : status.since().toEpochMilli());
        body.put("reason", status.reason());
        body.put("callId", status.callId());
        // the distributor's timer is the truth (the queue's wrap-up); the console's setting only if it has none
        body.put("wrapUpEnds", status.wrapUpEnds() == null ? null : status.wrapUpEnds().toEpochMilli());
        body.put("wrapUpSeconds", status.wrapUpEnds() != null && status.since() != null
                ? Math.max(0, Duration.between(status.since(), status.wrapUpEnds()).toSeconds()) : wrapUp.toSeconds());
        body.put("leaving", status.leaving());
        return body;
    }

    Map<String, Object> pop(ScreenPop call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", call.callId());
        body.put("caller", call.maskedCaller());
        body.put("language", call.language());
        body.put("menuPath", call.menuPath());
        body.put("menuLabels", menus.labels(call.menuPath()));
        body.put("queuedAt", call.queuedAt() == null ? null : call.queuedAt().toEpochMilli());
        body.put("waitedSeconds", call.waitedSeconds());
        body.put("transcript", call.transcript());
        body.put("partial", call.partial());
        body.put("noTranscript", call.transcriptGap() == null ? null
                : Map.of("why", call.transcriptGap().why(), "recordingKept", call.transcriptGap().recordingKept()));
        body.put("ended", call.ended());
        Optional<DraftOrder> order = call.orderId() == null ? Optional.empty() : orders.find(call.orderId());
        body.put("order", order.map(ScreenPopView::order).orElse(null));
        List<OrderSummary> earlier = calls.callerNumber(call.callId())
                .map(number -> orders.earlierOf(number, call.orderId(), EARLIER_ORDERS))
                .orElse(List.of());
        body.put("earlierOrders", earlier.stream().map(ScreenPopView::summary).toList());
        return body;
    }

    static Map<String, Object> order(DraftOrder order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", order.id());
        body.put("callId", order.callId());
        body.put("category", order.category());
        body.put("location", order.location());
        body.put("urgency", order.urgency());
        body.put("summary", order.summary());
        body.put("status", order.status());
        body.put("editedBy", order.editedBy());
        body.put("updated", order.updated() == null ? null : order.updated().toEpochMilli());
        body.put("dispatchBy", order.dispatchBy());
        body.put("amendable", order.amendable());
        body.put("community", order.community());
        body.put("handlingUnit", order.handlingUnit());
        body.put("units", order.units());
        body.put("type", order.type());
        body.put("handling", order.handling());
        body.put("replyRequired", order.replyRequired());
        body.put("confidential", order.confidential());
        body.put("contactName", order.contactName());
        body.put("callbackNumber", order.callbackNumber());
        body.put("repeatOf", order.repeatOf());
        body.put("emergencyDial", order.emergencyDial());
        body.put("repeat", order.repeat());
        body.put("amendments", order.amendments());
        body.put("submittedAt", order.submittedAt() == null ? null : order.submittedAt().toEpochMilli());
        return body;
    }

    private static Map<String, Object> summary(OrderSummary order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", order.id());
        body.put("created", order.created() == null ? null : order.created().toEpochMilli());
        body.put("category", order.category());
        body.put("status", order.status());
        body.put("summary", order.summary());
        return body;
    }
}
