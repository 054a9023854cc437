package org.hotline.ivr.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where relative paths of the configuration (config/, call-flows/, data/) start: {@code IVR_HOME} when set (the
 * {@code ./ivr} launcher sets it), else {@code -Divr.home} (the build), else the checkout the command runs in (the
 * working directory or a parent of it holding both config/ and call-flows/), else the checkout the jar was built
 * in ({@code <root>/ivr-server/target/ivr-server.jar}). So {@code java -jar .../ivr-server.jar flow simulate 12345}
 * finds the configuration from any directory instead of failing on config/categories.yaml.
 */
final class IvrHome {

    private IvrHome() {
    }

    /** {@code env} with {@code IVR_HOME} filled in where it could be found; unchanged otherwise. */
    static Map<String, String> complete(Map<String, String> env) {
        if (env.containsKey("IVR_HOME")) {
            return env;
        }
        Optional<Path> found = Optional.ofNullable(System.getProperty("ivr.home")).map(Path::of)
                .or(() -> checkoutAbove(Path.of("").toAbsolutePath()))
                .or(IvrHome::checkoutOfJar);
        found.ifPresent(home -> env.put("IVR_HOME", home.toString()));
        return env;
    }

    static Path of(Map<String, String> env) {
        return Path.of(complete(env).getOrDefault("IVR_HOME", ""));
    }

    static Optional<Path> checkoutAbove(Path dir) {
        for (Path at = dir; at != null; at = at.getParent()) {
            if (isCheckout(at)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> checkoutOfJar() {
        try {
            Path jar = Path.of(IvrHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return checkoutAbove(jar.getParent());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static boolean isCheckout(Path dir) {
        return Files.isDirectory(dir.resolve("config")) && Files.isDirectory(dir.resolve("call-flows"));
    }
}
