package org.hotline.ivr.followup.survey;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.WebRequest;

/**
 * {@code GET /api/reports/rates?from=yyyy-MM-dd&to=yyyy-MM-dd}: resolution and satisfaction rates per
 * category and handling unit, both days inclusive, for supervisors. It reads one small Redis hash per day of the
 * period (at most {@value SurveyStore#MAX_DAYS}), all in one pipelined round trip, on the HTTP route pool.
 */
public final class RatesRoute {

    public static final String PATH = "/api/reports/rates";

    private final SurveyStore store;

    public RatesRoute(SurveyStore store) {
        this.store = store;
    }

    public void register(Router router) {
        router.get(PATH, Role.SUPERVISOR, this::rates);
    }

    private FullHttpResponse rates(WebRequest request) {
        try {
            return HttpResponses.ok(store.rates(date(request, "from"), date(request, "to")));
        } catch (IllegalArgumentException e) {
            return HttpResponses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static LocalDate date(WebRequest request, String name) {
        String value = request.query(name).orElse("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("query parameter '" + name + "' is required (yyyy-MM-dd)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("query parameter '" + name + "' is not a date (yyyy-MM-dd): '"
                    + value + "'");
        }
    }
}
