package org.hotline.ivr.order;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.WebRequest;

/**
 * {@code GET /api/reports/topics?month=yyyy-MM} (default: this month): the month's {@link TopicsReport}, for
 * supervisors and their wallboard, on the HTTP route pool. A month of orders takes a while to read and segment, and
 * every wallboard asks for it, so a month's report is kept {@value #FRESH_MINUTES} minutes, and while one is being
 * made the other requests for that month wait for it instead of making their own.
 */
final class TopicsRoute {

    static final String PATH = "/api/reports/topics";
    private static final long FRESH_MINUTES = 5;
    private static final Duration FRESH = Duration.ofMinutes(FRESH_MINUTES);
    private static final int MONTHS_KEPT = 24;

    private final HotTopics topics;
    private final Clock clock;
    private final Map<YearMonth, Made> made = new ConcurrentHashMap<>();

    private record Made(TopicsReport report, Instant at) {
    }

    TopicsRoute(HotTopics topics, Clock clock) {
        this.topics = topics;
        this.clock = clock;
    }

    void register(Router router) {
        router.get(PATH, Role.SUPERVISOR, this::topics);
    }

    private FullHttpResponse topics(WebRequest request) {
        String asked = request.query("month").orElse("").strip();
        YearMonth month;
        try {
            month = asked.isEmpty() ? topics.currentMonth() : YearMonth.parse(asked);
        } catch (DateTimeParseException e) {
            return HttpResponses.error(HttpResponseStatus.BAD_REQUEST,
                    "query parameter 'month' is not a month (yyyy-MM): '" + asked + "'");
        }
        return HttpResponses.ok(report(month));
    }

    private TopicsReport report(YearMonth month) {
        if (made.size() > MONTHS_KEPT) {
            made.clear();
        }
        // compute() holds the month's entry while it runs: a second request for that month waits for this one.
        return made.compute(month, (m, last) -> last != null && last.at().plus(FRESH).isAfter(clock.instant()) ? last
                : new Made(topics.report(m), clock.instant())).report();
    }
}
