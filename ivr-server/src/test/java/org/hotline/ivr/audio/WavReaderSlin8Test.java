package org.hotline.ivr.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the simulator streams over AudioSocket: a WAV's samples as slin, 8 kHz only. */
class WavReaderSlin8Test {

    @TempDir
    Path dir;

    private Path wav(float rate, byte[] littleEndianPcm) throws IOException {
        Path file = dir.resolve((int) rate + ".wav");
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(littleEndianPcm), format,
                littleEndianPcm.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    @Test
    void anEightKilohertzFileComesBackByteForByteAsSlin() throws Exception {
        byte[] pcm = {1, 0, (byte) 0xff, 0x7f, 0, (byte) 0x80, (byte) 0xfe, (byte) 0xff};
        assertThat(WavReader.readSlin8(wav(8000f, pcm))).containsExactly(pcm);
    }

    @Test
    void anotherRateIsRefusedNamingTheConversion() throws Exception {
        Path wide = wav(16000f, new byte[8]);
        assertThatThrownBy(() -> WavReader.readSlin8(wide)).isInstanceOf(IOException.class)
                .hasMessageContaining("16000 Hz").hasMessageContaining("sox IN -r 8000 -c 1 -b 16 OUT.wav");
    }
}
