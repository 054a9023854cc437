package org.hotline.ivr.sim;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.WavReader;

/** Plays Asterisk on one FastAGI connection: sends the environment, then answers each command line. */
final class SimCallHandler extends SimpleChannelInboundHandler<String> {

    private final CallScenario scenario;
    private final String uniqueId;
    private final String agiHost;
    private final int agiPort;
    private final boolean keepEvents;
    private final SimListener listener;
    private final AudioSocketCaller audio;
    private final FrameSent frameSent;
    private final java.util.function.Function<CallScenario, CompletableFuture<CallRecord>> seatSide;
    private final SimulatedChannel channel;
    private final List<String> commands = new ArrayList<>();
    private final List<SimEvent> events = new ArrayList<>();
    private final CompletableFuture<CallRecord> result = new CompletableFuture<>();
    private final Instant started = Instant.now();

    SimCallHandler(CallScenario scenario, String uniqueId, String agiHost, int agiPort, boolean keepEvents,
                   SimListener listener, AudioSocketCaller audio, FrameSent frameSent,
                   java.util.function.Function<CallScenario, CompletableFuture<CallRecord>> seatSide) {
        this.frameSent = frameSent;
        this.seatSide = seatSide;
        this.scenario = scenario;
        this.uniqueId = uniqueId;
        this.agiHost = agiHost;
        this.agiPort = agiPort;
        this.keepEvents = keepEvents;
        this.listener = listener;
        this.audio = audio;
        this.channel = new SimulatedChannel(scenario);
    }

    CompletableFuture<CallRecord> result() {
        return result;
    }

    void failed(Throwable cause) {
        result.completeExceptionally(cause);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        StringBuilder env = new StringBuilder();
        environment().forEach((name, value) -> env.append("agi_").append(name).append(": ").append(value).append('\n'));
        env.append('\n');
        note(SimEvent.Direction.NOTE, "calls " + scenario.script() + " from " + scenario.callerId());
        ctx.writeAndFlush(env.toString());
    }

    /**
     * The environment Asterisk 22 sends for {@code AGI(agi://host:port/script,arg1,...)} from a Local channel; a
     * scenario's script {@code "survey,WO-1"} is script {@code survey} with argument {@code WO-1}, followed by the
     * scenario's own {@code arguments}.
     */
    private Map<String, String> environment() {
        String[] scriptAndArgs = scenario.script().split(",", -1);
        String script = scriptAndArgs[0];
        Map<String, String> env = new LinkedHashMap<>();
        env.put("network", "yes");
        env.put("network_script", script);
        env.put("request", "agi://" + agiHost + ":" + agiPort + "/" + script);
        env.put("channel", "Local/caller@test-caller-" + uniqueId.substring(uniqueId.lastIndexOf('.') + 1) + ";1");
        env.put("language", scenario.language());
        env.put("type", "Local");
        env.put("uniqueid", uniqueId);
        env.put("version", "22.10.1");
        env.put("callerid", scenario.callerId());
        env.put("calleridname", "unknown");
        env.put("callingpres", "0");
        env.put("callingani2", "0");
        env.put("callington", "0");
        env.put("callingtns", "0");
        env.put("dnid", "unknown"); // a Local channel originated over AMI has no dialed number
        env.put("rdnis", "unknown");
        env.put("context", "ivr-in");
        env.put("extension", "12345");
        env.put("priority", "2");
        env.put("enhanced", "0.0");
        env.put("accountcode", "");
        env.put("threadid", String.valueOf(Thread.currentThread().getId()));
        List<String> arguments = new ArrayList<>(List.of(scriptAndArgs).subList(1, scriptAndArgs.length));
        arguments.addAll(scenario.arguments());
        for (int i = 0; i < arguments.size(); i++) {
            env.put("arg_" + (i + 1), arguments.get(i));
        }
        return env;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (keepEvents) {
            commands.add(line);
        }
        note(SimEvent.Direction.FROM_SERVER, line);
        SimAction action = channel.answer(line);
        if (action instanceof SimAction.Reply reply) {
            later(ctx, reply.after(), () -> send(ctx, reply.line()));
        } else if (action instanceof SimAction.HangUpDuring hangUp) {
            if (hangUp.byCaller()) {
                note(SimEvent.Direction.NOTE, "caller hangs up");
            }
            send(ctx, hangUp.reply());
            send(ctx, "HANGUP");
        } else if (action instanceof SimAction.StreamAudio stream) {
            streamAudio(ctx, stream);
        } else if (action instanceof SimAction.SeatAnswers answered) {
            seatAnswers(ctx, answered);
        }
    }

