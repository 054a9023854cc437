package org.hotline.ivr.seat;

import org.hotline.ivr.http.OriginPolicy;

/** The parts the login routes share: sessions, the failed-login throttle, the Origin rule, cookie flags. */
record ConsoleSecurity(SessionStore sessions, LoginThrottle throttle, OriginPolicy origins, boolean secureCookie) {
}
