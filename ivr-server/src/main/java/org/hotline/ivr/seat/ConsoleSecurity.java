package org.hotline.ivr.seat;

/** The parts every console route shares to decide who may do what. */
record ConsoleSecurity(SessionStore sessions, LoginThrottle throttle, Guard guard, OriginPolicy origins,
                       boolean secureCookie) {
}
