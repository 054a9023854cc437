package org.hotline.ivr.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiScript;
import org.hotline.ivr.ops.IvrConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * AGI script {@code record-conversation}: run on the seat's channel by the shipped {@code [ivr-queue-answered]}
 * the moment a seat picks up, with arguments call id, seat id and queue. It starts Asterisk's MixMonitor on that
 * channel (option {@code b}: from the moment the seat and the caller are bridged, so both sides, mixed), into
 * {@code <audio.conversations>/<yyyy-MM-dd>/<call>-<order>.wav}, and notes the file on the call's recordings.
 * Asterisk writes the file: with Asterisk on another host the directory must be shared storage mounted at the
 * same path on both (docs/speech.md).
 */
public final class ConversationRecorder implements AgiScript {

    public static final String NAME = "record-conversation";
    private static final Logger log = LoggerFactory.getLogger(ConversationRecorder.class);

    private final IvrConfig.Audio audio;
    private final CallRecordings recordings;
    private final Function<String, Optional<String>> orderOfCall;
    private final Executor io;
    private final Clock clock;

    /** @param orderOfCall the draft order a call made (reads Redis: run on {@code io}) */
    public ConversationRecorder(IvrConfig.Audio audio, CallRecordings recordings,
                                Function<String, Optional<String>> orderOfCall, Executor io, Clock clock) {
        this.audio = audio;
        this.recordings = recordings;
        this.orderOfCall = orderOfCall;
        this.io = io;
        this.clock = clock;
    }

    @Override
    public CompletionStage<?> run(AgiCall call) {
        List<String> args = call.request().arguments();
        if (args.size() < 2 || args.get(0).isBlank()) {
            log.warn("{} needs call id and seat id; got {}", NAME, args);
            return CompletableFuture.completedFuture(null);
        }
        String callId = args.get(0);
        String seat = args.get(1);
        return CompletableFuture.supplyAsync(() -> file(callId), io).thenCompose(file -> {
            String legs = audio.conversationLegs() ? ",br(" + leg(file, "seat") + ")t(" + leg(file, "caller") + ")" : ",b";
            return call.channel().send(new ExecCommand("MixMonitor", file + legs)).thenAccept(reply -> {
                try (MDC.MDCCloseable ignored = MDC.putCloseable("callId", callId)) {
                    log.info("Call {}: seat {} answered, conversation recorded by Asterisk to {}", callId, seat, file);
                }
                recordings.add(callId, new CallRecordings.Recording(CallRecordings.Recording.CONVERSATION,
                        file.toString(), -1, "seat " + seat, seat, clock.instant().toString()));
            });
        }).exceptionally(failure -> {
            log.warn("Call {}: the conversation with seat {} is not recorded: {}", callId, seat, failure.getMessage());
            return null;
        });
    }

    /** {@code <dir>/<day>/<call>-<order>.wav}, the day folder made (Asterisk makes it too, where it is the writer). */
    private Path file(String callId) {
        String order = orderOfCall.apply(callId).orElse("no-order");
        Path day = audio.conversations().toAbsolutePath().resolve(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
        try {
            Files.createDirectories(day);
        } catch (IOException e) {
            log.debug("Call {}: {} not created here ({}); Asterisk creates it on its host", callId, day, e.getMessage());
        }
        return day.resolve(safe(callId) + "-" + safe(order) + ".wav");
    }

    private static Path leg(Path file, String side) {
        return file.resolveSibling(file.getFileName().toString().replace(".wav", "-" + side + ".wav"));
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
