package org.hotline.ivr.speech;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.WebRequest;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderAccess;
import org.hotline.ivr.order.OrderStore;

/**
 * Listening to a call's recordings:
 * <pre>
 * GET /api/orders/{id}/recordings               (seat: its own orders)  the order's recordings: kind, length, node, url
 * GET /wallboard/api/orders/{id}/recordings     (supervisor)            the same
 * GET /console/api/recordings/{call}/{n}        (seat that holds or held the call)  the WAV, HTTP Range (206)
 * GET /wallboard/api/recordings/{call}/{n}      (supervisor)            the same
 * </pre>
 * Another seat gets 403. Every request for audio is audited ({@link RecordingAudit}). A range is served at most
 * {@value #CHUNK} bytes at a time (the player asks on), read from the file, so memory stays bounded.
 */
public final class RecordingHttpApi {

    static final long CHUNK = 1 << 20;

    private final CallRecordings recordings;
    private final OrderStore orders;
    private final OrderAccess access;
    private final Function<String, Optional<String>> seatOfCall;
    private final Function<String, Optional<String>> orderOfCall;
    private final RecordingAudit audit;

    /**
     * @param seatOfCall  the seat a call was given to (it holds or held it)
     * @param orderOfCall the order a call drafted
     */
    public RecordingHttpApi(CallRecordings recordings, OrderStore orders, OrderAccess access,
                            Function<String, Optional<String>> seatOfCall, Function<String, Optional<String>> orderOfCall,
                            RecordingAudit audit) {
        this.recordings = recordings;
        this.orders = orders;
        this.access = access;
        this.seatOfCall = seatOfCall;
        this.orderOfCall = orderOfCall;
        this.audit = audit;
    }

    public void register(Router router) {
        router.get("/api/orders/{id}/recordings", Role.SEAT, request -> list(request, true))
                .get("/wallboard/api/orders/{id}/recordings", Role.SUPERVISOR, request -> list(request, false))
                .get("/console/api/recordings/{call}/{n}", Role.SEAT, request -> play(request, true))
                .get("/wallboard/api/recordings/{call}/{n}", Role.SUPERVISOR, request -> play(request, false));
    }

    private FullHttpResponse list(WebRequest request, boolean seat) {
        String who = request.principal().subject();
        Optional<DraftOrder> order = orders.get(request.param("id"));
        if (order.isEmpty()) {
            return HttpResponses.notFound("no order " + request.param("id"));
        }
        if (seat && !access.mayUse(who, order.get())) {
            return HttpResponses.forbidden("order " + order.get().orderId() + " belongs to a call not assigned to seat " + who);
        }
        String callId = order.get().callId();
        List<Map<String, Object>> listed = new ArrayList<>();
        List<CallRecordings.Recording> all = of(callId, order);
        for (int i = 0; i < all.size(); i++) {
            CallRecordings.Recording r = all.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", r.kind());
            entry.put("durationMillis", r.durationMillis());
            entry.put("node", r.node());
            entry.put("seat", r.seatId());
            entry.put("startedAt", r.startedAt());
            entry.put("url", (seat ? "/console/api/recordings/" : "/wallboard/api/recordings/") + callId + "/" + i);
            listed.add(entry);
        }
        return HttpResponses.ok(Map.of("orderId", order.get().orderId(), "callId", callId, "recordings", listed));
    }

    private FullHttpResponse play(WebRequest request, boolean seat) {
        String who = request.principal().subject();
        String callId = request.param("call");
        if (seat && !seatOfCall.apply(callId).filter(who::equals).isPresent()) {
            return HttpResponses.forbidden("call " + callId + " was not given to seat " + who);
        }
        List<CallRecordings.Recording> all = of(callId, orderOfCall.apply(callId).flatMap(orders::get));
        int index = request.param("n").matches("\\d{1,3}") ? Integer.parseInt(request.param("n")) : -1;
        if (index < 0 || index >= all.size()) {
            return HttpResponses.notFound("no recording " + request.param("n") + " of call " + callId);
        }
        CallRecordings.Recording recording = all.get(index);
        Path file = Path.of(recording.path());
        if (!Files.isRegularFile(file)) {
            return HttpResponses.notFound("recording " + index + " of call " + callId + " is not on this server"
                    + " (a conversation Asterisk has not finished, or storage not shared)");
        }
        try {
            return serve(file, request.header(HttpHeaderNames.RANGE), (seat ? "seat " : "supervisor ") + who, callId,
                    recording);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FullHttpResponse serve(Path file, Optional<String> rangeHeader, String who, String callId,
                                   CallRecordings.Recording recording) throws IOException {
        long size = Files.size(file);
        Optional<ByteRange> range = ByteRange.parse(rangeHeader.orElse(""), size, rangeHeader.isPresent() ? CHUNK : size);
        if (range.isEmpty()) {
            FullHttpResponse refused = HttpResponses.error(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "range outside the recording (" + size + " bytes)");
            refused.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
            return refused;
        }
        ByteRange bytes = range.get();
        ByteBuffer body = ByteBuffer.allocate((int) bytes.length());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (body.hasRemaining() && channel.read(body, bytes.start() + body.position()) >= 0) {
                // a file growing or shrinking meanwhile ends the read early; what was read is served
            }
        }
        audit.listened(who, callId, recording, bytes.start() + "-" + (bytes.start() + body.position() - 1));
        byte[] read = java.util.Arrays.copyOf(body.array(), body.position());
        FullHttpResponse response = HttpResponses.bytes(rangeHeader.isPresent() ? HttpResponseStatus.PARTIAL_CONTENT
                : HttpResponseStatus.OK, read, "audio/wav", "private, no-store");
        response.headers().set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        if (rangeHeader.isPresent()) {
            response.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + bytes.start() + "-"
                    + (bytes.start() + read.length - 1) + "/" + size);
        }
        return response;
    }

    /** The call's recordings; a description made before calls listed theirs comes from its order. */
    private List<CallRecordings.Recording> of(String callId, Optional<DraftOrder> order) {
        List<CallRecordings.Recording> all = new ArrayList<>(recordings.list(callId));
        boolean described = all.stream().anyMatch(r -> r.kind().equals(CallRecordings.Recording.DESCRIPTION));
        if (!described && order.isPresent() && !order.get().recordingPath().isBlank()) {
            all.add(0, CallRecordings.withLength(new CallRecordings.Recording(CallRecordings.Recording.DESCRIPTION,
                    order.get().recordingPath(), -1, "", "", order.get().createdAt())));
        }
        return all;
    }
}
