package org.hotline.ivr.order;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hotline.ivr.redis.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts that could not reach Redis, kept on this node's disk until they can: one append-only file per node
 * ({@code <dir>/<node>.drafts.jsonl}, one {@link SpooledDraft} line per draft, forced to disk before
 * {@link #keep} returns), replayed into Redis through {@link DraftOrderWriter#draft}, which is idempotent per call
 * id, so a draft replayed twice, or one that did reach Redis after all, is still one order.
 * <p>
 * A replay first moves the file aside ({@code <node>.drafts.<millis>.replaying}) so new drafts keep arriving in a
 * fresh file, then writes each line; the batch is deleted once every line is in Redis. Redis going away again
 * stops the replay and keeps the batch for the next one (start-up, or the periodic replay). A line that can never
 * become a draft (torn by a crash mid-write, or refused by the order rules) goes to {@code <node>.drafts.rejected}
 * with a log line, never silently away.
 */
public final class DraftSpool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DraftSpool.class);
    private static final String BATCH = ".replaying";

    /** What one replay did: drafts now in Redis, lines set aside as unusable, drafts still waiting for Redis. */
    public record Replay(int written, int rejected, long pending) {
    }

    private final Path dir;
    private final String node;
    private final Path active;
    private final Path rejected;
    private final Function<CallFacts, String> target;
    private final AtomicLong pending = new AtomicLong();
    private final Object appendLock = new Object();
    private final Object replayLock = new Object();
    private final ScheduledExecutorService timer;
    private FileChannel channel;

    private DraftSpool(Path dir, String node, Function<CallFacts, String> target) throws IOException {
        this.dir = dir;
        this.node = node.replaceAll("[^A-Za-z0-9._-]", "_");
        this.active = dir.resolve(this.node + ".drafts.jsonl");
        this.rejected = dir.resolve(this.node + ".drafts.rejected");
        this.target = target;
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("draft-spool", true));
        if (Files.isDirectory(dir)) {
            for (Path file : files()) {
                pending.addAndGet(lines(file).size());
            }
        }
    }

    /**
     * The spool of {@code node} under {@code dir}, replaying into {@code writer}. A draft is done with once a
     * replica has confirmed it (with Sentinel/Cluster's {@code WAIT}): one the master took but no replica
     * confirmed stays here, as if Redis were away, since a failover now could still lose it.
     */
    public static DraftSpool open(Path dir, String node, DraftOrderWriter writer) {
        return open(dir, node, facts -> {
            DraftOrderWriter.Drafted drafted = writer.write(facts);
            if (!drafted.replicated()) {
                throw new RedisUnavailableException("a replica's confirmation of order " + drafted.order().orderId(),
                        new IllegalStateException("no replica confirmed it in time"));
            }
            return drafted.order().orderId();
        });
    }

    /** The same with any idempotent writer of drafts (returns the order id); for tests of the spool itself. */
    static DraftSpool open(Path dir, String node, Function<CallFacts, String> target) {
        try {
            return new DraftSpool(dir, node, target);
        } catch (IOException e) {
            throw new UncheckedIOException("draft spool " + dir + " cannot be opened", e);
        }
    }

    /** Keeps {@code facts} on disk (forced, not just written) before returning; throws if the disk refuses. */
    public void keep(CallFacts facts) {
        byte[] line = (SpooledDraft.toJson(facts) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (appendLock) {
            try {
                if (channel == null) {
                    Files.createDirectories(dir);
                    channel = openActive(); // on first use: a node whose Redis never failed leaves no file
                }
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("draft of call " + facts.callId() + " not spooled to " + active, e);
            }
        }
        long now = pending.incrementAndGet();
        log.warn("draft of call {} kept in the local spool {} ({} waiting for Redis)", facts.callId(), active, now);
    }

    /**
     * Writes the draft to Redis now (blocking, with the gateway's retries), or keeps it here if Redis does not take
     * it; either way it is kept once this returns. For drafts made outside a call (start-up recovery).
     */
    public void writeOrKeep(CallFacts facts) {
        try {
            String orderId = target.apply(facts);
            log.info("draft of call {} is order {}", facts.callId(), orderId);
        } catch (RuntimeException e) {
            if (!RedisUnavailableException.isCauseOf(e)) {
                throw e;
            }
            keep(facts);
        }
    }

    /** Drafts on disk not yet known to be in Redis. */
    public long pending() {
        return pending.get();
    }

    /** Replays now, on this thread; one replay at a time. */
    public Replay replay() {
        synchronized (replayLock) {
            if (pending.get() == 0) {
                return new Replay(0, 0, 0);
            }
            try {
                moveActiveAside();
            } catch (IOException e) {
                log.error("draft spool {} could not be moved aside for replay: {}", active, e.getMessage());
                return new Replay(0, 0, pending.get());
            }
            int written = 0;
            int refused = 0;
            for (Path batch : batches()) {
                Replay one = replayBatch(batch);
                written += one.written();
                refused += one.rejected();
                if (Files.exists(batch)) {
                    break; // Redis is away again: later batches wait too, in order
                }
            }
            if (written + refused > 0) {
                log.info("draft spool replayed: {} drafts in Redis, {} rejected, {} still waiting", written, refused,
                        pending.get());
            }
            return new Replay(written, refused, pending.get());
        }
    }

    /** Replays now (start-up) and then every {@code period} while anything waits. */
    public DraftSpool replayEvery(Duration period) {
        timer.execute(this::replayQuietly);
        timer.scheduleWithFixedDelay(this::replayQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private Replay replayBatch(Path batch) {
        List<String> lines;
        try {
            lines = lines(batch);
        } catch (IOException e) {
            log.error("draft spool batch {} unreadable: {}", batch, e.getMessage());
            return new Replay(0, 0, 1);
        }
        int written = 0;
        int refused = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            CallFacts facts;
            try {
                facts = SpooledDraft.fromJson(line);
            } catch (IllegalArgumentException e) {
                reject(line, "not a spooled draft (" + e.getMessage() + ")");
                refused++;
                pending.decrementAndGet();
                continue;
            }
            try {
                String orderId = target.apply(facts);
                written++;
                pending.decrementAndGet();
                log.info("spooled draft of call {} is order {} in Redis", facts.callId(), orderId);
            } catch (RuntimeException e) {
                if (!RedisUnavailableException.isCauseOf(e)) {
                    reject(line, e.toString());
                    refused++;
                    pending.decrementAndGet();
                    continue;
                }
                log.warn("draft spool replay stopped, Redis still away: {}", e.getMessage());
                keepOnly(batch, lines.subList(i, lines.size()));
                return new Replay(written, refused, pending.get());
            }
        }
        try {
            Files.delete(batch);
        } catch (IOException e) {
            log.error("replayed draft spool batch {} not deleted (it is replayed again, harmlessly): {}", batch,
                    e.getMessage());
        }
        return new Replay(written, refused, 0);
    }

    /** Rewrites {@code batch} with the lines still to replay (written beside it, forced, then moved over it). */
    private void keepOnly(Path batch, List<String> rest) {
        Path next = batch.resolveSibling(batch.getFileName() + ".next");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap((String.join("\n", rest) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        } catch (IOException e) {
            // The whole batch stays: its written lines are replayed again, harmlessly.
            log.warn("draft spool batch {} kept whole: {}", batch, e.getMessage());
            return;
        }
        try {
            Files.move(next, batch, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("draft spool batch {} kept whole: {}", batch, e.getMessage());
        }
    }

    private void reject(String line, String why) {
        log.error("draft spool line set aside in {}: {}: {}", rejected, why, line);
        try {
            Files.writeString(rejected, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            log.error("and {} cannot be written: {}", rejected, e.getMessage());
        }
    }

    private void moveActiveAside() throws IOException {
        synchronized (appendLock) {
            if (!Files.exists(active) || Files.size(active) == 0) {
                return;
            }
            if (channel != null) {
                channel.close();
                channel = null;
            }
            Path batch = dir.resolve(node + ".drafts." + System.currentTimeMillis() + BATCH);
            Files.move(active, batch, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Opens the active file for appending; a line torn by a crash is ended so the next one starts clean. */
    private FileChannel openActive() throws IOException {
        FileChannel opened = FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        long size = opened.size();
        if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            opened.read(last, size - 1);
            if (last.get(0) != '\n') {
                opened.write(ByteBuffer.wrap(new byte[] {'\n'}));
                opened.force(false);
            }
        }
        return opened;
    }

    /** Batches in the order they were moved aside. */
    private List<Path> batches() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(node + ".drafts.")
                            && f.getFileName().toString().endsWith(BATCH))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> files() {
        List<Path> all = new ArrayList<>(batches());
        all.add(active);
        return all;
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }

    private void replayQuietly() {
        try {
            replay();
        } catch (RuntimeException e) {
            log.warn("draft spool replay failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (appendLock) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                log.warn("draft spool {} not closed cleanly: {}", active, e.getMessage());
            }
        }
    }
}
