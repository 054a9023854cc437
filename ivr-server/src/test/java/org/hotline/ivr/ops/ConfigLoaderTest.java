package org.hotline.ivr.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hotline.ivr.redis.RedisTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path file = dir.resolve("ivr.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void defaultsAloneGiveTheDocumentedPorts() {
        IvrConfig config = ConfigLoader.defaultsOnly();
        assertThat(config.agi().port()).isEqualTo(4573);
        assertThat(config.audio().port()).isEqualTo(9092);
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.redis().embedded()).isTrue();
        assertThat(config.agi().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesTheFile() throws IOException {
        Path file = file("agi:\n  port: 14573\n  allowedPeers: [10.1.0.0/16]\nredis:\n  url: redis://10.1.0.5:6379/2\n");
        IvrConfig config = new ConfigLoader(Map.of(
                "IVR_AGI_PORT", "24573",
                "IVR_AUDIO_ALLOWED_PEERS", "10.2.0.0/16, 10.3.0.1",
                "IVR_AMI_SERVERS_0_HOST", "pbx.example.org",
                "IVR_AGI_IDLE_TIMEOUT", "2h")).load(file);
        assertThat(config.agi().port()).isEqualTo(24573);
        assertThat(config.agi().allowedPeers()).containsExactly("10.1.0.0/16");
        assertThat(config.audio().allowedPeers()).containsExactly("10.2.0.0/16", "10.3.0.1");
        assertThat(config.ami().servers().get(0).host()).isEqualTo("pbx.example.org");
        assertThat(config.agi().idleTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(config.redis().url()).isEqualTo("redis://10.1.0.5:6379/2");
        assertThat(config.redis().embedded()).isFalse();
    }

    @Test
    void everyProblemIsReportedOnItsOwnLineWithKeyValueAndWhy() throws IOException {
        Path file = file("agi:\n  port: 99999\n  requestTimout: 5s\n  allowedPeers: [not-an-address!]\n"
                + "audio:\n  port: abc\nlog:\n  format: xml\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("IVR_REDIS_TIMEOUT", "soon")).load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                            "agi.requestTimout = '5s': unknown key",
                            "agi.port = '99999': must be between 0 and 65535",
                            "agi.allowedPeers = 'not-an-address!': must be an address or CIDR range such as 10.0.0.0/8",
                            "audio.port = 'abc': must be a whole number between 0 and 65535",
                            "redis.timeout = 'soon': must be a duration such as 500ms, 20s, 10m, 2h or 30d",
                            "log.format = 'xml': must be text or json");
                    assertThat(e.getMessage().lines().count()).isEqualTo(7);
                });
    }

    @Test
    void journeysKeepForAWeekUnlessTheEnvironmentSaysOtherwiseAndNeverForZero() throws IOException {
        Path file = file("log:\n  format: text\n");
        assertThat(new ConfigLoader(Map.of()).load(file).calls().journeyTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(new ConfigLoader(Map.of("IVR_CALLS_JOURNEY_TTL", "30d")).load(file).calls().journeyTtl())
                .isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> new ConfigLoader(Map.of("IVR_CALLS_JOURNEY_TTL", "0s")).load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::toString).containsExactly("calls.journeyTtl = '0': must be longer than zero"));
    }

    @Test
    void brokenYamlNamesTheLine() throws IOException {
        Path file = file("agi:\n  port: 4573\n bind: [oops\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML at line 3");
    }

    @Test
    void amiSecretComesOnlyFromTheEnvironmentAndIsNeverPrinted() throws IOException {
        Path file = file("ami:\n  enabled: true\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .hasMessageContaining("ami.servers.0.secretEnv = 'IVR_AMI_SECRET': environment variable IVR_AMI_SECRET is not set");
        IvrConfig config = new ConfigLoader(Map.of("IVR_AMI_SECRET", "s3cr3t-value")).load(file);
        assertThat(config.ami().servers().get(0).secret()).isEqualTo("s3cr3t-value");
        assertThat(config.toString()).doesNotContain("s3cr3t-value").contains("secret=****");
    }

    @Test
    void sentinelsMasterNameAndPasswordsComeFromTheEnvironmentAndPasswordsAreNeverPrinted() {
        IvrConfig config = new ConfigLoader(Map.of("IVR_REDIS_SENTINELS", "10.0.0.1:26379, 10.0.0.2:26379,10.0.0.3:26379",
                "IVR_REDIS_MASTERNAME", "hotline", "IVR_REDIS_PASSWORD", "r3dis-pw",
                "IVR_REDIS_SENTINEL_PASSWORD", "s3ntinel-pw")).load(null);
        assertThat(config.redis().embedded()).isFalse();
        RedisTopology topology = config.redis().topology("");
        assertThat(topology).isInstanceOfSatisfying(RedisTopology.Sentinel.class, sentinel -> {
            assertThat(sentinel.masterName()).isEqualTo("hotline");
            assertThat(sentinel.sentinels()).extracting(Object::toString)
                    .containsExactly("10.0.0.1:26379", "10.0.0.2:26379", "10.0.0.3:26379");
            assertThat(sentinel.password()).isEqualTo("r3dis-pw");
            assertThat(sentinel.sentinelPassword()).isEqualTo("s3ntinel-pw");
            assertThat(sentinel.acks()).isEqualTo(new RedisTopology.ReplicaAcks(1, Duration.ofMillis(500)));
        });
        assertThat(config.toString() + topology).doesNotContain("r3dis-pw").doesNotContain("s3ntinel-pw");
    }

    @Test
    void clusterSeedsAloneMeanClusterAndAStandaloneRedisNeverWaitsForReplicas() {
        IvrConfig cluster = new ConfigLoader(Map.of("IVR_REDIS_CLUSTER", "10.0.0.1:7000,10.0.0.2:7000")).load(null);
        assertThat(cluster.redis().topology("")).isInstanceOf(RedisTopology.Cluster.class);
        IvrConfig standalone = new ConfigLoader(Map.of("IVR_REDIS_URL", "redis://10.0.0.9:6379")).load(null);
        assertThat(standalone.redis().topology("").acks().enabled()).isFalse();
        assertThat(ConfigLoader.defaultsOnly().redis().embedded()).isTrue();
    }

    @Test
    void badRedisTopologiesAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("IVR_REDIS_SENTINELS", "10.0.0.1", "IVR_REDIS_CLUSTER",
                "10.0.0.2:7000", "IVR_REDIS_WAIT_TIMEOUT", "5s")).load(null))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                                "redis.sentinels = '10.0.0.1': must be host:port",
                                "redis.cluster = '10.0.0.2:7000': Sentinel and Cluster exclude each other: set one",
                                "redis.waitTimeout = '5000ms': must be longer than zero and shorter than redis.timeout"
                                        + " (2000ms), or the socket gives up before WAIT answers"));
    }

    @Test
    void relativePathsStartAtIvrHome() {
        IvrConfig config = new ConfigLoader(Map.of("IVR_HOME", "/opt/ivr")).load(null);
        assertThat(config.paths().flows()).isEqualTo(Path.of("/opt/ivr/call-flows"));
        assertThat(config.redis().dataDir()).isEqualTo(Path.of("/opt/ivr/data/redis"));
    }

    @Test
    void theShippedConfigFileIsValid() {
        Path shipped = Path.of("..", "config", "ivr.yaml");
        IvrConfig config = new ConfigLoader(Map.of()).load(shipped);
        assertThat(config.agi().port()).isEqualTo(4573);
    }

    @Test
    void twoListenersOnOnePortAreRefused() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("IVR_HTTP_PORT", "4573")).load(null))
                .hasMessageContaining("agi.port = '4573': is also used by another listener");
    }
}
