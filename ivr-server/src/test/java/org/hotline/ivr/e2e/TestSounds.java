package org.hotline.ivr.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Prompt files for a test Asterisk, made at test time: 8 kHz 16-bit mono WAV tones, one pitch per prompt
 * so a recording shows which played. Asterisk resolves {@code STREAM FILE demo/welcome} to
 * {@code <astdatadir>/sounds/<language>/demo/welcome.wav} and falls back to {@code en} for other languages.
 */
final class TestSounds {

    static final AudioFormat SLIN8 = new AudioFormat(8000f, 16, 1, true, false);

    /** The demo script's prompts (name -> length in ms) and the digits SAY DIGITS plays. */
    static final Map<String, Integer> DEMO_PROMPTS = Map.of(
            "demo/welcome", 1500, "demo/enter-digits", 1000, "demo/goodbye", 500);

    private TestSounds() {
    }

    /** Writes the demo prompts and the number words {@code SAY NUMBER/DIGITS} play under {@code sounds/en}. */
    static void writeDemoPrompts(Path soundsDir) throws IOException {
        Path en = soundsDir.resolve("en");
        int pitch = 400;
        for (Map.Entry<String, Integer> prompt : DEMO_PROMPTS.entrySet()) {
            writeTone(en.resolve(prompt.getKey() + ".wav"), pitch += 100, prompt.getValue());
        }
        for (int digit = 0; digit <= 9; digit++) {
            writeTone(en.resolve("digits/" + digit + ".wav"), 300 + 50 * digit, 300);
        }
        writeNumberWords(en);
    }

    /**
     * The rest of Asterisk's core-sound numbers, which {@code SAY NUMBER} plays (the hold loop's queue position
     * and wait): digits/10-19, the tens, hundred, thousand, million. A PBX has them from Asterisk's sound
     * packages; this build has no sounds at all.
     */
    private static void writeNumberWords(Path en) throws IOException {
        for (int number = 10; number <= 19; number++) {
            writeTone(en.resolve("digits/" + number + ".wav"), 800 + 20 * number, 300);
        }
        for (int tens = 20; tens <= 90; tens += 10) {
            writeTone(en.resolve("digits/" + tens + ".wav"), 900 + 5 * tens, 300);
        }
        for (String word : new String[] {"hundred", "thousand", "million"}) {
            writeTone(en.resolve("digits/" + word + ".wav"), 1500, 300);
        }
    }

    /** A quiet tone for the music-on-hold class, so Asterisk starts without a warning about it. */
    static void writeHoldMusic(Path mohDir) throws IOException {
        writeTone(mohDir.resolve("hold.wav"), 220, 2000);
    }

    static void writeTone(Path file, int hertz, int millis) throws IOException {
        int samples = 8 * millis;
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short value = (short) (6000 * Math.sin(2 * Math.PI * hertz * i / 8000.0));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        writeWav(file, pcm);
    }

    static void writeWav(Path file, byte[] slin8) throws IOException {
        Files.createDirectories(file.getParent());
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(slin8), SLIN8, slin8.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
