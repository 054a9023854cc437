package org.hotline.ivr.ops;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written everywhere a person writes one (config, flows, queues, the command line):
 * a number and a unit, {@code 500ms}, {@code 20s}, {@code 1.5s}, {@code 10m}, {@code 2h} or {@code 30d}; a
 * fraction must come to whole milliseconds.
 */
public final class Durations {

    /** What to show a person who wrote something else. */
    public static final String EXAMPLES = "500ms, 20s, 10m, 2h or 30d";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,3})?)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration {@code text} says, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long unitMillis = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis));
        if (millis.stripTrailingZeros().scale() > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(millis.longValueExact()));
    }

    /** How a person would write {@code d}: {@code 700ms}, {@code 1.5s}, {@code 2m}, {@code 30d}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        for (var unit : new Object[][] {{86_400_000L, "d"}, {3_600_000L, "h"}, {60_000L, "m"}}) {
            if (ms > 0 && ms % (long) unit[0] == 0) {
                return ms / (long) unit[0] + (String) unit[1];
            }
        }
        if (ms >= 1000 && ms % 100 == 0) {
            return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
        }
        return ms + "ms";
    }
}
