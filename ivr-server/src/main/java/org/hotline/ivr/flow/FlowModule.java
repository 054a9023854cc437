package org.hotline.ivr.flow;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow part of a server node: loads the flows directory, registers each flow as an AGI script under its
 * name, and reloads on {@code POST /admin/flows/reload} (previous versions keep serving flows that fail).
 */
public final class FlowModule {

    private static final Logger log = LoggerFactory.getLogger(FlowModule.class);

    private final FlowLibrary library;
    private final FlowRunner runner;
    private final AgiScripts scripts;

    private FlowModule(FlowLibrary library, FlowRunner runner, AgiScripts scripts) {
        this.library = library;
        this.runner = runner;
        this.scripts = scripts;
    }

    public static FlowModule start(Path flows, RedisGateway redis, AgiScripts scripts, FlowServices services,
                                   Duration journeyTtl) {
        return start(flows, redis, scripts, services, journeyTtl, null);
    }

    /** The same, with this node's open calls tracked in {@code open} (a server node; null for tools). */
    public static FlowModule start(Path flows, RedisGateway redis, AgiScripts scripts, FlowServices services,
                                   Duration journeyTtl, NodeCalls open) {
        FlowLibrary library = new FlowLibrary(flows);
        FlowModule module = new FlowModule(library, new FlowRunner(library, services,
                new JourneyStore(redis, journeyTtl, open), new CallsInIvr(redis, java.time.Clock.systemUTC())), scripts);
        module.reload();
        return module;
    }

    public FlowLibrary.ReloadReport reload() {
        FlowLibrary.ReloadReport report = library.reload();
        runner.registerAll(scripts);
        return report;
    }

    /**
     * {@code POST /admin/flows/reload} for administrators: 200 with what loaded, or 422 with every problem (old
     * versions serve). It reads the flow files, so it runs on the HTTP route pool.
     */
    public FlowModule routes(Router routes) {
        routes.post("/admin/flows/reload", Role.ADMIN, request -> {
            log.info("flows reload asked by {}", request.principal().subject());
            return reloadResponse(reload());
        });
        return this;
    }

    private static FullHttpResponse reloadResponse(FlowLibrary.ReloadReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("loaded", report.loaded());
        body.put("keptPrevious", report.keptPrevious());
        body.put("problems", report.problems().stream().map(FlowProblem::toString).toList());
        return HttpResponses.json(report.clean() ? HttpResponseStatus.OK : HttpResponseStatus.UNPROCESSABLE_ENTITY, body);
    }

    public FlowLibrary library() {
        return library;
    }

    public FlowRunner runner() {
        return runner;
    }
}
