package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hotline.ivr.queue.SeatOffer;
import org.hotline.ivr.queue.CallDistributor;

/**
 * AGI script {@code queue-answered}: run on the seat's channel by Dial's {@code U()} option the moment the
 * seat picks up, with arguments call id, seat id and queue. It marks the seat on call right away, so the
 * seat state, the service level and the offer timer see the answer while the conversation is still going
 * (the hold loop only learns of it when Dial returns, after the conversation).
 */
public final class SeatAnsweredScript implements AgiScript {

    public static final String NAME = "queue-answered";
    private static final Logger log = LoggerFactory.getLogger(SeatAnsweredScript.class);

    private final CallDistributor distributor;

    public SeatAnsweredScript(CallDistributor distributor) {
        this.distributor = distributor;
    }

    @Override
    public CompletionStage<?> run(AgiCall call) {
        List<String> args = call.request().arguments();
        if (args.size() < 3 || distributor.setup().queue(args.get(2)).isEmpty()) {
            log.warn("queue-answered needs call id, seat id and queue; got {}", args);
            return CompletableFuture.completedFuture(null);
        }
        SeatOffer offer = new SeatOffer(args.get(0), args.get(1), "", args.get(2), Duration.ZERO, Duration.ZERO, false, "");
        return distributor.answered(offer).exceptionally(failure -> {
            log.warn("seat {} answered call {}, but: {}", offer.seatId(), offer.callId(), failure.getMessage());
            return null;
        });
    }
}
