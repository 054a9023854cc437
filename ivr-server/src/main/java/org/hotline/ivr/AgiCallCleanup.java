package org.hotline.ivr;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.ivr.agi.LiveAgiCalls;
import org.hotline.ivr.ami.CallHangup;
import org.hotline.ivr.ami.CallHangups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends FastAGI calls that Asterisk has hung up but whose AGI socket stayed open. A {@code Hangup} of the call's
 * channel (its unique id is the call's {@code agi_uniqueid}, or the same channel name) or of the other half of its
 * Local channel gives the call {@code grace} to say goodbye over AGI as usual, then its socket is closed, which runs
 * the call's own hang-up path. The linked id alone is not enough: a seat leg dialled from the call shares it, and
 * its hangup must not end the caller. (Asterisk announces the AGI channel's own Hangup only once its AGI has ended;
 * while a script holds the socket, what AMI shows is the other half of a Local channel going, or nothing.) After a (re)connect, calls of this node that Asterisk no longer lists are ended the same way, when there
 * is a single Asterisk (with several, a call absent from one server's list may live on another).
 */
public final class AgiCallCleanup implements CallHangups, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgiCallCleanup.class);

    private final LiveAgiCalls calls;
    private final ScheduledExecutorService timers;
    private final Duration grace;
    private final boolean singleServer;
    private final Clock clock;
    private final AtomicLong ended = new AtomicLong();

    public AgiCallCleanup(LiveAgiCalls calls, Duration grace, boolean singleServer, Clock clock) {
        this.calls = calls;
        this.timers = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("agi-cleanup", true));
        this.grace = grace;
        this.singleServer = singleServer;
        this.clock = clock;
    }

    @Override
    public void hungUp(CallHangup hangup) {
        if (calls.isEmpty()) {
            return;
        }
        String why = "AMI Hangup on " + hangup.server() + " of " + hangup.channel() + " (cause " + hangup.cause()
                + (hangup.causeText() == null ? "" : " " + hangup.causeText()) + ")";
        timers.schedule(() -> {
            if (calls.end(hangup.uniqueId(), hangup.channel(), why)) {
                ended.incrementAndGet();
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stillActive(String server, Set<String> uniqueIds) {
        if (!singleServer) {
            return;
        }
        // Calls that started after Asterisk listed its channels may be missing from the list without being gone.
        Instant listedBefore = clock.instant().minus(grace);
        timers.schedule(() -> {
            List<String> ended = calls.endAllExcept(uniqueIds, listedBefore, "not among " + server
                    + "'s live channels after the AMI link came up");
            this.ended.addAndGet(ended.size());
            if (!ended.isEmpty()) {
                log.info("{} call(s) ended after AMI reconnect to {}: {}", ended.size(), server, ended);
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Calls this clean-up has ended so far (their AGI socket outlived them). */
    public long ended() {
        return ended.get();
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
