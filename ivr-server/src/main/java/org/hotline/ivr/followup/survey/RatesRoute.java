package org.hotline.ivr.followup.survey;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.hotline.ivr.ops.HttpResponses;
import org.hotline.ivr.ops.HttpRoutes;
import org.hotline.ivr.redis.RedisUnavailableException;

/**
 * {@code GET /api/reports/rates?from=yyyy-MM-dd&to=yyyy-MM-dd}: resolution and satisfaction rates per
 * category and handling unit, both days inclusive. It reads one small Redis hash per day of the period
 * (at most {@value SurveyStore#MAX_DAYS}), on the HTTP event loop, which is why the period is bounded.
 */
public final class RatesRoute implements HttpRoutes.Route {

    public static final String PATH = "/api/reports/rates";

    private final SurveyStore store;

    public RatesRoute(SurveyStore store) {
        this.store = store;
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method())) {
            return HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is served at " + PATH);
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        try {
            LocalDate from = date(query, "from");
            LocalDate to = date(query, "to");
            return HttpResponses.json(HttpResponseStatus.OK, store.rates(from, to));
        } catch (IllegalArgumentException e) {
            return HttpResponses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (RedisUnavailableException e) {
            return HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "survey data unavailable: " + e.getMessage());
        }
    }

    private static LocalDate date(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            throw new IllegalArgumentException("query parameter '" + name + "' is required (yyyy-MM-dd)");
        }
        try {
            return LocalDate.parse(values.get(0));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("query parameter '" + name + "' is not a date (yyyy-MM-dd): '"
                    + values.get(0) + "'");
        }
    }
}
