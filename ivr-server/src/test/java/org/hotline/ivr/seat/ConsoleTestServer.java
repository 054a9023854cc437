package org.hotline.ivr.seat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.speech.SampleTextRecognizer;

/**
 * A real server node ({@link IvrServer}: embedded Redis, FastAGI, AudioSocket, the 12345 flow, the call
 * distributor, the order store and the console) on free ports with the shipped configuration (seats 1001-1004,
 * password "demo" + id; supervisor 9001, "demo9001"), its data in a temporary directory. The one part that is
 * not real is speech recognition: no Vosk model can be installed here, so {@link SampleTextRecognizer} stands
 * in for the model and "hears" the shared speech sample a test's caller says.
 */
final class ConsoleTestServer implements AutoCloseable {

    /** The sample the callers of these tests describe their problem with (garbage not collected, in Chaoyang). */
    static final String SAMPLE = "zh-01.wav";

    private final IvrServer server;
    private final SampleTextRecognizer speech;

    private ConsoleTestServer(IvrServer server, SampleTextRecognizer speech) {
        this.server = server;
        this.speech = speech;
    }

    static ConsoleTestServer start(Path dir, Duration wrapUp, Map<String, String> moreEnv) throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("no-models"));
        // Tests run in ivr-server/; the shipped flows, seats, queues and order rules are one level up.
        Map<String, String> env = new HashMap<>(Map.of("IVR_HOME", "..",
                "IVR_AGI_PORT", "0", "IVR_AUDIO_PORT", "0", "IVR_HTTP_PORT", "0", "IVR_HTTP_BIND", "127.0.0.1",
                "IVR_REDIS_DATA_DIR", dir.resolve("redis").toString(),
                "IVR_AUDIO_RECORDINGS", dir.resolve("recordings").toString(),
                "IVR_SPEECH_MODELS", dir.resolve("no-models").toString(),
                "IVR_CONSOLE_WRAP_UP", wrapUp.toMillis() + "ms"));
        env.putAll(moreEnv);
        IvrConfig config = new ConfigLoader(env).load(null);
        SampleTextRecognizer[] speech = new SampleTextRecognizer[1];
        IvrServer server = IvrServer.start(config, real -> speech[0] = new SampleTextRecognizer(real));
        return new ConsoleTestServer(server, speech[0]);
    }

    /**
     * A seats file beside the shipped one with {@code count} seats 2001.. (password "demo" + id, a cheap hash), each
     * speaking Mandarin and English with the general and foreign skills: for a class that shares one node among
     * many tests, each with a seat of its own.
     */
    static Path manySeats(Path dir, int count) throws IOException {
        StringBuilder yaml = new StringBuilder("seats:\n");
        for (int i = 1; i <= count; i++) {
            String id = Integer.toString(2000 + i);
            yaml.append("  - id: \"").append(id).append("\"\n    name: Seat ").append(id)
                    .append("\n    device: Local/").append(id).append("@test-seat")
                    .append("\n    skills: {general: 5, foreign: 5, enterprise: 5}\n    languages: [zh, en]\n    passwordHash: ")
                    .append(org.hotline.ivr.ops.PasswordHash.create(("demo" + id).toCharArray(), 1000)).append('\n');
        }
        Path file = dir.resolve("seats.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The sample's path; the stand-in recognizer will hear its text in the next Mandarin description. */
    Path sample() {
        Path wav = SpeechSamples.folder().resolve(SAMPLE);
        speech.expect(wav);
        return wav;
    }

    /**
     * A caller through the 12345 flow: Mandarin (key 1), report a problem (1), asking for help (2), describes it
     * by saying {@code wav} over AudioSocket (or stays silent if null), is queued, and once a seat's device answers
     * the Dial talks for {@code talk}.
     */
    static CallScenario describing(String name, String caller, Path wav, Duration talk) {
        CallScenario call = CallScenario.of(name, "12345", caller).promptDuration(Duration.ofMillis(50))
                .press("1").press("1").press("2");
        return (wav == null ? call : call.say(wav)).talk(talk);
    }

    /** The stand-in recognizer, to make it hear other text, or nothing (as a node without a model). */
    SampleTextRecognizer speech() {
        return speech;
    }

    IvrServer server() {
        return server;
    }

    String base() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
