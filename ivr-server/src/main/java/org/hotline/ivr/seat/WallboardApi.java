package org.hotline.ivr.seat;

import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;

/** {@code /wallboard/api/...}: the supervisors' login and the read-only figures. */
final class WallboardApi {

    static final String PREFIX = "/wallboard/api";

    private final LoginRoutes login;
    private final WallboardSource wallboard;

    WallboardApi(LoginRoutes login, WallboardSource wallboard) {
        this.login = login;
        this.wallboard = wallboard;
    }

    void register(Router router) {
        login.register(router, PREFIX);
        router.get(PREFIX + "/stats", Role.SUPERVISOR, request -> HttpResponses.ok(wallboard.snapshot()));
    }
}
