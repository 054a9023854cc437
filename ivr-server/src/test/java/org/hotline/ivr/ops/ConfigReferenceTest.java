package org.hotline.ivr.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operators' configuration table is made from the defaults, and the guide carries it unchanged. */
class ConfigReferenceTest {

    private static final String BEGIN = "<!-- config-reference:begin (./ivr config reference) -->\n";
    private static final String END = "<!-- config-reference:end -->";

    @Test
    void keysDefaultsEnvironmentAndCommentsComeFromTheYaml() {
        ConfigReference reference = ConfigReference.of("""
                # file header, not a key's meaning
                agi:
                  port: 4573            # FastAGI port
                  allowedPeers: [127.0.0.1/32, "::1/128"]
                  hangupGrace: 1s       # close the socket this long after HANGUP:
                                        # Asterisk warns after 2 s
                  label: "a # b"        # quoted hash is a value
                ami:                    # manager links
                  servers:
                    - name: pbx1
                      secretEnv: IVR_AMI_SECRET   # read from this variable
                """);
        assertEquals(List.of(
                new ConfigReference.Entry("agi.port", "4573", "IVR_AGI_PORT", "FastAGI port"),
                new ConfigReference.Entry("agi.allowedPeers", "127.0.0.1/32, ::1/128", "IVR_AGI_ALLOWED_PEERS", ""),
                new ConfigReference.Entry("agi.hangupGrace", "1s", "IVR_AGI_HANGUP_GRACE",
                        "close the socket this long after HANGUP: Asterisk warns after 2 s"),
                new ConfigReference.Entry("agi.label", "a # b", "IVR_AGI_LABEL", "quoted hash is a value"),
                new ConfigReference.Entry("ami.*", "", "", "manager links"),
                new ConfigReference.Entry("ami.servers[].name", "pbx1", "IVR_AMI_SERVERS_<n>_NAME", ""),
                new ConfigReference.Entry("ami.servers[].secretEnv", "IVR_AMI_SECRET",
                        "IVR_AMI_SERVERS_<n>_SECRET_ENV", "read from this variable")),
                reference.entries());
    }

    @Test
    void theEnvironmentNamesInTheTableAreTheOnesTheLoaderReads() {
        Map<String, String> env = Map.of("IVR_AGI_HANGUP_GRACE", "3s", "IVR_REDIS_WAIT_TIMEOUT", "700ms");
        IvrConfig config = new ConfigLoader(env).load(null);
        assertEquals(java.time.Duration.ofSeconds(3), config.agi().hangupGrace());
        List<String> names = ConfigReference.ofDefaults().entries().stream().map(ConfigReference.Entry::environment).toList();
        assertTrue(names.containsAll(env.keySet()), names.toString());
    }

    @Test
    void operationsGuideHoldsTheGeneratedTable() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "operations.md"), StandardCharsets.UTF_8);
        int begin = guide.indexOf(BEGIN);
        int end = guide.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/operations.md lacks the markers " + BEGIN.trim() + " ... " + END);
        assertEquals(ConfigReference.ofDefaults().markdown(), guide.substring(begin + BEGIN.length(), end),
                "docs/operations.md's configuration table differs from ivr-defaults.yaml: paste the output of"
                        + " ./ivr config reference between its markers");
    }
}
