package org.hotline.ivr.cli;

import java.time.Duration;
import org.hotline.ivr.ops.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line as in the configuration ({@link Durations}). */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' is not a duration such as " + Durations.EXAMPLES));
    }
}
