package org.hotline.ivr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import picocli.CommandLine.Option;

/** {@code --config FILE} for every command that starts the server; default {@code config/ivr.yaml} if present. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "configuration file (default: $IVR_CONFIG, else config/ivr.yaml if present, else built-in defaults)")
    Path file;

    public IvrConfig load() {
        Path chosen = file;
        if (chosen == null && System.getenv("IVR_CONFIG") != null) {
            chosen = Path.of(System.getenv("IVR_CONFIG"));
        }
        Map<String, String> env = IvrHome.complete(new HashMap<>(System.getenv()));
        Path home = Path.of(env.getOrDefault("IVR_HOME", ""));
        if (chosen == null && Files.isRegularFile(home.resolve("config/ivr.yaml"))) {
            chosen = home.resolve("config/ivr.yaml");
        }
        IvrConfig config = new ConfigLoader(env).load(chosen);
        LogSetup.apply(config.logFormat());
        return config;
    }
}
