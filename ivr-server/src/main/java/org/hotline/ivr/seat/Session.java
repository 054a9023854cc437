package org.hotline.ivr.seat;

import java.util.Set;
import org.hotline.ivr.http.Principal;
import org.hotline.ivr.http.Role;

/**
 * A logged-in console session. {@code key} is the hash of the cookie's token (what Redis stores); the token
 * itself is only ever in the browser's HttpOnly cookie.
 */
public record Session(String key, Set<Role> roles, String subject, String name, String csrf) {

    public Session {
        roles = Set.copyOf(roles);
    }

    /** Who this session's requests act for at the front door. */
    public Principal principal() {
        return Principal.session(subject, name, roles, csrf);
    }

    @Override
    public String toString() {
        return "Session[roles=" + roles + ", subject=" + subject + "]";
    }
}
