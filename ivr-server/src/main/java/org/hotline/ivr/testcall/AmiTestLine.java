package org.hotline.ivr.testcall;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.event.AgiExecEvent;
import org.asteriskjava.manager.event.DtmfEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;

/**
 * An AMI login used to place test calls: each call's events (matched by the uniqueids the calls are
 * originated with) go to that call. One line carries any number of concurrent calls.
 */
public final class AmiTestLine implements AutoCloseable {

    private final ManagerConnection ami;
    /** Logins without events that carry the calls' actions: Asterisk runs one login's actions one at a time. */
    private final List<ManagerConnection> actionLines;
    private final AtomicInteger nextActionLine = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, new DefaultThreadFactory("test-call-actions", true));
    private final Map<String, TestCall> calls = new ConcurrentHashMap<>();

    private AmiTestLine(ManagerConnection ami, List<ManagerConnection> actionLines) {
        this.ami = ami;
        this.actionLines = List.copyOf(actionLines);
        ami.addEventListener(this::dispatch);
    }

    /** Logs in; the user needs read {@code call,dtmf,agi} and write {@code originate,call}. */
    public static AmiTestLine connect(String host, int port, String user, String secret) throws IOException {
        return connect(host, port, user, secret, 0);
    }

    /** As {@link #connect(String, int, String, String)}, with extra event-less logins for many concurrent calls. */
    public static AmiTestLine connect(String host, int port, String user, String secret, int extraActionLines)
            throws IOException {
        ManagerConnection events = login(host, port, user, secret, "on");
        List<ManagerConnection> lines = new ArrayList<>(List.of(events));
        for (int i = 0; i < extraActionLines; i++) {
            lines.add(login(host, port, user, secret, "off"));
        }
        return new AmiTestLine(events, lines);
    }

    private static ManagerConnection login(String host, int port, String user, String secret, String events)
            throws IOException {
        ManagerConnection connection = new ManagerConnectionFactory(host, port, user, secret).createManagerConnection();
        try {
            connection.login(events);
            return connection;
        } catch (AuthenticationFailedException e) {
            throw new IOException("AMI " + host + ":" + port + " refused user '" + user + "': " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IOException("AMI " + host + ":" + port + " did not answer the login: " + e.getMessage(), e);
        }
    }

    public ManagerConnection connection() {
        return ami;
    }

    /** Originates the call now; its events go to {@code listener} as they happen. */
    public TestCall place(TestCallPlan plan, Consumer<TestCallEvent> listener) {
        ManagerConnection actions = actionLines.get(Math.floorMod(nextActionLine.getAndIncrement(), actionLines.size()));
        TestCall call = new TestCall(plan, "ivrtest-" + UUID.randomUUID(), ami, actions, scheduler, listener);
        calls.put(call.ivrLegId(), call);
        calls.put(call.citizenLegId(), call);
        call.result().whenComplete((r, e) -> {
            calls.remove(call.ivrLegId());
            calls.remove(call.citizenLegId());
        });
        call.originate();
        return call;
    }

    private void dispatch(ManagerEvent event) {
        String uniqueId = uniqueIdOf(event);
        TestCall call = uniqueId == null ? null : calls.get(uniqueId);
        if (call != null) {
            call.on(event);
        }
    }

    private static String uniqueIdOf(ManagerEvent event) {
        if (event instanceof NewChannelEvent e) {
            return e.getUniqueId();
        } else if (event instanceof AgiExecEvent e) {
            return e.getUniqueId();
        } else if (event instanceof DtmfEvent e) {
            return e.getUniqueId();
        } else if (event instanceof HangupEvent e) {
            return e.getUniqueId();
        } else if (event instanceof org.asteriskjava.manager.event.OriginateResponseEvent e) {
            return e.getUniqueId();
        }
        return null;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (ManagerConnection line : actionLines) {
            try {
                line.logoff();
            } catch (IllegalStateException e) {
                // already disconnected: nothing to log off from
            }
        }
    }
}
