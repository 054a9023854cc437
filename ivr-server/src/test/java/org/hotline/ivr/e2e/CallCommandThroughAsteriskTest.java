package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.hotline.ivr.IvrCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code ./ivr call} against a real Asterisk: keys at the right prompts, speech when the IVR listens. */
@ExtendWith(AsteriskExtension.class)
class CallCommandThroughAsteriskTest {

    private static ServerSocket audioSocket;
    private static final CompletableFuture<Integer> loudFrames = new CompletableFuture<>();

    @BeforeAll
    static void listenForSpeech(AsteriskRig rig) throws IOException {
        audioSocket = new ServerSocket(0);
        int port = audioSocket.getLocalPort();
        Thread receiver = new Thread(() -> loudFrames.complete(receiveTwoSeconds()), "audiosocket-receiver");
        receiver.setDaemon(true);
        receiver.start();
        // A script that listens like the describe step does: EXEC AudioSocket, returns when we close it.
        rig.server().scripts().register("listen", call -> call.channel().send(new AnswerCommand())
                .thenCompose(r -> call.channel().send(new ExecCommand("AudioSocket",
                        UUID.randomUUID() + ",127.0.0.1:" + port)))
                .thenCompose(r -> call.channel().send(new HangupCommand())));
    }

    @AfterAll
    static void close() throws IOException {
        audioSocket.close();
    }

    @Test
    void callCommandPressesKeysAtThePromptsAndPrintsEachStep(AsteriskRig rig) {
        String out = ivr(rig, "--context", "ivr-check", "--exten", "demo", "--lang", "zh", "--digits", ",42#");

        assertThat(out).contains("calling demo@ivr-check from 138****8000")
                .containsPattern("ivr +Newchannel +Local/caller@test-caller-[0-9a-f]{8};1")
                .containsPattern("ivr +AGI> +GET DATA \"demo/enter-digits\" 5000 4")
                .containsPattern("test +press +4")
                .containsPattern("ivr +DTMF +4 received")
                .containsPattern("ivr +AGI> +SAY DIGITS \"42\"")
                .containsPattern("ivr +Hangup +cause \\d+")
                .containsPattern("ended after [0-9.]+ s: hung up, cause \\d+.*; 6 AGI commands, keys pressed '42#'");
    }

    @Test
    void callCommandSpeaksTheFileWhenTheIvrListens(AsteriskRig rig) throws Exception {
        Path speech = rig.workDir().resolve("tone.wav");
        TestSounds.writeTone(speech, 700, 2000);

        String out = ivr(rig, "--context", "test-ivr", "--exten", "listen", "--say", speech.toString());

        assertThat(out).containsPattern("ivr +AGI> +EXEC \"AudioSocket\"").containsPattern("test +speak +tone.wav");
        assertThat(loudFrames.get(10, TimeUnit.SECONDS)).as("20 ms frames carrying the tone").isGreaterThan(25);
    }

    private static String ivr(AsteriskRig rig, String... callArgs) {
        String[] prefix = {"call", "--ami", "127.0.0.1:" + rig.asterisk().amiPort(), "--user", "test",
                "--secret", rig.asterisk().secret(), "--timeout", "30"};
        String[] args = new String[prefix.length + callArgs.length];
        System.arraycopy(prefix, 0, args, 0, prefix.length);
        System.arraycopy(callArgs, 0, args, prefix.length, callArgs.length);
        CommandLine cli = new CommandLine(new IvrCommand());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(args);
        assertThat(exit).as("exit status; output:\n%s", out).isZero();
        return out.toString();
    }

    /** Reads AudioSocket frames for two seconds of audio, then hangs up the stream; counts loud frames. */
    private static int receiveTwoSeconds() {
        int loud = 0;
        try (Socket socket = audioSocket.accept(); DataInputStream in = new DataInputStream(socket.getInputStream())) {
            for (int audioFrames = 0; audioFrames < 100; ) {
                int kind = in.readUnsignedByte();
                byte[] payload = new byte[in.readUnsignedShort()];
                in.readFully(payload);
                if (kind == 0x00) {
                    break;
                }
                if (kind == 0x10) {
                    audioFrames++;
                    loud += peak(payload) > 2000 ? 1 : 0;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return loud;
    }

    private static int peak(byte[] slin) {
        int peak = 0;
        for (int i = 0; i + 1 < slin.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((slin[i] & 0xff) | (slin[i + 1] << 8))));
        }
        return peak;
    }
}
