package org.hotline.ivr.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The whole server configuration, validated; see {@code ivr-defaults.yaml} for every key. */
public record IvrConfig(
        String nodeId,
        Agi agi,
        Audio audio,
        Http http,
        Ami ami,
        Redis redis,
        Speech speech,
        Paths paths,
        String logFormat) {

    public record Agi(String bind, int port, List<String> allowedPeers, Duration requestTimeout,
                      Duration idleTimeout, int maxLineLength, int maxVariables) {
        public Agi withPort(int newPort) {
            return new Agi(bind, newPort, allowedPeers, requestTimeout, idleTimeout, maxLineLength, maxVariables);
        }
    }

    public record Audio(String bind, int port, List<String> allowedPeers, String advertiseHost, Path recordings,
                        Duration recordingRetention, Duration connectTimeout, Duration idleTimeout,
                        int maxFrameMillis, Duration endSilence, Duration noSpeechTimeout,
                        Duration maxDescription) {
        public Audio withPort(int newPort) {
            return new Audio(bind, newPort, allowedPeers, advertiseHost, recordings, recordingRetention,
                    connectTimeout, idleTimeout, maxFrameMillis, endSilence, noSpeechTimeout, maxDescription);
        }

        public Audio withRecordings(Path dir) {
            return new Audio(bind, port, allowedPeers, advertiseHost, dir, recordingRetention,
                    connectTimeout, idleTimeout, maxFrameMillis, endSilence, noSpeechTimeout, maxDescription);
        }
    }

    /** Vosk models directory, decoder threads (0 = one per core), spoken-menu confidence threshold. */
    public record Speech(Path models, int decodeThreads, double minConfidence) {
    }

    /** Where unpacked Vosk models live (kept for callers that only need the directory). */
    public Path speechModels() {
        return speech.models();
    }

    public record Http(String bind, int port) {
        public Http withPort(int newPort) {
            return new Http(bind, newPort);
        }
    }

    public record Ami(boolean enabled, List<AmiServer> servers) {
    }

    /** One Asterisk manager link. The secret is held here but never printed. */
    public record AmiServer(String name, String host, int port, String user, String secretEnv, String secret) {
        @Override
        public String toString() {
            return "AmiServer[name=" + name + ", host=" + host + ", port=" + port + ", user=" + user
                    + ", secret=" + (secret == null || secret.isEmpty() ? "(unset)" : "****") + "]";
        }
    }

    /** An empty url means: run an embedded redis-server. */
    public record Redis(String url, Path dataDir, Duration timeout) {
        public boolean embedded() {
            return url == null || url.isBlank();
        }

        public Redis withUrl(String newUrl) {
            return new Redis(newUrl, dataDir, timeout);
        }
    }

    public record Paths(Path flows, Path seats, Path queues) {
    }

    /** The same configuration listening on other ports (0 = any free port), for demos and tests. */
    public IvrConfig withPorts(int agiPort, int audioPort, int httpPort) {
        return new IvrConfig(nodeId, agi.withPort(agiPort), audio.withPort(audioPort), http.withPort(httpPort),
                ami, redis, speech, paths, logFormat);
    }

    public IvrConfig withRedis(Redis newRedis) {
        return new IvrConfig(nodeId, agi, audio, http, ami, newRedis, speech, paths, logFormat);
    }
}
