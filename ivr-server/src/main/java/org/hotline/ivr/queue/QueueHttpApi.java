package org.hotline.ivr.queue;

import java.util.Map;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;

/**
 * {@code GET /api/queues} and {@code GET /api/seats} for supervisors: the latest stats snapshot as JSON, served
 * from memory (the poller reads Redis). Seats carry no password hash.
 */
public final class QueueHttpApi {

    private QueueHttpApi() {
    }

    public static void register(Router router, QueueStatsPoller poller) {
        router.get("/api/queues", Role.SUPERVISOR, request -> {
            QueueStats stats = poller.latest();
            return HttpResponses.ok(Map.of("at", stats.at().toString(), "queues", stats.queues()));
        });
        router.get("/api/seats", Role.SUPERVISOR, request -> {
            QueueStats stats = poller.latest();
            return HttpResponses.ok(Map.of("at", stats.at().toString(), "seats", stats.seats()));
        });
    }
}
