package org.hotline.ivr.queue;

import org.hotline.ivr.ops.Json;
import io.netty.util.concurrent.DefaultThreadFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow runner's and seat console's way into the queues. Every state change is one run of
 * {@code distributor.lua} (reads and settings: {@code queue-views.lua}); this class keeps nothing but
 * the futures of its own waiting calls, so any number of nodes can share one Redis and a restarted
 * node finds its seats, queues and callbacks there.
 * Methods that talk to Redis return stages completed off the caller's thread: event loops never wait.
 */
public final class CallDistributor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallDistributor.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final int TIMERS_PER_TICK = 200;
    /** Commands of queue-views.lua; every other command is a routing decision of distributor.lua. */
    private static final Set<String> VIEWS = Set.of("peek", "stats", "configure");

    private final RedisGateway redis;
    private final QueueSetup setup;
    private final DistributorSettings settings;
    private final Clock clock;
    /** Where callbacks whose turn came go; set by the follow-up side before {@link #start}. */
    private volatile CallbackDialer dialer = CallbackDialer.NONE;
    private volatile boolean started;
    private final DistributorScript script;
    private final DistributorScript views;
    private final WaitEstimator estimator;
    private final Map<String, CompletableFuture<SeatOffer>> waiting = new ConcurrentHashMap<>();
    private final List<OfferInbox> inboxes = new ArrayList<>();
    private final Map<String, CompletableFuture<JsonNode>> lastCommand = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final ExecutorService io;
    private final SeatSettlement settlement;

    public CallDistributor(RedisGateway redis, QueueSetup setup, DistributorSettings settings, Clock clock) {
        this.redis = redis;
        this.setup = setup;
        this.settings = settings;
        this.clock = clock;
        this.script = new DistributorScript(redis, "/queue/distributor.lua");
        this.views = new DistributorScript(redis, "/queue/queue-views.lua");
        this.estimator = new WaitEstimator(setup, settings.defaultHandleTime());
        this.ticker = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("queue-ticker", true));
        this.io = Executors.newFixedThreadPool(4, new DefaultThreadFactory("queue-io", true));
        this.settlement = new SeatSettlement(this, settings.freeStuckSeatAfter(), clock, io);
    }

    /**
     * Where the seats of a dead node's calls learn that the caller's channel is gone (AMI's channel lists);
     * without it such a seat is freed {@link DistributorSettings#freeStuckSeatAfter} after the node died.
     */
    public CallDistributor askChannelsOf(CallChannels channels) {
        settlement.askChannelsOf(channels);
        return this;
    }

    /** Asterisk hung up the channel of {@code callId} (seen by this node's AMI, whichever node owned the call). */
    public void channelGone(String callId, String why) {
        settlement.channelGone(callId, why);
    }

    /**
     * Callbacks whose turn has come (a seat is reserved) go to {@code callbacks}; the follow-up side connects here
     * once, before the distributor starts, so no turn can come while nobody places it.
     */
    public CallDistributor handCallbacksTo(CallbackDialer callbacks) {
        if (started) {
            throw new IllegalStateException("callbacks are connected before the distributor starts");
        }
        this.dialer = callbacks;
        return this;
    }

    /**
     * Writes the queue settings to Redis, cleans up what this node's previous life left behind, then
     * starts the heartbeat/timer tick and the offer inboxes.
     */
    public CallDistributor start() {
        started = true;
        for (String group : setup.groups()) {
            run(group, "configure", configureArgs(group));
            JsonNode reclaimed = run(group, "reclaim", List.of());
            if (reclaimed.path("lost").asInt() + reclaimed.path("orphaned").asInt() > 0) {
                log.warn("node {} restarted: {} of its waiting calls in group {} were lost with the old process, {}"
                                + " on seats are settled once Asterisk lets them go", settings.nodeId(),
                        reclaimed.path("lost").asInt(), group, reclaimed.path("orphaned").asInt());
            }
            settlement.seen(group, reclaimed.path("orphans"));
            OfferInbox inbox = new OfferInbox(redis, QueueKeys.tag(group), settings.nodeId(), this::offerFromInbox);
            inboxes.add(inbox);
            inbox.start();
        }
        long period = settings.tickEvery().toMillis();
        ticker.scheduleWithFixedDelay(this::tickQuietly, period, period, TimeUnit.MILLISECONDS);
        log.info("call distributor on node {}: {} queues, {} seats, groups {}", settings.nodeId(),
                setup.queues().size(), setup.seats().size(), setup.groups());
        return this;
    }

    /** Queues {@code call}; the stage completes when a seat is reserved for it. */
    public CompletionStage<SeatOffer> enqueue(WaitingCall call) {
        QueueConfig queue = setup.requireQueue(call.queue());
        long headStart = setup.priority(call.priorityClass()).headStart().toMillis();
        CompletableFuture<SeatOffer> offer = new CompletableFuture<>();
        // registered first: another node may assign the call before our own script reply arrives
        waiting.put(call.callId(), offer);
        inOrder(call.callId(), queue.group(), "enqueue", List.of(call.callId(), queue.id(), Long.toString(headStart), "live",
                nullToEmpty(call.language()), nullToEmpty(call.callerNumber()), nullToEmpty(call.priorityClass())))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        waiting.remove(call.callId(), offer);
                        offer.completeExceptionally(failure);
                    }
                });
        return offer;
    }

    /** Queues a callback that never was a live call here (e.g. requested on the web); kept as a callback. */
    public CompletionStage<Void> enqueueCallback(WaitingCall call) {
        QueueConfig queue = setup.requireQueue(call.queue());
        long headStart = setup.priority(call.priorityClass()).headStart().toMillis();
        return async(queue.group(), "enqueue", List.of(call.callId(), queue.id(), Long.toString(headStart),
                "callback", nullToEmpty(call.language()), nullToEmpty(call.callerNumber()),
                nullToEmpty(call.priorityClass()))).thenApply(result -> null);
    }

    public CompletionStage<WaitEstimate> estimate(WaitingCall call) {
        return inOrder(call.callId(), groupOf(call.queue()), "peek", List.of(call.callId())).thenApply(estimator::estimate);
    }

    public CompletionStage<Integer> position(WaitingCall call) {
        return estimate(call).thenApply(WaitEstimate::position);
    }

    public CompletionStage<Optional<Duration>> expectedWait(WaitingCall call) {
        return estimate(call).thenApply(WaitEstimate::expectedWait);
    }

    /** The caller hung up before talking to a seat: out of the queue at once, counted as abandoned. */
    public CompletionStage<Void> abandon(WaitingCall call) {
        CompletableFuture<SeatOffer> pending = waiting.remove(call.callId());
        if (pending != null) {
            pending.cancel(false);
        }
        return inOrder(call.callId(), groupOf(call.queue()), "abandon", List.of(call.callId())).thenApply(result -> null);
    }

    /**
     * A callback whose citizen was not reached: out of the queue, its seat freed; not counted as abandoned. Completes
     * with the call as it was queued (language, class, number) when it was released, empty when it was not queued.
     */
    public CompletionStage<Optional<WaitingCall>> releaseCallback(SeatOffer offer) {
        return inOrder(offer.callId(), groupOf(offer.queue()), "release", List.of(offer.callId()))
                .thenApply(reply -> "released".equals(reply.path("result").asText())
                        ? Optional.of(new WaitingCall(offer.callId(), reply.path("queue").asText(offer.queue()),
                                reply.path("class").asText(""), reply.path("lang").asText(""),
                                reply.path("number").asText(offer.callbackNumber())))
                        : Optional.empty());
    }

    /** The seat did not answer: it is paused ("no answer"), the call goes back to the head of its queue. */
    public CompletionStage<SeatOffer> ringNoAnswer(SeatOffer offer) {
        CompletableFuture<SeatOffer> next = new CompletableFuture<>();
        if (!offer.callback()) {
            waiting.put(offer.callId(), next);
        }
        inOrder(offer.callId(), groupOf(offer.queue()), "ringNoAnswer", List.of(offer.callId(), offer.seatId()))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        waiting.remove(offer.callId(), next);
                        next.completeExceptionally(failure);
                    }
                });
        return next;
    }

    /** The seat picked up: on call from now; the wait counts towards the service level. */
    public CompletionStage<Void> answered(SeatOffer offer) {
        return answered(offer, "");
    }

    /**
     * The same for a callback whose conversation runs on the seat's channel {@code channel} (Asterisk's unique id):
     * should this node die, that channel tells the other nodes whether the conversation goes on.
     */
    public CompletionStage<Void> answered(SeatOffer offer, String channel) {
        return inOrder(offer.callId(), groupOf(offer.queue()), "answered",
                List.of(offer.callId(), offer.seatId(), nullToEmpty(channel))).thenApply(r -> null);
    }

    /** The conversation ended: the seat goes to wrap-up for the queue's wrap-up time, then ready. */
    public CompletionStage<Void> hangupAfterCall(SeatOffer offer) {
        return inOrder(offer.callId(), groupOf(offer.queue()), "hangup", List.of(offer.callId())).thenApply(r -> null);
    }

    /**
     * The caller chose to be called back: the call keeps its place; its turn goes to the {@link CallbackDialer}.
     * Fails with {@link QueueStateException} if a seat was reserved first: then the offer stage completes.
     */
    public CompletionStage<Integer> offerCallback(WaitingCall call, String number) {
        return inOrder(call.callId(), groupOf(call.queue()), "callback", List.of(call.callId(), number))
                .thenApply(result -> {
                    CompletableFuture<SeatOffer> pending = waiting.remove(call.callId());
                    if (pending != null) {
                        pending.cancel(false);
                    }
                    return result.path("position").asInt();
                });
    }

    /**
     * The caller's channel is gone. Still waiting or ringing a seat: abandoned. Already talking to a seat
     * (the seat's answer was reported): the conversation ended, the seat goes to wrap-up.
     */
    public CompletionStage<CallerHangup> callerHungUp(WaitingCall call) {
        CompletableFuture<SeatOffer> pending = waiting.remove(call.callId());
        if (pending != null) {
            pending.cancel(false);
        }
        return inOrder(call.callId(), groupOf(call.queue()), "abandon", List.of(call.callId()))
                .thenCompose(result -> {
                    if (!"oncall".equals(result.path("result").asText())) {
                        return CompletableFuture.completedFuture(CallerHangup.WHILE_WAITING);
                    }
                    return inOrder(call.callId(), groupOf(call.queue()), "hangup", List.of(call.callId()))
                            .thenApply(r -> CallerHangup.AFTER_CONVERSATION);
                });
    }

    /** Overflow: the call moves to {@code target} (same group), keeping its rank in time. */
    public CompletionStage<Integer> moveToQueue(WaitingCall call, String target) {
        return inOrder(call.callId(), groupOf(call.queue()), "move", List.of(call.callId(), setup.requireQueue(target).id()))
                .thenApply(result -> result.path("position").asInt());
    }

    /** Logs the seat in ready: it may be offered a call at once. */
    public CompletionStage<Void> login(String seatId) {
        return login(seatId, List.of());
    }

    /** Logs the seat in paused with {@code reason}: it takes no call until it goes ready (the seat console's way). */
    public CompletionStage<Void> loginPaused(String seatId, String reason) {
        return login(seatId, List.of(reason));
    }

    private CompletionStage<Void> login(String seatId, List<String> pauseReason) {
        SeatConfig seat = setup.requireSeat(seatId);
        String spec = setup.queuesServedBy(seat).stream()
                .map(q -> q.id() + "=" + seat.skillLevel(q.skill()))
                .collect(Collectors.joining(","));
        List<String> args = new ArrayList<>(List.of(seat.id(), spec));
        args.addAll(pauseReason);
        return async(seat.group(), "login", args).thenApply(r -> null);
    }

    public CompletionStage<Void> ready(String seatId) {
        return seatCommand(seatId, "ready", List.of(seatId));
    }

    public CompletionStage<Void> pause(String seatId, String reason) {
        return seatCommand(seatId, "pause", List.of(seatId, reason));
    }

    /** Out of rotation; a seat ringing or on a call goes out when that call ends and is offered no other. */
    public CompletionStage<Void> logout(String seatId) {
        return seatCommand(seatId, "logout", List.of(seatId));
    }

    /**
     * One heartbeat: ends due wrap-ups, releases expired offers, cleans up dead nodes and frees the seats of their
     * calls once Asterisk lets those go. Runs every tickEvery.
     */
    public void tick() {
        for (String group : setup.groups()) {
            JsonNode result;
            do {
                result = run(group, "tick", List.of(Integer.toString(TIMERS_PER_TICK),
                        Long.toString(settings.deadAfter().toMillis())));
                if (result.path("dead").isArray() && !result.path("dead").isEmpty()) {
                    log.warn("node(s) {} dead (no heartbeat for {} s): {} waiting call(s) in group {} lost, {} on"
                                    + " seats settled once Asterisk lets them go", result.path("dead"),
                            settings.deadAfter().toSeconds(), result.path("lost").asInt(), group,
                            result.path("orphaned").asInt());
                }
            } while (result.path("timers").asInt() >= TIMERS_PER_TICK);
            settlement.seen(group, result.path("orphans"));
        }
        settlement.check();
    }

    /** Everything the stats endpoint and gauges show, read in one round trip per group. */
    public List<JsonNode> rawStats() {
        List<JsonNode> out = new ArrayList<>();
        for (String group : setup.groups()) {
            List<String> ids = setup.queues().stream().filter(q -> q.group().equals(group)).map(QueueConfig::id).toList();
            out.add(run(group, "stats", ids));
        }
        return out;
    }

    public QueueSetup setup() {
        return setup;
    }

    /** The seats' and calls' records as this distributor keeps them, for reading. */
    public QueueRecords records() {
        return new QueueRecords(redis, setup);
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** Script runs made by this node so far: the benchmark's Redis round trips. */
    public long roundTrips() {
        return script.roundTrips() + views.roundTrips();
    }

    /** Runs one script synchronously on this thread and hands out its offers. */
    JsonNode run(String group, String command, List<String> args) {
        JsonNode result = runUndelivered(group, command, args);
        deliver(result.path("offers"));
        return result;
    }

    /** The same, leaving the offers to the caller: the benchmark plays every node's part itself. */
    JsonNode runUndelivered(String group, String command, List<String> args) {
        DistributorScript which = VIEWS.contains(command) ? views : script;
        return which.run(QueueKeys.tag(group), command, clock.millis(), settings.nodeId(), args);
    }

    private CompletionStage<JsonNode> async(String group, String command, List<String> args) {
        return CompletableFuture.supplyAsync(() -> run(group, command, args), io);
    }

    /**
     * The same, but after every earlier command about {@code callId} from this node: a caller who hangs up
     * right after entering must not have the abandon overtake the enqueue.
     */
    private CompletionStage<JsonNode> inOrder(String callId, String group, String command, List<String> args) {
        CompletableFuture<JsonNode> mine = new CompletableFuture<>();
        CompletableFuture<JsonNode> previous = lastCommand.put(callId, mine);
        CompletionStage<?> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
        before.handle((result, failure) -> null)
                .thenApplyAsync(ignored -> run(group, command, args), io)
                .whenComplete((result, failure) -> {
                    lastCommand.remove(callId, mine);
                    if (failure != null) {
                        mine.completeExceptionally(failure);
                    } else {
                        mine.complete(result);
                    }
                });
        return mine;
    }

    private CompletionStage<Void> seatCommand(String seatId, String command, List<String> args) {
        return async(setup.requireSeat(seatId).group(), command, args).thenApply(r -> null);
    }

    private void deliver(JsonNode offers) {
        if (!offers.isArray()) {
            return; // Lua's cjson writes an empty list as {}
        }
        for (JsonNode offer : offers) {
            SeatOffer seatOffer = toOffer(offer);
            if (seatOffer.callback()) {
                dialer.dial(seatOffer);
            } else if (settings.nodeId().equals(offer.path("node").asText())) {
                hand(seatOffer);
            }
        }
    }

    private void offerFromInbox(String json) {
        try {
            hand(toOffer(JSON.readTree(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Completes the waiting call's stage; an offer for a call this node no longer knows frees the seat. */
    private void hand(SeatOffer offer) {
        CompletableFuture<SeatOffer> pending = waiting.remove(offer.callId());
        if (pending != null && pending.complete(offer)) {
            return;
        }
        log.info("offer of seat {} for call {} that this node no longer holds: released", offer.seatId(), offer.callId());
        async(groupOf(offer.queue()), "abandon", List.of(offer.callId()));
    }

    private SeatOffer toOffer(JsonNode offer) {
        String seatId = offer.path("seat").asText();
        String queueId = offer.path("queue").asText();
        String device = setup.seat(seatId).map(SeatConfig::device).orElse("");
        Duration ring = setup.queue(queueId).map(QueueConfig::ringTimeout).orElse(Duration.ofSeconds(20));
        boolean callback = "callback".equals(offer.path("kind").asText());
        return new SeatOffer(offer.path("call").asText(), seatId, device, queueId, ring,
                Duration.ofMillis(offer.path("waited").asLong()), callback, callback ? offer.path("number").asText() : "");
    }

    private List<String> configureArgs(String group) {
        List<String> args = new ArrayList<>(List.of(Long.toString(settings.deadAfter().toMillis()),
                Long.toString(settings.offerGrace().toMillis()), Long.toString(settings.callbackGrace().toMillis())));
        for (QueueConfig queue : setup.queues()) {
            if (queue.group().equals(group)) {
                args.addAll(List.of(queue.id(), queue.strategy().yamlName(), Long.toString(queue.ringTimeout().toMillis()),
                        Long.toString(queue.wrapUp().toMillis()), Long.toString(queue.serviceLevelWithin().toMillis())));
            }
        }
        return args;
    }

    private String groupOf(String queueId) {
        return setup.requireQueue(queueId).group();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("queue tick failed: {}", e.getMessage());
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        io.shutdown();
        inboxes.forEach(OfferInbox::close);
        waiting.values().forEach(pending -> pending.cancel(false));
        waiting.clear();
    }
}
