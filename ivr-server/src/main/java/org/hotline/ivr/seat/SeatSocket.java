package org.hotline.ivr.seat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.http.WebRequest;
import org.hotline.ivr.http.WebSocketEndpoint;

/**
 * {@code /ws}: the seat's live feed (state, screen pop, transcript lines). The front door admits only a live seat
 * session from an allowed Origin; the feed carries that seat's own calls and nothing else. The browser sends
 * nothing that changes state here: changes go through the API with its CSRF token.
 */
final class SeatSocket implements WebSocketEndpoint {

    private final ConsoleHub hub;

    SeatSocket(ConsoleHub hub) {
        this.hub = hub;
    }

    @Override
    public CompletionStage<Admission> admit(WebRequest upgrade) {
        return CompletableFuture.completedFuture(Admission.accept(listener(upgrade.principal().subject())));
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
