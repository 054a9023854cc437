package org.hotline.ivr.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hotline.ivr.redis.RedisTopology;

/** The whole server configuration, validated; see {@code ivr-defaults.yaml} for every key. */
public record IvrConfig(
        String nodeId,
        Agi agi,
        Audio audio,
        Http http,
        Console console,
        Ami ami,
        Redis redis,
        Speech speech,
        Paths paths,
        Calls calls,
        String logFormat,
        Sms sms) {

    /** Without SMS (gateway {@code none}): the configuration as it was before the {@code sms} section. */
    public IvrConfig(String nodeId, Agi agi, Audio audio, Http http, Console console, Ami ami, Redis redis,
                     Speech speech, Paths paths, Calls calls, String logFormat) {
        this(nodeId, agi, audio, http, console, ami, redis, speech, paths, calls, logFormat, Sms.NONE);
    }

    /**
     * {@code sms}: receipts to citizens through {@code gateway} ({@code none} or {@code kannel}: Kannel's HTTP sendsms
     * at {@code kannelUrl} as {@code kannelUser}, the password read from the environment variable
     * {@code passwordEnv} and never printed); {@code sendAt} {@code draft} or {@code submit}; {@code texts} the file
     * with the texts per language; retries with a delay doubling from {@code retryDelay} to {@code maxRetryDelay},
     * {@code maxAttempts} in all, then the dead letters.
     */
    public record Sms(String gateway, String kannelUrl, String kannelUser, String passwordEnv, String password,
                      String from, String sendAt, Path texts, int maxAttempts, Duration retryDelay,
                      Duration maxRetryDelay, Duration timeout) {
        public static final Sms NONE = new Sms("none", "http://127.0.0.1:13013/cgi-bin/sendsms", "ivr",
                "IVR_SMS_PASSWORD", "", "12345", "draft", Path.of("config/sms.yaml"), 8, Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofSeconds(10));

        public boolean enabled() {
            return !gateway.equals("none");
        }

        public Sms withGateway(String name, String url, String password) {
            return new Sms(name, url, kannelUser, passwordEnv, password, from, sendAt, texts, maxAttempts, retryDelay,
                    maxRetryDelay, timeout);
        }

        public Sms withTexts(Path file) {
            return new Sms(gateway, kannelUrl, kannelUser, passwordEnv, password, from, sendAt, file, maxAttempts,
                    retryDelay, maxRetryDelay, timeout);
        }

        public Sms withRetries(int attempts, Duration delay, Duration maxDelay) {
            return new Sms(gateway, kannelUrl, kannelUser, passwordEnv, password, from, sendAt, texts, attempts, delay,
                    maxDelay, timeout);
        }

        @Override
        public String toString() {
            return "Sms[gateway=" + gateway + ", url=" + kannelUrl + ", user=" + kannelUser + ", password="
                    + (password.isEmpty() ? "(unset)" : "****") + ", from=" + from + ", sendAt=" + sendAt + "]";
        }
    }

    /** FastAGI; {@code maxConnections}: sockets open at once, all Asterisks together (more are refused). */
    public record Agi(String bind, int port, List<String> allowedPeers, Duration requestTimeout,
                      Duration idleTimeout, int maxLineLength, int maxVariables, Duration hangupGrace,
                      int maxConnections) {
        /** What {@code ivr-defaults.yaml} says for {@code agi.maxConnections}. */
        public static final int DEFAULT_MAX_CONNECTIONS = 5000;

        public Agi(String bind, int port, List<String> allowedPeers, Duration requestTimeout, Duration idleTimeout,
                   int maxLineLength, int maxVariables, Duration hangupGrace) {
            this(bind, port, allowedPeers, requestTimeout, idleTimeout, maxLineLength, maxVariables, hangupGrace,
                    DEFAULT_MAX_CONNECTIONS);
        }

        public Agi withPort(int newPort) {
            return new Agi(bind, newPort, allowedPeers, requestTimeout, idleTimeout, maxLineLength, maxVariables,
                    hangupGrace, maxConnections);
        }
    }

    /**
     * AudioSocket and recordings. {@code describeEndSilence}/{@code menuEndSilence}: the silence after speech that
     * ends a free description or a spoken menu answer where the flow node sets none; {@code retention}: how long
     * recordings are kept; {@code promptAudio}: the built prompts ({@code ./ivr prompts build}) the server plays
     * into a stream itself; {@code conversations}: where Asterisk's MixMonitor writes the seat conversations (the
     * same path on both hosts: shared storage), {@code conversationLegs} also each side on its own;
     * {@code maxConnections}: streams open at once, all Asterisks together (more are refused).
     */
    public record Audio(String bind, int port, List<String> allowedPeers, String advertiseHost, Path recordings,
                        Duration retention, Duration connectTimeout, Duration idleTimeout,
                        int maxFrameMillis, Duration describeEndSilence, Duration menuEndSilence,
                        Duration noSpeechTimeout, Duration maxDescription, Path promptAudio, Path conversations,
                        boolean conversationLegs, int maxConnections) {
        /** What {@code ivr-defaults.yaml} says for {@code audio.maxConnections}. */
        public static final int DEFAULT_MAX_CONNECTIONS = 5000;
        /** An end-of-turn silence shorter than this cuts callers off at a breath (250 ms did) ... */
        public static final Duration MIN_END_SILENCE = Duration.ofMillis(300);
        /** ... and one longer than this leaves them waiting in silence, wondering whether anyone listens. */
        public static final Duration MAX_END_SILENCE = Duration.ofSeconds(10);

        public Audio(String bind, int port, List<String> allowedPeers, String advertiseHost, Path recordings,
                     Duration retention, Duration connectTimeout, Duration idleTimeout,
                     int maxFrameMillis, Duration describeEndSilence, Duration menuEndSilence,
                     Duration noSpeechTimeout, Duration maxDescription, Path promptAudio, Path conversations,
                     boolean conversationLegs) {
            this(bind, port, allowedPeers, advertiseHost, recordings, retention, connectTimeout, idleTimeout,
                    maxFrameMillis, describeEndSilence, menuEndSilence, noSpeechTimeout, maxDescription, promptAudio,
                    conversations, conversationLegs, DEFAULT_MAX_CONNECTIONS);
        }

        public Audio withPort(int newPort) {
            return new Audio(bind, newPort, allowedPeers, advertiseHost, recordings, retention, connectTimeout,
                    idleTimeout, maxFrameMillis, describeEndSilence, menuEndSilence, noSpeechTimeout, maxDescription,
                    promptAudio, conversations, conversationLegs, maxConnections);
        }

        public Audio withRecordings(Path dir) {
            return new Audio(bind, port, allowedPeers, advertiseHost, dir, retention, connectTimeout,
                    idleTimeout, maxFrameMillis, describeEndSilence, menuEndSilence, noSpeechTimeout, maxDescription,
                    promptAudio, conversations, conversationLegs, maxConnections);
        }

        public Audio withIdleTimeout(Duration idle) {
            return new Audio(bind, port, allowedPeers, advertiseHost, recordings, retention, connectTimeout,
                    idle, maxFrameMillis, describeEndSilence, menuEndSilence, noSpeechTimeout, maxDescription,
                    promptAudio, conversations, conversationLegs, maxConnections);
        }

        public Audio withBind(String address, List<String> peers) {
            return new Audio(address, port, peers, advertiseHost, recordings, retention, connectTimeout,
                    idleTimeout, maxFrameMillis, describeEndSilence, menuEndSilence, noSpeechTimeout, maxDescription,
                    promptAudio, conversations, conversationLegs, maxConnections);
        }

        public Audio withPromptAudio(Path dir) {
            return new Audio(bind, port, allowedPeers, advertiseHost, recordings, retention, connectTimeout,
                    idleTimeout, maxFrameMillis, describeEndSilence, menuEndSilence, noSpeechTimeout, maxDescription,
                    dir, conversations, conversationLegs, maxConnections);
        }

        public Audio withMaxConnections(int max) {
            return new Audio(bind, port, allowedPeers, advertiseHost, recordings, retention, connectTimeout,
                    idleTimeout, maxFrameMillis, describeEndSilence, menuEndSilence, noSpeechTimeout, maxDescription,
                    promptAudio, conversations, conversationLegs, max);
        }

        public Audio withConversations(Path dir, boolean legs) {
            return new Audio(bind, port, allowedPeers, advertiseHost, recordings, retention, connectTimeout,
                    idleTimeout, maxFrameMillis, describeEndSilence, menuEndSilence, noSpeechTimeout, maxDescription,
                    promptAudio, dir, legs, maxConnections);
        }
    }

    /** Vosk models directory, decoder threads (0 = one per core), spoken-menu confidence threshold, Redis TTL. */
    public record Speech(Path models, int decodeThreads, double minConfidence, Duration transcriptTtl) {
    }

    /** Where unpacked Vosk models live (kept for callers that only need the directory). */
    public Path speechModels() {
        return speech.models();
    }

    /**
     * The HTTP listener and its bounds (see {@code http:} in {@code ivr-defaults.yaml}). {@code metricsToken} is
     * read from the environment variable {@code metricsTokenEnv}; empty: {@code /metrics} is public.
     */
    public record Http(String bind, int port, Duration idleTimeout, int maxConnections, int maxConnectionsPerPeer,
                       int maxHeaderBytes, int maxUriBytes, int maxBodyBytes, int eventLoops, int routeThreads,
                       int routeQueue, String metricsTokenEnv, String metricsToken) {

        /** The defaults of {@code ivr-defaults.yaml} on {@code bind:port}. */
        public Http(String bind, int port) {
            this(bind, port, Duration.ofSeconds(60), 2000, 100, 16 * 1024, 4096, 1 << 20, 2, 8, 64,
                    "IVR_METRICS_TOKEN", "");
        }

        public Http withPort(int newPort) {
            return new Http(bind, newPort, idleTimeout, maxConnections, maxConnectionsPerPeer, maxHeaderBytes,
                    maxUriBytes, maxBodyBytes, eventLoops, routeThreads, routeQueue, metricsTokenEnv, metricsToken);
        }

        @Override
        public String toString() {
            return "Http[" + bind + ":" + port + ", idleTimeout=" + idleTimeout + ", maxConnections=" + maxConnections
                    + ", perPeer=" + maxConnectionsPerPeer + ", routeThreads=" + routeThreads + ", routeQueue=" + routeQueue
                    + ", metricsToken=" + (metricsToken.isEmpty() ? "(unset: /metrics public)" : "****") + "]";
        }
    }

    /** The seat console and wallboard served on the HTTP port. */
    public record Console(boolean secureCookie, Duration sessionTtl, Duration wrapUp, List<String> allowedOrigins) {
        /** What {@code ivr-defaults.yaml} says. */
        public static final Console DEFAULTS = new Console(false, Duration.ofHours(10), Duration.ofSeconds(30), List.of());
    }

    public record Ami(boolean enabled, List<AmiServer> servers, AmiCallback callback, AmiSurvey survey,
                      AmiControls controls) {
        /** Links only, with the callback, survey and control settings {@code ivr-defaults.yaml} gives. */
        public Ami(boolean enabled, List<AmiServer> servers) {
            this(enabled, servers, AmiCallback.DEFAULTS, AmiSurvey.DEFAULTS);
        }

        public Ami(boolean enabled, List<AmiServer> servers, AmiCallback callback, AmiSurvey survey) {
            this(enabled, servers, callback, survey, AmiControls.DEFAULTS);
        }
    }

    /**
     * {@code ami.controls}: the seats' call controls and the supervisors' listen-in. {@code targets}: the file of
     * transfer targets (ids, labels, numbers); {@code dial}: a target's number as a dial string ({number});
     * {@code supervisorDial}: a supervisor's phone ({supervisor} is the account id).
     */
    public record AmiControls(Path targets, String dial, String supervisorDial, Duration ringTimeout, String callerId) {
        public static final AmiControls DEFAULTS = new AmiControls(Path.of("config/transfer.yaml"), "PJSIP/{number}@trunk",
                "PJSIP/{supervisor}", Duration.ofSeconds(30), "12345");
    }

    /** {@code ami.callback}: how queue callbacks are dialed and retried. */
    public record AmiCallback(String context, String citizenDial, String callerId, Duration seatRingTimeout,
                              Duration citizenRingTimeout, int maxAttempts, Duration retryDelay) {
        public static final AmiCallback DEFAULTS = new AmiCallback("ivr-callback", "PJSIP/{number}@trunk", "12345",
                Duration.ofSeconds(20), Duration.ofSeconds(40), 3, Duration.ofMinutes(5));
    }

    /** {@code ami.survey}: when and how the satisfaction survey call is placed; quietHours "" or "HH:mm-HH:mm". */
    public record AmiSurvey(String context, String citizenDial, String callerId, Duration ringTimeout, Duration delay,
                            String quietHours, int maxAttempts, Duration retryDelay, String zone) {
        public static final AmiSurvey DEFAULTS = new AmiSurvey("ivr-survey", "PJSIP/{number}@trunk", "12345",
                Duration.ofSeconds(40), Duration.ofHours(2), "21:00-08:00", 3, Duration.ofHours(2), "Asia/Shanghai");
    }

    /** One Asterisk manager link. The secret is held here but never printed. */
    public record AmiServer(String name, String host, int port, String user, String secretEnv, String secret) {
        @Override
        public String toString() {
            return "AmiServer[name=" + name + ", host=" + host + ", port=" + port + ", user=" + user
                    + ", secret=" + (secret == null || secret.isEmpty() ? "(unset)" : "****") + "]";
        }
    }

    /**
     * Where Redis is: {@code sentinels} (with {@code masterName}) for Redis Sentinel, else {@code cluster} seed
     * nodes for Redis Cluster, else {@code url} for one server; none of them: run an embedded redis-server.
     * {@code retryFor}: how long an operation keeps retrying through an outage (must cover a failover);
     * {@code waitReplicas}/{@code waitTimeout}: the {@code WAIT} after a draft or transcript (Sentinel and
     * Cluster only). Passwords come from the environment only and are not printed.
     */
    public record Redis(String url, List<String> sentinels, String masterName, List<String> cluster, Path dataDir,
                        Duration timeout, Duration retryFor, int waitReplicas, Duration waitTimeout, String password,
                        String sentinelPassword) {

        public Redis {
            sentinels = List.copyOf(sentinels);
            cluster = List.copyOf(cluster);
        }

        /** One server (or embedded, when {@code url} is empty) with the default retry window and no WAIT. */
        public Redis(String url, Path dataDir, Duration timeout) {
            this(url, List.of(), "", List.of(), dataDir, timeout, Duration.ofSeconds(5), 0, Duration.ZERO, "", "");
        }

        public boolean embedded() {
            return (url == null || url.isBlank()) && sentinels.isEmpty() && cluster.isEmpty();
        }

        public Redis withUrl(String newUrl) {
            return new Redis(newUrl, List.of(), masterName, List.of(), dataDir, timeout, retryFor, waitReplicas,
                    waitTimeout, password, sentinelPassword);
        }

        /** The Redis to connect to; {@code embeddedUrl} stands in for an empty url when this node started one. */
        public RedisTopology topology(String embeddedUrl) {
            RedisTopology.ReplicaAcks acks = new RedisTopology.ReplicaAcks(waitReplicas, waitTimeout);
            if (!sentinels.isEmpty()) {
                return new RedisTopology.Sentinel(masterName, sentinels.stream().map(RedisTopology::hostAndPort).toList(),
                        password, sentinelPassword, acks);
            }
            if (!cluster.isEmpty()) {
                return new RedisTopology.Cluster(cluster.stream().map(RedisTopology::hostAndPort).toList(), password, acks);
            }
            return RedisTopology.standalone(embedded() ? embeddedUrl : url);
        }

        @Override
        public String toString() {
            return "Redis[url=" + url + ", sentinels=" + sentinels + ", masterName=" + masterName + ", cluster="
                    + cluster + ", timeout=" + timeout + ", retryFor=" + retryFor + ", waitReplicas=" + waitReplicas
                    + ", waitTimeout=" + waitTimeout + ", password=" + (password.isEmpty() ? "(unset)" : "****")
                    + ", sentinelPassword=" + (sentinelPassword.isEmpty() ? "(unset)" : "****") + "]";
        }
    }

    /**
     * {@code orderRules}: the folder with categories.yaml, urgency.yaml, dispatch.yaml and gazetteer/;
     * {@code supervisors}: the wallboard's logins; {@code knowledge}: the knowledge base's articles;
     * {@code apiTokens}: machine clients' hashed bearer tokens.
     */
    public record Paths(Path flows, Path seats, Path queues, Path orderRules, Path supervisors, Path knowledge,
                        Path apiTokens) {
        public Paths withFlows(Path dir) {
            return new Paths(dir, seats, queues, orderRules, supervisors, knowledge, apiTokens);
        }
    }

    /**
     * {@code journeyTtl}: how long a call's journey stays in Redis once the call has ended; {@code draftTimeout}: a
     * draft Redis has not taken within this goes to the {@code spool} folder (one append-only file per node),
     * replayed into Redis at start-up and every {@code spoolReplayEvery}. {@code nodeDeadAfter}: a node silent this
     * long is dead, and the live nodes settle its calls; {@code freeStuckSeatAfter}: a dead node's call on a seat that
     * no Asterisk lists any more (or none can be asked) ends this long after, and its seat is freed.
     */
    public record Calls(Duration journeyTtl, Duration draftTimeout, Path spool, Duration spoolReplayEvery,
                        Duration nodeDeadAfter, Duration freeStuckSeatAfter) {
        public Calls withSpool(Path dir) {
            return new Calls(journeyTtl, draftTimeout, dir, spoolReplayEvery, nodeDeadAfter, freeStuckSeatAfter);
        }

        public Calls withNodeLeases(Duration deadAfter, Duration freeSeatAfter) {
            return new Calls(journeyTtl, draftTimeout, spool, spoolReplayEvery, deadAfter, freeSeatAfter);
        }
    }

    public IvrConfig withCalls(Calls newCalls) {
        return new IvrConfig(nodeId, agi, audio, http, console, ami, redis, speech, paths, newCalls, logFormat, sms);
    }

    /** The same configuration listening on other ports (0 = any free port), for demos and tests. */
    public IvrConfig withPorts(int agiPort, int audioPort, int httpPort) {
        return new IvrConfig(nodeId, agi.withPort(agiPort), audio.withPort(audioPort), http.withPort(httpPort),
                console, ami, redis, speech, paths, calls, logFormat, sms);
    }

    public IvrConfig withAudio(Audio newAudio) {
        return new IvrConfig(nodeId, agi, newAudio, http, console, ami, redis, speech, paths, calls, logFormat, sms);
    }

    public IvrConfig withSms(Sms newSms) {
        return new IvrConfig(nodeId, agi, audio, http, console, ami, redis, speech, paths, calls, logFormat, newSms);
    }

    public IvrConfig withPaths(Paths newPaths) {
        return new IvrConfig(nodeId, agi, audio, http, console, ami, redis, speech, newPaths, calls, logFormat);
    }

    public IvrConfig withAmi(Ami newAmi) {
        return new IvrConfig(nodeId, agi, audio, http, console, newAmi, redis, speech, paths, calls, logFormat);
    }

    public IvrConfig withRedis(Redis newRedis) {
        return new IvrConfig(nodeId, agi, audio, http, console, ami, newRedis, speech, paths, calls, logFormat, sms);
    }
}
