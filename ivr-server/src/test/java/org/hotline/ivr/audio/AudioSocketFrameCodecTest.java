package org.hotline.ivr.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The codec's limits at every rate, and encoder/decoder agreeing byte for byte. */
class AudioSocketFrameCodecTest {

    private static ByteBuf header(int kind, int length) {
        return Unpooled.buffer().writeByte(kind).writeShort(length).writeBytes(new byte[length]);
    }

    @Test
    void everyAudioRateAcceptsUpTo100msPerFrameAndNotOneSampleMore() {
        for (AudioSocketKind kind : AudioSocketKind.values()) {
            if (!kind.isAudio()) {
                continue;
            }
            int max = kind.sampleRate() * 2 / 10;
            EmbeddedChannel ok = new EmbeddedChannel(new AudioSocketFrameDecoder(100));
            ok.writeInbound(header(kind.code(), max));
            AudioSocketFrame frame = ok.readInbound();
            assertThat(frame.kind()).isEqualTo(kind);
            assertThat(frame.payload()).hasSize(max);
            EmbeddedChannel tooLong = new EmbeddedChannel(new AudioSocketFrameDecoder(100));
            assertThatThrownBy(() -> tooLong.writeInbound(header(kind.code(), max + 2)))
                    .isInstanceOf(AudioSocketProtocolException.class).hasMessageContaining(kind.sampleRate() + " Hz exceeds 100 ms");
        }
    }

    @Test
    void afterARefusalNothingMoreIsDecoded() {
        EmbeddedChannel channel = new EmbeddedChannel(new AudioSocketFrameDecoder(100));
        assertThatThrownBy(() -> channel.writeInbound(header(0x02, 0))).hasMessageContaining("unknown frame kind 0x02");
        channel.writeInbound(header(0x10, 320));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void whatTheEncoderWritesTheDecoderReadsBack() {
        EmbeddedChannel out = new EmbeddedChannel(new AudioSocketFrameEncoder());
        UUID uuid = UUID.randomUUID();
        out.writeOutbound(AudioSocketFrame.uuid(uuid), AudioSocketFrame.dtmf('#'), AudioSocketFrame.hangup());
        EmbeddedChannel in = new EmbeddedChannel(new AudioSocketFrameDecoder(100));
        ByteBuf bytes;
        while ((bytes = out.readOutbound()) != null) {
            in.writeInbound(bytes);
        }
        assertThat(((AudioSocketFrame) in.readInbound()).asUuid()).isEqualTo(uuid);
        assertThat(((AudioSocketFrame) in.readInbound()).asDigit()).isEqualTo('#');
        assertThat(((AudioSocketFrame) in.readInbound()).kind()).isEqualTo(AudioSocketKind.HANGUP);
    }
}
