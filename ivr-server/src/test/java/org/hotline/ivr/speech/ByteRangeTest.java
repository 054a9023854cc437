package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void theRangesAPlayerAsksForAreServedCappedAndTheImpossibleOnesRefused() {
        assertThat(ByteRange.parse("bytes=0-99", 1000, 1 << 20)).contains(new ByteRange(0, 99, 1000));
        assertThat(ByteRange.parse("bytes=0-", 1000, 1 << 20)).contains(new ByteRange(0, 999, 1000));
        assertThat(ByteRange.parse("bytes=0-", 5_000_000, 1 << 20)).as("capped: the player asks on")
                .contains(new ByteRange(0, (1 << 20) - 1, 5_000_000));
        assertThat(ByteRange.parse("bytes=-100", 1000, 1 << 20)).as("the last 100").contains(new ByteRange(900, 999, 1000));
        assertThat(ByteRange.parse("bytes=500-2000", 1000, 1 << 20)).contains(new ByteRange(500, 999, 1000));
        assertThat(ByteRange.parse("bytes=10-20,30-40", 1000, 1 << 20)).as("of several, the first")
                .contains(new ByteRange(10, 20, 1000));
        assertThat(ByteRange.parse("bytes=1000-", 1000, 1 << 20)).as("416").isEmpty();
        assertThat(ByteRange.parse("bytes=30-20", 1000, 1 << 20)).as("416").isEmpty();
        assertThat(ByteRange.parse("lines=1-2", 1000, 1 << 20)).as("not a byte range: the whole file")
                .contains(new ByteRange(0, 999, 1000));
        assertThat(new ByteRange(0, 99, 1000).contentRange()).isEqualTo("bytes 0-99/1000");
    }
}
