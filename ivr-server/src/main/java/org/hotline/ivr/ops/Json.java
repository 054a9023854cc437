package org.hotline.ivr.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one configured JSON mapper of the server. A mapper is costly to build and safe to share once configured,
 * so every package reads and writes JSON (Redis values, HTTP bodies, command-line output) through this one.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** The shared mapper; never reconfigure it (copy it with {@link ObjectMapper#copy()} for another setting). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** For output a person reads: indented. */
    public static ObjectWriter pretty() {
        return PRETTY;
    }
}
