package org.hotline.ivr;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hotline.ivr.agi.AgiMetrics;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.agi.FastAgiServer;
import org.hotline.ivr.agi.LiveAgiCalls;
import org.hotline.ivr.ami.AmiLinkPolicy;
import org.hotline.ivr.ami.AmiServices;
import org.hotline.ivr.ami.AmiSubscriber;
import org.hotline.ivr.ami.HangupWatch;
import org.hotline.ivr.ami.SeatDeviceWatch;
import org.hotline.ivr.flow.FlowModule;
import org.hotline.ivr.flow.HeldCalls;
import org.hotline.ivr.flow.FlowServices;
import org.hotline.ivr.flow.NodeCalls;
import org.hotline.ivr.flow.OrderPartDrafts;
import org.hotline.ivr.flow.QueuePartQueueing;
import org.hotline.ivr.flow.QueuePartStatus;
import org.hotline.ivr.flow.SpeechDescriptionCapture;
import org.hotline.ivr.flow.SpeechMenuAnswers;
import org.hotline.ivr.followup.Followups;
import org.hotline.ivr.followup.survey.SurveyFlowAnswers;
import org.hotline.ivr.knowledge.ArticleFolder;
import org.hotline.ivr.knowledge.KnowledgeBase;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.http.ApiTokens;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.MetricsToken;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.AdminAudit;
import org.hotline.ivr.http.HttpMetrics;
import org.hotline.ivr.http.HttpServer;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.order.DraftSpool;
import org.hotline.ivr.order.OrderContacts;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.Orders;
import org.hotline.ivr.order.PendingDrafts;
import org.hotline.ivr.queue.DistributorSettings;
import org.hotline.ivr.queue.QueueModule;
import org.hotline.ivr.queue.QueueSetup;
import org.hotline.ivr.queue.QueueSetupLoader;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RedisHealthProbe;
import org.hotline.ivr.redis.RetryPolicy;
import org.hotline.ivr.seat.SeatConsole;
import org.hotline.ivr.seat.live.FlowMenuLabels;
import org.hotline.ivr.seat.live.LiveConsole;
import org.hotline.ivr.sms.SmsModule;
import org.hotline.ivr.speech.ConversationRecorder;
import org.hotline.ivr.speech.RecognitionSource;
import org.hotline.ivr.speech.SpeechStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server node: Redis (its own embedded one unless a URL is configured), the FastAGI listener, and the
 * HTTP listener for health, metrics and the seat console. Parts are closed in the reverse order they were started.
 */
