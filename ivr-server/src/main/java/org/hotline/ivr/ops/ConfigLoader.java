package org.hotline.ivr.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the {@link IvrConfig}: built-in defaults, then the YAML file, then {@code IVR_*} environment
 * variables. Every problem found is reported at once, one line each, and start-up is refused.
 */
public final class ConfigLoader {

    private static final Pattern CIDR = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s]+");
    private static final Pattern QUIET_HOURS = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern REDIS_URL = Pattern.compile("rediss?://.+");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:]+:\\d{1,5}");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<String, String> env;
    private final Path home;

    /** {@code IVR_HOME} in {@code env}, if set, is where relative paths in the configuration start. */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.home = Path.of(env.getOrDefault("IVR_HOME", ""));
    }

    /** Loads {@code file} over the defaults; a null file means defaults and environment only. */
    public IvrConfig load(Path file) {
        List<ConfigProblem> problems = new ArrayList<>();
        ObjectNode tree = defaults();
        if (file != null) {
            mergeFile(tree, file, problems);
        }
        ConfigTree.applyEnvironment(tree, "IVR", env);
        IvrConfig config = bind(tree, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /** The configuration a fresh machine gets: defaults and environment, no file. */
    public static IvrConfig defaultsOnly() {
        return new ConfigLoader(Map.of()).load(null);
    }

    private ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/ivr-defaults.yaml")) {
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in defaults unreadable", e);
        }
    }

    private void mergeFile(ObjectNode tree, Path file, List<ConfigProblem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(new ConfigProblem("--config", file.toString(), "no such file"));
            return;
        }
        try {
            JsonNode fileTree = yaml.readTree(file.toFile());
            if (fileTree == null || fileTree.isMissingNode() || fileTree.isNull()) {
                return;
            }
            if (!fileTree.isObject()) {
                problems.add(new ConfigProblem(file.toString(), fileTree.toString(), "must be a YAML mapping"));
                return;
            }
            ConfigTree.merge(tree, fileTree, "", problems);
        } catch (JsonProcessingException e) {
            problems.add(new ConfigProblem(file.toString(), null, "not valid YAML at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new ConfigProblem(file.toString(), null, "unreadable: " + e.getMessage()));
        }
    }

    private IvrConfig bind(JsonNode tree, List<ConfigProblem> problems) {
        ConfigReader root = new ConfigReader(tree, home, problems);
        String nodeId = root.string("node.id");
        if (nodeId.isBlank()) {
            nodeId = hostName();
        }
        IvrConfig.Agi agi = agi(root.at("agi"));
        IvrConfig.Audio audio = audio(root.at("audio"));
        IvrConfig.Http httpConfig = http(root.at("http"));
        IvrConfig.Console console = console(root.at("console"));
        IvrConfig.Ami ami = ami(root.at("ami"));
        IvrConfig.Redis redisConfig = redis(root.at("redis"));
        ConfigReader paths = root.at("paths");
        IvrConfig.Paths pathConfig = new IvrConfig.Paths(paths.path("flows"), paths.path("seats"), paths.path("queues"),
                paths.path("orderRules"), paths.path("supervisors"), paths.path("knowledge"),
                paths.path("apiTokens"));
        ConfigReader callsSection = root.at("calls");
        IvrConfig.Calls calls = new IvrConfig.Calls(positive(callsSection, "journeyTtl"),
                positive(callsSection, "draftTimeout"), callsSection.path("spool"),
                positive(callsSection, "spoolReplayEvery"), positive(callsSection, "nodeDeadAfter"),
                positive(callsSection, "freeStuckSeatAfter"));
        String logFormat = root.string("log.format");
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            root.problem("log.format", logFormat, "must be text or json");
        }
        checkDistinctPorts(root, agi.port(), audio.port(), httpConfig.port());
        return new IvrConfig(nodeId, agi, audio, httpConfig, console, ami, redisConfig, speech(root.at("speech")),
                pathConfig, calls, logFormat, sms(root.at("sms")));
    }

    private IvrConfig.Sms sms(ConfigReader sms) {
        String gateway = sms.string("gateway").strip();
        if (!gateway.equals("none") && !gateway.equals("kannel")) {
            sms.problem("gateway", gateway, "must be none or kannel");
        }
        String url = sms.string("kannel.url").strip();
        if (!url.matches("https?://[^\\s]+")) {
            sms.problem("kannel.url", url, "must be Kannel's sendsms URL, e.g. http://127.0.0.1:13013/cgi-bin/sendsms");
        }
        String passwordEnv = sms.string("kannel.passwordEnv");
        String password = env.getOrDefault(passwordEnv, "");
        if (gateway.equals("kannel") && password.isEmpty()) {
            sms.problem("kannel.passwordEnv", passwordEnv, "environment variable " + passwordEnv
                    + " is not set; the sendsms password is only read from the environment");
        }
        String sendAt = sms.string("sendAt").strip();
        if (!sendAt.equals("draft") && !sendAt.equals("submit")) {
            sms.problem("sendAt", sendAt, "must be draft or submit");
        }
        String from = sms.string("from").strip();
        requireText(sms, "from", from);
        IvrConfig.Sms config = new IvrConfig.Sms(gateway, url, sms.string("kannel.user"), passwordEnv, password, from,
                sendAt, sms.path("texts"), sms.integer("maxAttempts", 1, 100), positive(sms, "retryDelay"),
                positive(sms, "maxRetryDelay"), positive(sms, "timeout"));
        if (config.maxRetryDelay().compareTo(config.retryDelay()) < 0) {
            sms.problem("maxRetryDelay", config.maxRetryDelay().toString(), "must not be shorter than retryDelay");
        }
        return config;
    }

    private IvrConfig.Redis redis(ConfigReader redis) {
        String url = redis.string("url");
        if (!url.isBlank() && !REDIS_URL.matcher(url).matches()) {
            redis.problem("url", url, "must be redis://host:port[/db] or rediss://..., or empty for embedded");
        }
        List<String> sentinels = hostPorts(redis, "sentinels");
        List<String> cluster = hostPorts(redis, "cluster");
        if (!sentinels.isEmpty() && !cluster.isEmpty()) {
            redis.problem("cluster", String.join(",", cluster), "Sentinel and Cluster exclude each other: set one");
        }
        // IVR_REDIS_MASTERNAME as operators spell it, beside the generic IVR_REDIS_MASTER_NAME.
        String masterName = env.getOrDefault("IVR_REDIS_MASTERNAME", redis.string("masterName"));
        if (!sentinels.isEmpty() && masterName.isBlank()) {
            redis.problem("masterName", masterName, "must name the master the sentinels watch");
        }
        int waitReplicas = redis.integer("waitReplicas", 0, 16);
        Duration waitTimeout = redis.duration("waitTimeout");
        Duration timeout = redis.duration("timeout");
        if (waitReplicas > 0 && (waitTimeout.isZero()
                || (!timeout.isZero() && waitTimeout.compareTo(timeout) >= 0))) {
            redis.problem("waitTimeout", waitTimeout.toMillis() + "ms", "must be longer than zero and shorter than "
                    + "redis.timeout (" + timeout.toMillis() + "ms), or the socket gives up before WAIT answers");
        }
        return new IvrConfig.Redis(url, sentinels, masterName, cluster, redis.path("dataDir"), timeout,
                positive(redis, "retryFor"), waitReplicas, waitTimeout, env.getOrDefault(redis.string("passwordEnv"), ""),
                env.getOrDefault(redis.string("sentinelPasswordEnv"), ""));
    }

    private static List<String> hostPorts(ConfigReader section, String key) {
        List<String> nodes = section.list(key);
        for (String node : nodes) {
            if (!HOST_PORT.matcher(node).matches()) {
                section.problem(key, node, "must be host:port");
            }
        }
        return nodes;
    }

    private IvrConfig.Agi agi(ConfigReader agi) {
        List<String> peers = peers(agi);
        IvrConfig.Agi config = new IvrConfig.Agi(agi.string("bind"), agi.port("port"), peers,
                agi.duration("requestTimeout"), agi.duration("idleTimeout"),
                agi.integer("maxLineLength", 256, 1 << 20), agi.integer("maxVariables", 16, 4096),
                positive(agi, "hangupGrace"), agi.integer("maxConnections", 1, 1_000_000));
        if (config.requestTimeout().isZero()) {
            agi.problem("requestTimeout", "0", "must be longer than zero");
        }
        return config;
    }

    private IvrConfig.Audio audio(ConfigReader audio) {
        IvrConfig.Audio config = new IvrConfig.Audio(audio.string("bind"), audio.port("port"), peers(audio),
                audio.string("advertiseHost"), audio.path("recordings"), audio.duration("retention"),
                audio.duration("connectTimeout"), audio.duration("idleTimeout"),
                audio.integer("maxFrameMillis", 20, 500), audio.duration("describeEndSilence"),
                audio.duration("menuEndSilence"), audio.duration("noSpeechTimeout"), audio.duration("maxDescription"),
                audio.path("promptAudio"), audio.path("conversations"), audio.bool("conversationLegs"),
                audio.integer("maxConnections", 1, 1_000_000));
        endSilence(audio, "describeEndSilence", config.describeEndSilence());
        endSilence(audio, "menuEndSilence", config.menuEndSilence());
        if (config.maxDescription().isZero() || config.connectTimeout().isZero() || config.idleTimeout().isZero()
                || config.retention().isZero()) {
            audio.problem("maxDescription/connectTimeout/idleTimeout/retention", "0", "must be longer than zero");
        }
        return config;
    }

    private static void endSilence(ConfigReader audio, String key, Duration value) {
        if (value.compareTo(IvrConfig.Audio.MIN_END_SILENCE) < 0 || value.compareTo(IvrConfig.Audio.MAX_END_SILENCE) > 0) {
            audio.problem(key, value.toMillis() + "ms", "must be between " + IvrConfig.Audio.MIN_END_SILENCE.toMillis()
                    + "ms and " + IvrConfig.Audio.MAX_END_SILENCE.toSeconds() + "s");
        }
    }

    private static IvrConfig.Speech speech(ConfigReader speech) {
        String confidence = speech.string("minConfidence");
        double minConfidence = 0;
        try {
            minConfidence = Double.parseDouble(confidence);
        } catch (NumberFormatException e) {
            minConfidence = -1;
        }
        if (minConfidence < 0 || minConfidence > 1) {
            speech.problem("minConfidence", confidence, "must be a number between 0 and 1");
        }
        return new IvrConfig.Speech(speech.path("models"), speech.integer("decodeThreads", 0, 256), minConfidence,
                speech.duration("transcriptTtl"));
    }

    private IvrConfig.Http http(ConfigReader http) {
        String tokenEnv = http.string("metricsTokenEnv");
        return new IvrConfig.Http(http.string("bind"), http.port("port"), positive(http, "idleTimeout"),
                http.integer("maxConnections", 1, 1_000_000), http.integer("maxConnectionsPerPeer", 1, 1_000_000),
                http.integer("maxHeaderBytes", 1024, 1 << 20), http.integer("maxUriBytes", 256, 1 << 20),
                http.integer("maxBodyBytes", 1024, 1 << 30), http.integer("eventLoops", 1, 64),
                http.integer("routeThreads", 1, 256), http.integer("routeQueue", 0, 100_000), tokenEnv,
                tokenEnv.isBlank() ? "" : env.getOrDefault(tokenEnv, "").strip());
    }

    private static IvrConfig.Console console(ConfigReader console) {
        List<String> origins = console.list("allowedOrigins");
        for (String origin : origins) {
            if (!ORIGIN.matcher(origin).matches()) {
                console.problem("allowedOrigins", origin, "must be an origin such as https://console.example.org");
            }
        }
        IvrConfig.Console config = new IvrConfig.Console(console.bool("secureCookie"), console.duration("sessionTtl"),
                console.duration("wrapUp"), origins);
        if (config.sessionTtl().isZero()) {
            console.problem("sessionTtl", "0", "must be longer than zero");
        }
        return config;
    }

    private IvrConfig.Ami ami(ConfigReader ami) {
        List<IvrConfig.AmiServer> servers = new ArrayList<>();
        boolean enabled = ami.bool("enabled");
        for (int i = 0; i < ami.size("servers"); i++) {
            ConfigReader server = ami.at("servers." + i);
            String secretEnv = server.string("secretEnv");
            String secret = env.getOrDefault(secretEnv, "");
            if (enabled && secret.isEmpty()) {
                server.problem("secretEnv", secretEnv, "environment variable " + secretEnv
                        + " is not set; the AMI secret is only read from the environment");
            }
            servers.add(new IvrConfig.AmiServer(server.string("name"), server.string("host"), server.port("port"),
                    server.string("user"), secretEnv, secret));
        }
        return new IvrConfig.Ami(enabled, servers, callback(ami.at("callback")), survey(ami.at("survey")),
                controls(ami.at("controls")));
    }

    private static IvrConfig.AmiControls controls(ConfigReader controls) {
        String supervisorDial = controls.string("supervisorDial");
        if (!supervisorDial.contains("{supervisor}")) {
            controls.problem("supervisorDial", supervisorDial, "must contain {supervisor}, where the account id goes"
                    + " (e.g. PJSIP/{supervisor})");
        }
        return new IvrConfig.AmiControls(controls.path("targets"), dialString(controls, "dial"), supervisorDial,
                positive(controls, "ringTimeout"), controls.string("callerId"));
    }

    private static IvrConfig.AmiCallback callback(ConfigReader callback) {
        IvrConfig.AmiCallback config = new IvrConfig.AmiCallback(callback.string("context"),
                dialString(callback, "citizenDial"), callback.string("callerId"), positive(callback, "seatRingTimeout"),
                positive(callback, "citizenRingTimeout"), callback.integer("maxAttempts", 1, 20),
                callback.duration("retryDelay"));
        requireText(callback, "context", config.context());
        return config;
    }

    private static IvrConfig.AmiSurvey survey(ConfigReader survey) {
        String quiet = survey.string("quietHours").trim();
        if (!quiet.isEmpty() && !QUIET_HOURS.matcher(quiet).matches()) {
            survey.problem("quietHours", quiet, "must be HH:mm-HH:mm (local time, may wrap midnight) or empty");
        }
        String zone = survey.string("zone");
        try {
            java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            survey.problem("zone", zone, "must be a time zone such as Asia/Shanghai");
        }
        IvrConfig.AmiSurvey config = new IvrConfig.AmiSurvey(survey.string("context"), dialString(survey, "citizenDial"),
                survey.string("callerId"), positive(survey, "ringTimeout"), survey.duration("delay"), quiet,
                survey.integer("maxAttempts", 1, 20), survey.duration("retryDelay"), zone);
        requireText(survey, "context", config.context());
        return config;
    }

    private static String dialString(ConfigReader section, String key) {
        String dial = section.string(key);
        if (!dial.contains("{number}") && !dial.startsWith("Local/")) {
            section.problem(key, dial, "must contain {number}, where the citizen's number goes (e.g. PJSIP/{number}@trunk)");
        }
        return dial;
    }

    private static java.time.Duration positive(ConfigReader section, String key) {
        java.time.Duration value = section.duration(key);
        if (value.isZero()) {
            section.problem(key, "0", "must be longer than zero");
        }
        return value;
    }

    private static void requireText(ConfigReader section, String key, String value) {
        if (value.isBlank()) {
            section.problem(key, value, "must not be empty");
        }
    }

    private static List<String> peers(ConfigReader section) {
        List<String> peers = section.list("allowedPeers");
        for (String peer : peers) {
            if (!CIDR.matcher(peer).matches()) {
                section.problem("allowedPeers", peer, "must be an address or CIDR range such as 10.0.0.0/8");
            }
        }
        return peers;
    }

    private static void checkDistinctPorts(ConfigReader root, int agi, int audio, int http) {
        if (agi != 0 && (agi == audio || agi == http)) {
            root.problem("agi.port", String.valueOf(agi), "is also used by another listener");
        }
        if (audio != 0 && audio == http) {
            root.problem("audio.port", String.valueOf(audio), "is also used by http.port");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "ivr-node";
        }
    }
}
