package org.hotline.ivr.http;

import java.util.Locale;

/**
 * What a route needs of whoever calls it. {@link #PUBLIC} needs nobody; every other role is held by a principal:
 * a seat operator ({@link #SEAT}, only its own calls), a supervisor (wallboard, queue and seat views, reports,
 * recordings), an administrator (flow reload, configuration views), or a metrics scraper. Roles do not imply
 * each other: an account that supervises and administers holds both.
 */
public enum Role {
    PUBLIC,
    SEAT,
    SUPERVISOR,
    ADMIN,
    METRICS;

    /** {@code seat}, {@code supervisor}, {@code admin}, {@code metrics}: as written in the accounts and token files. */
    public static Role parse(String text) {
        Role role = valueOf(text.strip().toUpperCase(Locale.ROOT));
        if (role == PUBLIC) {
            throw new IllegalArgumentException("public is not a role anyone holds");
        }
        return role;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
