package org.hotline.ivr.seat;

/**
 * A logged-in console session. {@code key} is the hash of the cookie's token (what Redis stores); the token
 * itself is only ever in the browser's HttpOnly cookie.
 */
public record Session(String key, Role role, String subject, String name, String csrf) {

    @Override
    public String toString() {
        return "Session[role=" + role + ", subject=" + subject + "]";
    }
}