public final class IvrServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IvrServer.class);

    private final IvrConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HealthRegistry health = new HealthRegistry();
    private Router routes;
    private final AgiScripts scripts = new AgiScripts();
    private RedisGateway redis;
    private FastAgiServer agi;
    private HttpServer http;
    private AgiMetrics agiMetrics;
    private FlowModule flows;
    private SpeechStack speech;
    private Orders orders;
    private DraftSpool drafts;
    private KnowledgeBase knowledge;
    private AmiServices ami;
    private Followups followups;
    private QueueModule queues;
    private final LiveAgiCalls liveCalls = new LiveAgiCalls(Clock.systemUTC());

    private final UnaryOperator<RecognitionSource> recognition;
    private final UnaryOperator<FlowServices> flowServices;

    private IvrServer(IvrConfig config, UnaryOperator<RecognitionSource> recognition,
                      UnaryOperator<FlowServices> flowServices) {
        this.config = config;
        this.recognition = recognition;
        this.flowServices = flowServices;
    }

    /** Starts every part; if one fails, those already started are stopped again. */
    public static IvrServer start(IvrConfig config) {
        return start(config, UnaryOperator.identity());
    }

    /**
     * A node whose descriptions are recognized by {@code recognition} applied to its Vosk recognizers: for
     * tests on a machine where no model can be installed (a stand-in plays the model), identity otherwise.
     */
    public static IvrServer start(IvrConfig config, UnaryOperator<RecognitionSource> recognition) {
        return start(config, recognition, UnaryOperator.identity());
    }

    /**
     * A node whose flows see the production services as {@code flowServices} leaves them: {@code ./ivr flow
     * simulate} pins the clock conditions read ({@code --at}) and the queue load they see ({@code --queue-waiting});
     * every part the call passes through (capture, orders, distributor) stays the production one.
     */
    public static IvrServer start(IvrConfig config, UnaryOperator<RecognitionSource> recognition,
                                  UnaryOperator<FlowServices> flowServices) {
        IvrServer server = new IvrServer(config, recognition, flowServices);
        try {
            server.startParts();
            return server;
        } catch (Exception e) {
            server.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    private void startParts() throws InterruptedException {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        NettyTransport transport = new NettyTransport("calls", Math.max(2, Runtime.getRuntime().availableProcessors()));
        started.push(transport);
        // HTTP has event loops of its own: a slow or flooded web request never delays a call's FastAGI or audio.
        NettyTransport web = new NettyTransport("http", config.http().eventLoops());
        started.push(web);
        routes = new Router(config.console().allowedOrigins())
                .authenticateWith(ApiTokens.load(config.paths().apiTokens()));
        redis = connectRedis();
        AdminAudit.install(routes, redis);
        RedisHealthProbe probe = new RedisHealthProbe(redis);
        started.push(probe);
        health.register("redis", probe);
        io.micrometer.core.instrument.FunctionCounter.builder("ivr_redis_unconfirmed_writes", redis,
                        RedisGateway::unconfirmedWrites)
                .description("Drafts and transcripts no replica confirmed within redis.waitTimeout").register(metrics);
        speech = SpeechStack.start(config, transport, metrics, redis, health, recognition);
        started.push(speech);
        orders = Orders.create(redis, config.paths().orderRules(), OrderSettings.defaults(), Clock.systemUTC());
        drafts = DraftSpool.open(config.calls().spool(), config.nodeId(), orders.writer())
                .replayEvery(config.calls().spoolReplayEvery());
        started.push(drafts);
        PendingDrafts pending = new PendingDrafts(config.calls().spool(), config.nodeId());
        started.push(pending);
        recoverDescriptions(pending);
        Gauge.builder("ivr_draft_spool_pending", drafts, DraftSpool::pending)
                .description("Draft orders kept on this node's disk, waiting for Redis").register(metrics);
        startQueueAmiAndFollowups();
        started.push(SmsModule.start(config.sms(), config.nodeId(), redis, orders, metrics, health));
        started.push(orders.startRehandling(redis, OrderSettings.defaults().keys(), config.nodeId()));
        // [ivr-queue-answered] runs it on the seat's channel: Asterisk's MixMonitor records the conversation.
        scripts.register(ConversationRecorder.NAME, "speech", speech.conversationRecorder(
                new OrderContacts(redis, OrderSettings.defaults().keys())::orderOfCall));
        IvrConfig.Audio audio = config.audio().withPort(speech.audioPort());
        // A seat's hold and hand-over requests to its caller's hold loop (console -> flow), through Redis.
        HeldCalls heldCalls = new HeldCalls(redis);
        FlowServices services = flowServices.apply(new FlowServices(
                new SpeechDescriptionCapture(speech.descriptions(), audio, speech.recordings(), pending)
                        .noting(speech.callRecordings()),
                new SpeechMenuAnswers(speech.descriptions(), speech.models(), audio),
                new QueuePartStatus(queues.stats()),
                new QueuePartQueueing(queues.distributor(), heldCalls).registerSeatAnswered(scripts),
                new OrderPartDrafts(orders.writer(), drafts, pending, config.calls().draftTimeout())
                        .answeringProgress(orders.progress(redis, OrderSettings.defaults())),
                Clock.systemDefaultZone()));
        NodeCalls openCalls = new NodeCalls(redis, config.nodeId(), config.calls().nodeDeadAfter());
        flows = FlowModule.start(config.paths().flows(), redis, scripts, services, config.calls().journeyTtl(), openCalls)
                .routes(routes);
        // Before the first call: what this node's last process left open is closed (node-lost), then its lease held.
        started.push(openCalls.start(flows.runner().journeys(), flows.runner().callsInIvr()));
        // The survey flow's answers count for the rates and go on the order.
        flows.runner().onEnd(SurveyFlowAnswers.FLOW, followups.surveyFlowEnds());
        knowledge = KnowledgeBase.start(new ArticleFolder(config.paths().knowledge(), orders.rules().taxonomy()::knows));
        SeatConsole console = LiveConsole.install(config, routes, redis, queues, orders, OrderSettings.defaults(), knowledge,
                speech.callRecordings(), new FlowMenuLabels(flows.library()),
                LiveConsole.callControls(config, ami, heldCalls, queues));
        started.push(console);
        orders.registerTopics(routes, orders.hotTopics(config.paths().orderRules(), OrderSettings.defaults(),
                Clock.systemUTC()), Clock.systemUTC());
        knowledge.routes(routes);
        agiMetrics = new AgiMetrics(metrics);
        agi = FastAgiServer.start(config.agi(), transport, scripts, agiMetrics, liveCalls);
        started.push(agi);
        routes.nonBlocking(HttpMethod.GET, "/healthz", Role.PUBLIC, request -> healthResponse());
        registerMetrics();
        http = HttpServer.start(config.http(), web, routes, new HttpMetrics(metrics));
        started.push(http);
        log.info("node {} ready: FastAGI :{}, AudioSocket :{}, HTTP :{}, Redis {}", config.nodeId(), agi.port(),
                speech.audioPort(), http.port(), redis.address());
    }

    /**
     * Before this node takes a call: every caller who was describing when its last process ended (kill -9, power)
     * gets a draft from the facts kept on disk, with the recording repaired up to its last frame.
     */
    private void recoverDescriptions(PendingDrafts pending) {
        PendingDrafts.Recovery recovered = pending.recover(facts -> facts.withRecording(facts.recordingPath().isEmpty() ? ""
                : speech.recordings().recoverOpen(Path.of(facts.recordingPath())).map(Path::toString).orElse("")),
                drafts::writeOrKeep);
        if (recovered.drafted() + recovered.unreadable() > 0) {
            log.warn("node {} restarted: {} caller(s) were describing when its last process ended; their drafts are made"
                    + " ({} record(s) unreadable)", config.nodeId(), recovered.drafted(), recovered.unreadable());
        }
    }

    /**
     * The queue first (not yet distributing), AMI's transport, the follow-ups built on both (callbacks connect to
     * the distributor), then AMI connects with every listener subscribed and the queue starts.
     */
    private void startQueueAmiAndFollowups() {
        QueueSetup setup = new QueueSetupLoader().load(config.paths().seats(), config.paths().queues());
        queues = QueueModule.create(DistributorSettings.defaults(config.nodeId()).withNodeLeases(
                config.calls().nodeDeadAfter(), config.calls().freeStuckSeatAfter()), setup, redis, metrics, routes);
        started.push(queues);
        ami = AmiServices.create(config.ami(), AmiLinkPolicy.defaults());
        started.push(ami);
        followups = Followups.start(config.ami(), config.nodeId(), redis, ami, queues.distributor(), orders, routes);
        started.push(followups);
        // The FastAGI server closes a socket agi.hangupGrace after Asterisk's HANGUP line; the AMI clean-up waits
        // twice that, so it acts only where that line never came (half-open TCP, a node that missed the goodbye).
        AgiCallCleanup cleanup = new AgiCallCleanup(liveCalls, config.agi().hangupGrace().multipliedBy(2),
                config.ami().servers().size() == 1, Clock.systemUTC());
        started.push(cleanup);
        // A dead node's calls on seats: their seats are freed once Asterisk says the caller is gone.
        QueueOrphanWatch orphans = new QueueOrphanWatch(queues.distributor(), ami.links());
        queues.distributor().askChannelsOf(orphans);
        List<AmiSubscriber> subscribers = new ArrayList<>(List.of(
                new SeatDeviceWatch(QueueSeatDevices.devices(setup), new QueueSeatDevices(queues.distributor()), redis),
                new HangupWatch(cleanup), new HangupWatch(orphans)));
        subscribers.addAll(followups.amiSubscribers());
        ami.start(subscribers, health);
        queues.start();
    }

    /** {@code /metrics}: behind the scraper's bearer token when {@code http.metricsTokenEnv} names a set variable. */
    private void registerMetrics() {
        String token = config.http().metricsToken();
        Role role = token.isEmpty() ? Role.PUBLIC : Role.METRICS;
        if (token.isEmpty()) {
            log.info("/metrics is public: set {} to require a bearer token", config.http().metricsTokenEnv());
        } else {
            routes.authenticateWith(new MetricsToken(token));
        }
        routes.get("/metrics", role, request -> HttpResponses.text(HttpResponseStatus.OK, metrics.scrape(),
                "text/plain; version=0.0.4; charset=utf-8"));
    }

    private RedisGateway connectRedis() {
        String url = config.redis().url();
        if (config.redis().embedded()) {
            EmbeddedRedis embedded = EmbeddedRedis.start(config.redis().dataDir());
            started.push(embedded);
            url = embedded.url();
        }
        RedisGateway gateway = new RedisGateway(config.redis().topology(url), config.redis().timeout(),
                RetryPolicy.covering(config.redis().retryFor()));
        log.info("Redis: {}, writing to {}", gateway.topology().describe(), gateway.address());
        started.push(gateway);
        return gateway;
    }

    private io.netty.handler.codec.http.FullHttpResponse healthResponse() {
        HealthRegistry.Report report = health.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "ready" : "not ready");
        body.put("node", config.nodeId());
        Map<String, Object> checks = new LinkedHashMap<>();
        report.checks().forEach((name, status) -> checks.put(name,
                Map.of("up", status.up(), "required", status.required(), "detail", status.detail())));
        body.put("checks", checks);
        return HttpResponses.json(report.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    public IvrConfig config() {
        return config;
    }

    public int agiPort() {
        return agi.port();
    }

    public int httpPort() {
        return http.port();
    }

    public RedisGateway redis() {
        return redis;
    }

    public AgiScripts scripts() {
        return scripts;
    }

    public Router routes() {
        return routes;
    }

    public HealthRegistry health() {
        return health;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public SpeechStack speech() {
        return speech;
    }

    public Orders orders() {
        return orders;
    }

    /** Drafts this node could not write to Redis, on its disk until they are. */
    public DraftSpool drafts() {
        return drafts;
    }

    public KnowledgeBase knowledge() {
        return knowledge;
    }

    public QueueModule queues() {
        return queues;
    }

    public AmiServices ami() {
        return ami;
    }

    /** Callbacks and satisfaction surveys. */
    public Followups followups() {
        return followups;
    }

    /** The FastAGI calls open on this node (AMI ends those Asterisk hung up). */
    public LiveAgiCalls liveCalls() {
        return liveCalls;
    }

    public FlowModule flows() {
        return flows;
    }

    public AgiMetrics agiMetrics() {
        return agiMetrics;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
