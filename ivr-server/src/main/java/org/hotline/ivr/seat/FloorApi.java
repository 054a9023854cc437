package org.hotline.ivr.seat;

import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;

/** {@code GET /wallboard/api/floor}: the supervisors' floor view (supervisor role only; seats get 403). */
public final class FloorApi {

    private final FloorSource floor;

    public FloorApi(FloorSource floor) {
        this.floor = floor;
    }

    public void register(Router router) {
        router.get(WallboardApi.PREFIX + "/floor", Role.SUPERVISOR, request -> HttpResponses.ok(floor.snapshot()));
    }
}
