package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.hotline.ivr.agi.AgiHangupException;

/**
 * A test stand-in (flow-engine tests without the speech part; production runs SpeechDescriptionCapture).
 * The describe node without a recognizer: Asterisk is asked to stream the caller's audio over AudioSocket
 * ({@code EXEC AudioSocket <uuid>,<host>:<port>}) to this node, which is where the speech part listens. With no
 * recognizer wired the transcript is empty; the caller's attempt is still on the journey.
 */
public final class AudioSocketCapture implements FlowServices.DescriptionCapture {

    private final String host;
    private final int port;

    public AudioSocketCapture(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public CompletionStage<FlowServices.Description> capture(CallContext call, FlowNode.Describe node) {
        String uuid = UUID.randomUUID().toString();
        return KeyInput.send(call, new ExecCommand("AudioSocket", SpeechDescriptionCapture.audioSocketOptions(uuid, host, port)))
                .handle((reply, error) -> {
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    if (cause != null && !(cause instanceof AgiHangupException)) {
                        throw new CompletionException(cause);
                    }
                    return new FlowServices.Description("", "no recognizer on this node", "", cause != null);
                });
    }
}
