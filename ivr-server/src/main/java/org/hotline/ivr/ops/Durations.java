package org.hotline.ivr.ops;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written everywhere a person writes one (config, flows, queues, the command line):
 * a whole number and a unit, {@code 500ms}, {@code 20s}, {@code 10m}, {@code 2h} or {@code 30d}.
 */
public final class Durations {

    /** What to show a person who wrote something else. */
    public static final String EXAMPLES = "500ms, 20s, 10m, 2h or 30d";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration {@code text} says, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }
}
