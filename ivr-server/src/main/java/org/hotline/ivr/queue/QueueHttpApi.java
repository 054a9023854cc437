package org.hotline.ivr.queue;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import org.hotline.ivr.ops.HttpResponses;
import org.hotline.ivr.ops.HttpRoutes;

/**
 * {@code GET /api/queues} and {@code GET /api/seats}: the latest stats snapshot as JSON, served from
 * memory on the event loop (the poller reads Redis). Seats carry no password hash.
 */
public final class QueueHttpApi {

    private QueueHttpApi() {
    }

    public static void register(HttpRoutes routes, QueueStatsPoller poller) {
        routes.add("/api/queues", request -> {
            QueueStats stats = poller.latest();
            return HttpResponses.json(HttpResponseStatus.OK, Map.of("at", stats.at().toString(), "queues", stats.queues()));
        });
        routes.add("/api/seats", request -> {
            QueueStats stats = poller.latest();
            return HttpResponses.json(HttpResponseStatus.OK, Map.of("at", stats.at().toString(), "seats", stats.seats()));
        });
    }
}
