package org.hotline.ivr.speech;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a file of {@code size} bytes, from an HTTP {@code Range} header ({@code bytes=a-b},
 * {@code bytes=a-}, {@code bytes=-n}; of several ranges the first). At most {@code cap} bytes are served at once:
 * a player asks again for the rest, so a long conversation never sits in memory whole.
 */
record ByteRange(long start, long end, long size) {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})(,.*)?");

    long length() {
        return end - start + 1;
    }

    String contentRange() {
        return "bytes " + start + "-" + end + "/" + size;
    }

    /**
     * The range {@code header} asks for, capped; {@code Optional.empty()} when it cannot be satisfied (416).
     * A header that is not a byte range at all is ignored, as RFC 9110 says: the whole file, capped.
     */
    static Optional<ByteRange> parse(String header, long size, long cap) {
        Matcher m = RANGE.matcher(header.strip());
        long start;
        long end;
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            start = 0;
            end = size - 1;
        } else if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            start = Math.max(0, size - suffix);
            end = size - 1;
        } else {
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        if (start >= size || end < start) {
            return Optional.empty();
        }
        return Optional.of(new ByteRange(start, Math.min(end, start + cap - 1), size));
    }
}