    /** The seat picks up: its channel runs the answer script (as its own AGI session), then the two talk. */
    private void seatAnswers(ChannelHandlerContext ctx, SimAction.SeatAnswers answered) {
        Runnable talk = () -> later(ctx, answered.talk(), () -> send(ctx, answered.reply()));
        if (answered.answerScript().isEmpty()) {
            talk.run();
            return;
        }
        note(SimEvent.Direction.NOTE, "seat answers: runs " + answered.answerScript() + " " + answered.answerArguments());
        CallScenario seat = CallScenario.of(scenario.name() + "-seat", answered.answerScript(), "")
                .arguments(answered.answerArguments());
        seatSide.apply(seat).whenComplete((done, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                note(SimEvent.Direction.NOTE, "answer script failed: " + error.getMessage());
            }
            talk.run();
        }));
    }

    private void streamAudio(ChannelHandlerContext ctx, SimAction.StreamAudio stream) {
        byte[] samples;
        try {
            samples = stream.wav() == null ? new byte[0] : WavReader.readSlin8(stream.wav());
        } catch (IOException e) {
            note(SimEvent.Direction.NOTE, "cannot read speech: " + e.getMessage());
            send(ctx, "200 result=-1");
            return;
        }
        note(SimEvent.Direction.NOTE, "speaks " + (stream.wav() == null ? "nothing" : stream.wav().getFileName())
                + " (" + samples.length / 16 + " ms) over AudioSocket to " + stream.host() + ":" + stream.port()
                + (stream.keysAfter().isEmpty() ? "" : ", then presses " + stream.keysAfter()));
        int[] frames = {0};
        audio.stream(stream.host(), stream.port(), stream.uuid(), samples, stream.keysAfter(), stream.hangUpAfter(),
                        scenario.audioRealTime(), () -> frameSent.sent(uniqueId, frames[0]++, System.nanoTime()))
                .whenComplete((serverClosed, error) -> ctx.executor().execute(() -> {
                    if (error != null) {
                        note(SimEvent.Direction.NOTE, "AudioSocket connect failed: " + error.getMessage());
                        send(ctx, "200 result=-1");
                    } else if (stream.hangUpAfter()) {
                        note(SimEvent.Direction.NOTE, "caller hangs up");
                        send(ctx, "200 result=-1");
                        send(ctx, "HANGUP");
                    } else {
                        send(ctx, serverClosed ? "200 result=0" : "200 result=-1");
                    }
                }));
    }

    private void later(ChannelHandlerContext ctx, Duration delay, Runnable task) {
        if (delay.isZero()) {
            task.run();
        } else {
            ctx.executor().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void send(ChannelHandlerContext ctx, String line) {
        if (!ctx.channel().isActive()) {
            return;
        }
        note(SimEvent.Direction.TO_SERVER, line);
        ctx.writeAndFlush(line + "\n");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String outcome = channel.hungUp() && !lastCommandWasHangup() ? "caller-hangup" : "completed";
        note(SimEvent.Direction.NOTE, "connection closed (" + outcome + ")");
        result.complete(new CallRecord(scenario.name(), uniqueId, List.copyOf(commands), channel.prompts(),
                channel.keysRead(), List.copyOf(events), outcome, Duration.between(started, Instant.now())));
    }

    private boolean lastCommandWasHangup() {
        return channel.lastCommandWasHangup();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // After a hangup the server may reset the socket while closing it: that is the call ending, not an error.
        if (!(channel.hungUp() && cause instanceof java.io.IOException)) {
            note(SimEvent.Direction.NOTE, "error: " + cause.getMessage());
        }
        ctx.close();
    }

    private void note(SimEvent.Direction direction, String text) {
        if (!keepEvents && listener == SimListener.NONE) {
            return;
        }
        SimEvent event = new SimEvent(Instant.now(), scenario.name(), direction, text);
        if (keepEvents) {
            events.add(event);
        }
        listener.event(event);
    }
}
