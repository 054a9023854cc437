package org.hotline.ivr.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.hotline.ivr.sim.SimEvent;

/**
 * A fixed number of concurrent calls kept going: each slot places a call and, while the load runs
 * ({@code repeat}), places the next one as soon as the last has ended, so the server always has
 * about {@code slots} calls in progress. A failed call ends its slot; stopping ends every slot after its
 * current call.
 */
final class CallSlots {

    private final SimClient client;
    private final CallScenario scenario;
    private final boolean repeat;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final LongAdder placed = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder notOpened = new LongAdder();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final CountDownLatch slotsDone;
    private final int slots;

    CallSlots(SimClient client, CallScenario scenario, int slots, boolean repeat) {
        this.client = client;
        this.scenario = scenario;
        this.slots = slots;
        this.repeat = repeat;
        this.slotsDone = new CountDownLatch(slots);
    }

    /**
     * Opens the slots at most {@code perSecond} a second and with at most {@code settingUp} calls between
     * connect and the server's first command. A flood of connects overflows the server's accept queue;
     * the kernel then drops handshakes, and what would be measured is TCP retransmission, not the server.
     * Gives up opening more after {@code timeout}; returns how many slots were opened.
     */
    int open(int perSecond, int settingUp, Duration timeout) throws InterruptedException {
        Semaphore window = new Semaphore(settingUp);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        for (int i = 0; i < slots; i++) {
            long wait = started + (long) (i * 1e9 / perSecond) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                closeUnopened(slots - i);
                return i;
            }
            placeFirst(window);
        }
        return slots;
    }

    /** The first call of a slot frees its place in the set-up window once the server has sent a command. */
    private void placeFirst(Semaphore window) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                window.release();
            }
        };
        placed.increment();
        client.call(scenario, event -> {
            if (event.direction() == SimEvent.Direction.FROM_SERVER) {
                release.run();
            }
        }).whenComplete((record, error) -> {
            release.run();
            ended(record, error);
        });
    }

    private void closeUnopened(int count) {
        notOpened.add(count);
        firstFailure.compareAndSet(null, count + " of " + slots + " calls could not be opened in time");
        for (int i = 0; i < count; i++) {
            slotsDone.countDown();
        }
    }

    /** No new calls from now on; calls in progress run to their end. */
    void stop() {
        stopping.set(true);
    }

    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return slotsDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long unfinishedSlots() {
        return slotsDone.getCount();
    }

    long placed() {
        return placed.sum();
    }

    long completed() {
        return completed.sum();
    }

    long failed() {
        return failed.sum();
    }

    long notOpened() {
        return notOpened.sum();
    }

    String firstFailure() {
        return firstFailure.get();
    }

    private void place() {
        placed.increment();
        client.call(scenario).whenComplete(this::ended);
    }

    private void ended(CallRecord record, Throwable error) {
        if (error != null || !"completed".equals(record.outcome())) {
            failed.increment();
            firstFailure.compareAndSet(null, error != null ? error.toString() : "call ended: " + record.outcome());
            slotsDone.countDown();
            return;
        }
        completed.increment();
        if (repeat && !stopping.get()) {
            place();
        } else {
            slotsDone.countDown();
        }
    }
}
