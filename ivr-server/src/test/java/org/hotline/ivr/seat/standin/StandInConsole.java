package org.hotline.ivr.seat.standin;

import java.nio.file.Path;
import java.time.Clock;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.ops.HttpRoutes;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.seat.AccountFile;
import org.hotline.ivr.seat.ConsoleParts;
import org.hotline.ivr.seat.Role;
import org.hotline.ivr.seat.SeatConsole;
import org.hotline.ivr.seat.SeatEvents;

/**
 * The console on the stand-in queue and orders: accounts from {@code paths.seats} and {@code paths.supervisors},
 * categories and gazetteer from beside seats.yaml, and the {@code console-demo} FastAGI script that feeds it.
 */
public final class StandInConsole {

    private StandInConsole() {
    }

    public static SeatConsole install(IvrConfig config, HttpRoutes routes, RedisGateway redis, AgiScripts scripts) {
        Clock clock = Clock.systemDefaultZone();
        SeatEvents events = new SeatEvents(redis);
        StandInQueue queue = new StandInQueue(redis, events, clock);
        StandInOrders orders = new StandInOrders(redis, clock);
        Path configDir = config.paths().seats().toAbsolutePath().getParent();
        YamlCatalogue catalogue = YamlCatalogue.load(configDir.resolve("categories.yaml"), configDir.resolve("gazetteer"));
        ConsoleParts parts = new ConsoleParts(AccountFile.load(config.paths().seats(), Role.SEAT),
                AccountFile.load(config.paths().supervisors(), Role.SUPERVISOR), queue, queue, orders, catalogue,
                new StandInWallboard(redis, catalogue, clock));
        scripts.register("console-demo", new StandInCallScript(redis, queue, orders));
        return SeatConsole.install(routes, redis, config.console(), parts, events);
    }
}
