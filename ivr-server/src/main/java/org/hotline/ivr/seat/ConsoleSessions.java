package org.hotline.ivr.seat;

import java.util.ArrayList;
import java.util.List;
import org.hotline.ivr.http.Authenticator;
import org.hotline.ivr.http.Principal;
import org.hotline.ivr.http.WebRequest;

/**
 * The console's and wallboard's session cookies as a credential of the front door: each cookie present names a
 * session in Redis, whose roles and CSRF token become the request's principal. One browser may hold both.
 */
final class ConsoleSessions implements Authenticator {

    static final String SEAT_COOKIE = "ivr_seat";
    static final String SUPERVISOR_COOKIE = "ivr_supervisor";
    private static final List<String> COOKIES = List.of(SEAT_COOKIE, SUPERVISOR_COOKIE);

    private final SessionStore sessions;

    ConsoleSessions(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean presented(WebRequest request) {
        return COOKIES.stream().anyMatch(name -> request.cookie(name).isPresent());
    }

    @Override
    public List<Principal> principals(WebRequest request) {
        List<Principal> found = new ArrayList<>();
        for (String name : COOKIES) {
            request.cookie(name).flatMap(sessions::find).map(Session::principal).ifPresent(found::add);
        }
        return found;
    }
}
