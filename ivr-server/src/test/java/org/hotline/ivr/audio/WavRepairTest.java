package org.hotline.ivr.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording a crash left open (header a second behind, last frame torn) becomes a valid WAV of every whole frame. */
class WavRepairTest {

    private static final int FRAME = 320; // 20 ms at 8 kHz, 16-bit mono

    @TempDir
    Path dir;

    @Test
    void aRecordingLeftOpenByACrashKeepsEveryWholeFrameOnDisk() throws Exception {
        Path wav = dir.resolve("call-1.wav");
        WavRecorder recorder = WavRecorder.create(wav, 8000);
        for (int i = 0; i < 80; i++) { // 1.6 s: the header was last brought up to date at 1.0 s
            recorder.write(frame(i));
        }
        Files.write(wav, new byte[FRAME / 2], StandardOpenOption.APPEND); // a frame torn by the kill
        // The recorder is never closed: the process is gone.
        assertThat(dataSize(wav)).isEqualTo(50 * FRAME);

        assertThat(WavRepair.repair(wav)).isEqualTo(WavRepair.Result.REPAIRED);

        assertThat(Files.size(wav)).isEqualTo(44 + 80L * FRAME);
        assertThat(dataSize(wav)).isEqualTo(80 * FRAME);
        WavAudio audio = WavReader.read(wav);
        assertThat(audio.seconds()).isEqualTo(1.6);
        assertThat(audio.samples()[79 * FRAME / 2]).isEqualTo((short) 79);
        assertThat(WavRepair.repair(wav)).isEqualTo(WavRepair.Result.WHOLE);
    }

    @Test
    void aClosedRecordingAndAFileThatIsNotOursAreLeftAlone() throws Exception {
        Path closed = dir.resolve("closed.wav");
        try (WavRecorder recorder = WavRecorder.create(closed, 16000)) {
            recorder.write(new byte[640]);
        }
        byte[] before = Files.readAllBytes(closed);
        assertThat(WavRepair.repair(closed)).isEqualTo(WavRepair.Result.WHOLE);
        assertThat(Files.readAllBytes(closed)).isEqualTo(before);

        Path other = Files.writeString(dir.resolve("notes.wav"), "not a recording at all, longer than a header........");
        assertThat(WavRepair.repair(other)).isEqualTo(WavRepair.Result.NOT_OURS);
        assertThat(Files.readString(other)).startsWith("not a recording");
    }

    private static byte[] frame(int value) {
        ByteBuffer pcm = ByteBuffer.allocate(FRAME).order(ByteOrder.LITTLE_ENDIAN);
        while (pcm.hasRemaining()) {
            pcm.putShort((short) value);
        }
        return pcm.array();
    }

    private static int dataSize(Path wav) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(wav), 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
