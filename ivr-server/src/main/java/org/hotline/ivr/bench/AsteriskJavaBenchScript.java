package org.hotline.ivr.bench;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/** The same benchmark script for asterisk-java's DefaultAgiServer: blocking calls on the call's own thread. */
final class AsteriskJavaBenchScript implements AgiScript {

    private final BenchProbe probe;
    private final int commands;

    AsteriskJavaBenchScript(BenchProbe probe, int commands) {
        this.probe = probe;
        this.commands = commands;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        probe.callStarted();
        boolean ok = false;
        try {
            if (CommandMix.IDLE_SCRIPT.equals(request.getScript())) {
                channel.sendCommand(CommandMix.command(0, 2));
                channel.sendCommand(CommandMix.hold());
                channel.sendCommand(CommandMix.command(1, 2));
            } else {
                for (int i = 0; i < commands; i++) {
                    long sent = System.nanoTime();
                    channel.sendCommand(CommandMix.command(i, commands));
                    probe.commandDone(System.nanoTime() - sent);
                }
            }
            ok = true;
        } finally {
            probe.callEnded(ok);
        }
    }
}
