package org.hotline.ivr.seat;

import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.hotline.ivr.ops.WebRequest;

/**
 * Authorises one API request: a live session of the right role (else 401), and for anything that changes
 * state an allowed Origin and the session's CSRF token in {@code X-CSRF-Token} (else 403).
 */
final class Guard {

    static final String CSRF_HEADER = "X-CSRF-Token";

    /** Either the session or the response that refuses the request. */
    record Verdict(Session session, FullHttpResponse refusal) {
        boolean allowed() {
            return session != null;
        }
    }

    private final SessionStore sessions;
    private final OriginPolicy origins;

    Guard(SessionStore sessions, OriginPolicy origins) {
        this.sessions = sessions;
        this.origins = origins;
    }

    Verdict check(WebRequest request, Role role) {
        if (request.changesState() && !origins.allows(request)) {
            return refuse(ApiResponses.forbidden("origin not allowed"));
        }
        Optional<Session> session = sessionOf(request, role);
        if (session.isEmpty()) {
            return refuse(ApiResponses.unauthorized());
        }
        if (session.get().role() != role) {
            return refuse(ApiResponses.forbidden("this session may not do that"));
        }
        if (request.changesState() && !tokenMatches(request, session.get())) {
            return refuse(ApiResponses.forbidden("missing or wrong CSRF token"));
        }
        return new Verdict(session.get(), null);
    }

    Optional<Session> sessionOf(WebRequest request, Role role) {
        return request.cookie(role.cookie()).flatMap(sessions::find);
    }

    private static boolean tokenMatches(WebRequest request, Session session) {
        String given = request.header(CSRF_HEADER).orElse("");
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8));
    }

    private static Verdict refuse(FullHttpResponse response) {
        return new Verdict(null, response);
    }
}
