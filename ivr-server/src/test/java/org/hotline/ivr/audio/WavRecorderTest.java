package org.hotline.ivr.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavRecorderTest {

    @TempDir
    Path temp;

    @Test
    void aClosedRecordingReadsBackSampleForSample() throws Exception {
        short[] tone = Spectrum.sine(440, 9000, 8000, 8000);
        Path file = temp.resolve("day/call.wav");
        try (WavRecorder recorder = WavRecorder.create(file, 8000)) {
            for (short[] frame : SpeechSamples.frames(tone, 8000)) {
                recorder.write(Pcm.toBytes(frame));
            }
            assertThat(recorder.durationMillis()).isEqualTo(1000);
        }
        WavAudio read = WavReader.read(file);
        assertThat(read.sampleRate()).isEqualTo(8000);
        assertThat(read.samples()).isEqualTo(tone);
    }

    @Test
    void aRecordingNeverClosedStillHoldsEverythingWritten() throws Exception {
        short[] tone = Spectrum.sine(300, 9000, 8000, 8000 * 3 + 800);
        Path file = temp.resolve("crash.wav");
        WavRecorder recorder = WavRecorder.create(file, 8000);
        recorder.write(Pcm.toBytes(tone));
        // no close(): the process "dies" here; the bytes are in the file already
        byte[] onDisk = Files.readAllBytes(file);
        assertThat(onDisk.length).isEqualTo(44 + tone.length * 2);
        assertThat(Pcm.toSamples(Arrays.copyOfRange(onDisk, 44, onDisk.length))).isEqualTo(tone);
        assertThat(WavReader.read(file).samples().length).isGreaterThanOrEqualTo(8000 * 3);
    }

    @Test
    void anExistingRecordingIsNeverOverwritten() throws Exception {
        Path file = temp.resolve("taken.wav");
        Files.writeString(file, "earlier call");
        assertThatThrownBy(() -> WavRecorder.create(file, 8000)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("earlier call");
    }

    @Test
    void somethingThatIsNotAWavFileIsNamedInTheError() throws Exception {
        Path file = temp.resolve("notes.wav");
        Files.writeString(file, "hello");
        assertThatThrownBy(() -> WavReader.read(file)).hasMessageContaining(file + ": not a WAV file");
    }
}
