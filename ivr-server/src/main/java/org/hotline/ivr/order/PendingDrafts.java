package org.hotline.ivr.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls whose description has started and whose draft is not made yet, on this node's disk: before the caller's
 * audio starts, the call's facts (caller, language, menu path, the recording it goes to) are written to
 * {@code <dir>/<node>.pending/<callId>.json} (a {@link SpooledDraft} line, forced to disk); once the draft is in
 * Redis or in the {@link DraftSpool}, the file goes. What a crash leaves there is a recording without an order:
 * {@link #recover} makes its draft at the next start-up (the category from the menu path, the transcript later).
 */
public final class PendingDrafts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PendingDrafts.class);

    /** What a start-up recovery found: drafts made from recordings the last process left, and files unreadable. */
    public record Recovery(int drafted, int unreadable) {
    }

    private final Path dir;
    private final ExecutorService io = Executors.newFixedThreadPool(2, new DefaultThreadFactory("pending-drafts", true));

    public PendingDrafts(Path spoolDir, String node) {
        this.dir = spoolDir.resolve(node.replaceAll("[^A-Za-z0-9._-]", "_") + ".pending");
    }

    /** {@link #started} off the caller's thread (an event loop must not wait for the disk); never fails. */
    public CompletionStage<Void> startedAsync(CallFacts facts) {
        return CompletableFuture.runAsync(() -> started(facts), io).exceptionally(e -> null);
    }

    /** The description of {@code facts.callId()} starts now, recording to {@code facts.recordingPath()}. */
    public void started(CallFacts facts) {
        Path file = fileOf(facts.callId());
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try {
            Files.createDirectories(dir);
            try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer line = ByteBuffer.wrap((SpooledDraft.toJson(facts) + "\n").getBytes(StandardCharsets.UTF_8));
                while (line.hasRemaining()) {
                    out.write(line);
                }
                out.force(false);
            }
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // The description goes on: its draft is still made when it ends; only a crash before that would lose it.
            log.error("call {}: facts not written to {} before the description: {}", facts.callId(), file, e.toString());
        }
    }

    /** The call's draft is in Redis or in the spool: nothing to recover for it. */
    public void drafted(String callId) {
        try {
            Files.deleteIfExists(fileOf(callId));
        } catch (IOException e) {
            log.warn("call {}: {} not deleted (a restart drafts it again, harmlessly): {}", callId, fileOf(callId),
                    e.toString());
        }
    }

    /**
     * At start-up, before calls are taken: each call the last process left here gets its draft through
     * {@code draft} (which must keep it, in Redis or in the spool), after {@code recording} has found and repaired
     * its recording; then its file goes.
     */
    public Recovery recover(UnaryOperator<CallFacts> recording, Consumer<CallFacts> draft) {
        if (!Files.isDirectory(dir)) {
            return new Recovery(0, 0);
        }
        int drafted = 0;
        int unreadable = 0;
        for (Path file : files()) {
            CallFacts facts;
            try {
                facts = SpooledDraft.fromJson(Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (IOException | IllegalArgumentException e) {
                log.error("{} left by the last process is unreadable, kept for an operator: {}", file, e.toString());
                unreadable++;
                continue;
            }
            CallFacts found = recording.apply(facts);
            draft.accept(found);
            drafted(facts.callId());
            drafted++;
            log.warn("call {} was describing when the last process ended: draft made from its menu path{}",
                    facts.callId(), found.recordingPath().isEmpty() ? ", no recording" : " and recording " + found.recordingPath());
        }
        return new Recovery(drafted, unreadable);
    }

    private List<Path> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        io.shutdown();
    }

    private Path fileOf(String callId) {
        return dir.resolve(callId.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }
}
