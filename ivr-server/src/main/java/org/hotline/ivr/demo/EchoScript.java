package org.hotline.ivr.demo;

import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.VerboseCommand;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiScript;

/** A line check for engineers: answer, then Asterisk's own {@code Echo} until the caller hangs up. */
public final class EchoScript implements AgiScript {

    @Override
    public CompletionStage<?> run(AgiCall call) {
        return call.channel().send(new AnswerCommand())
                .thenCompose(r -> call.channel().send(new VerboseCommand("12345 IVR echo test", 1)))
                .thenCompose(r -> call.channel().send(new ExecCommand("Echo")));
    }
}
