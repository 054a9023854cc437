package org.hotline.ivr.seat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.WebRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call controls on the console: {@code GET /console/api/transfer-targets}, {@code POST
 * /console/api/calls/{id}/control} ({@code {"action":"hold"}}, {@code {"action":"transfer","target":"police"}} ...)
 * for the seat holding the call only, and the supervisors' {@code POST /wallboard/api/seats/{id}/listen}
 * ({@code {"mode":"listen"|"whisper"}}). Changes pass the front door's CSRF and Origin checks like every POST.
 */
public final class CallControlApi {

    private static final Logger log = LoggerFactory.getLogger(CallControlApi.class);

    private final CallControls controls;
    private final AssignedCalls calls;
    private final SeatStates states;
    private final SeatEvents events;

    public CallControlApi(CallControls controls, AssignedCalls calls, SeatStates states, SeatEvents events) {
        this.controls = controls;
        this.calls = calls;
        this.states = states;
        this.events = events;
    }

    public void register(Router router) {
        router.get(SeatApi.PREFIX + "/transfer-targets", Role.SEAT,
                        request -> HttpResponses.ok(Map.of("targets", controls.targets())))
                .post(SeatApi.PREFIX + "/calls/{id}/control", Role.SEAT, this::control)
                .post(WallboardApi.PREFIX + "/seats/{id}/listen", Role.SUPERVISOR, this::listen);
    }

    private FullHttpResponse control(WebRequest request) {
        String seatId = request.principal().subject();
        String callId = request.param("id");
        Optional<String> owner = calls.seatOf(callId);
        if (owner.isEmpty()) {
            return HttpResponses.notFound("no such call");
        }
        if (!owner.get().equals(seatId)) {
            log.warn("seat {} was refused control of call {} (not its own)", seatId, callId);
            return HttpResponses.forbidden("not your call");
        }
        if (!callId.equals(states.status(seatId).callId())) {
            return HttpResponses.error(HttpResponseStatus.CONFLICT, "the call is over");
        }
        Optional<JsonNode> body = JsonBody.of(request);
        String actionText = body.map(b -> JsonBody.text(b, "action")).orElse("").toUpperCase(Locale.ROOT);
        CallControls.Action action;
        try {
            action = CallControls.Action.valueOf(actionText);
        } catch (IllegalArgumentException e) {
            return HttpResponses.badRequest(List.of("action: one of hangup, hold, resume, transfer, consult, complete, threeway"));
        }
        String target = body.map(b -> JsonBody.text(b, "target")).orElse("");
        if ((action == CallControls.Action.TRANSFER || action == CallControls.Action.CONSULT)
                && controls.targets().stream().noneMatch(t -> t.id().equals(target))) {
            return HttpResponses.badRequest(List.of("target: one of GET " + SeatApi.PREFIX + "/transfer-targets"));
        }
        try {
            CallControls.Outcome outcome = controls.act(seatId, callId, action, target);
            log.info("seat {} call {}: {}{} -> {}", seatId, callId, action.name().toLowerCase(Locale.ROOT),
                    target.isEmpty() ? "" : " " + target, outcome.state());
            events.publish(seatId, "call");
            return HttpResponses.ok(Map.of("callId", callId, "state", outcome.state(), "detail", outcome.detail()));
        } catch (CallControls.Refused refused) {
            log.info("seat {} call {}: {} refused: {}", seatId, callId, action, refused.getMessage());
            return HttpResponses.error(refused.unavailable() ? HttpResponseStatus.SERVICE_UNAVAILABLE
                    : HttpResponseStatus.CONFLICT, refused.getMessage());
        }
    }

    private FullHttpResponse listen(WebRequest request) {
        String supervisorId = request.principal().subject();
        String seatId = request.param("id");
        String mode = JsonBody.of(request).map(b -> JsonBody.text(b, "mode")).orElse("listen");
        if (!mode.equals("listen") && !mode.equals("whisper")) {
            return HttpResponses.badRequest(List.of("mode: listen or whisper"));
        }
        String callId = states.status(seatId).callId();
        if (callId == null || callId.isEmpty()) {
            return HttpResponses.error(HttpResponseStatus.CONFLICT, "seat " + seatId + " holds no call");
        }
        try {
            CallControls.Outcome outcome = controls.listen(supervisorId, seatId, callId, mode.equals("whisper"));
            log.info("supervisor {} {}s to seat {} (call {})", supervisorId, mode, seatId, callId);
            return HttpResponses.ok(Map.of("seat", seatId, "callId", callId, "mode", mode, "state", outcome.state(),
                    "detail", outcome.detail()));
        } catch (CallControls.Refused refused) {
            return HttpResponses.error(refused.unavailable() ? HttpResponseStatus.SERVICE_UNAVAILABLE
                    : HttpResponseStatus.CONFLICT, refused.getMessage());
        }
    }
}
