package org.hotline.ivr.http;

import java.util.Set;

/**
 * Who a request acts for, as an {@link Authenticator} proved it. A browser session carries its CSRF token:
 * its state changes must repeat it and come from an allowed Origin; a machine token ({@code csrf} null) is not
 * sent by browsers on their own, so it needs neither.
 */
public record Principal(String subject, String name, Set<Role> roles, String csrf) {

    public Principal {
        roles = Set.copyOf(roles);
    }

    public static Principal session(String subject, String name, Set<Role> roles, String csrf) {
        return new Principal(subject, name, roles, csrf);
    }

    public static Principal token(String subject, Set<Role> roles) {
        return new Principal(subject, subject, roles, null);
    }

    public boolean has(Role role) {
        return role == Role.PUBLIC || roles.contains(role);
    }

    /** A browser session (cookie), which must pass the CSRF and Origin checks for changes. */
    public boolean browser() {
        return csrf != null;
    }

    @Override
    public String toString() {
        return "Principal[" + subject + " " + roles + (browser() ? ", session" : ", token") + "]";
    }
}
