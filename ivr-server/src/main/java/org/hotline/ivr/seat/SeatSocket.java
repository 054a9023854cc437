package org.hotline.ivr.seat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.hotline.ivr.ops.WebRequest;
import org.hotline.ivr.ops.WebSocketEndpoint;

/**
 * {@code /ws}: the seat's live feed (state, screen pop, transcript lines). Only a browser page of an allowed
 * origin with a live seat session gets the upgrade; the feed carries that seat's own calls and nothing else.
 * The browser sends nothing that changes state here: changes go through the API with its CSRF token.
 */
final class SeatSocket implements WebSocketEndpoint {

    private final Guard guard;
    private final OriginPolicy origins;
    private final ConsoleHub hub;
    private final Executor io;

    SeatSocket(Guard guard, OriginPolicy origins, ConsoleHub hub, Executor io) {
        this.guard = guard;
        this.origins = origins;
        this.hub = hub;
        this.io = io;
    }

    @Override
    public CompletionStage<Admission> admit(WebRequest upgrade) {
        if (!origins.allowsUpgrade(upgrade)) {
            return CompletableFuture.completedFuture(Admission.refuse(ApiResponses.forbidden("origin not allowed")));
        }
        return CompletableFuture.supplyAsync(() -> guard.sessionOf(upgrade, Role.SEAT)
                .map(session -> Admission.accept(listener(session.subject())))
                .orElseGet(() -> Admission.refuse(ApiResponses.unauthorized())), io);
    }

    private Listener listener(String seatId) {
        return new Listener() {
            private Peer peer;

            @Override
            public void opened(Peer opened) {
                peer = opened;
                hub.join(seatId, opened);
            }

            @Override
            public void received(String text) {
                // The feed is one-way; the page's keep-alive messages need no answer.
            }

            @Override
            public void closed() {
                hub.leave(seatId, peer);
            }
        };
    }
}
