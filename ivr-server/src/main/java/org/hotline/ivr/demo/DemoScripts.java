package org.hotline.ivr.demo;

import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The line-check scripts {@code demo} and {@code echo}, registered by {@code ./ivr demo} (and by tests that place
 * line-check calls), never by a production node: a hotline's server answers its flows and nothing else.
 */
public final class DemoScripts {

    public static final String ORIGIN = "demo";

    private DemoScripts() {
    }

    public static AgiScripts register(AgiScripts scripts, RedisGateway redis) {
        return scripts.register("demo", ORIGIN, new DemoScript(redis)).register("echo", ORIGIN, new EchoScript());
    }
}
