package org.hotline.ivr.testcall;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "test-call-actions");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, TestCall> calls = new ConcurrentHashMap<>();

    private AmiTestLine(ManagerConnection ami) {
        this.ami = ami;
        ami.addEventListener(this::dispatch);
    }

    /** Logs in; the user needs read {@code call,dtmf,agi} and write {@code originate,call}. */
    public static AmiTestLine connect(String host, int port, String user, String secret) throws IOException {
        ManagerConnection connection = new ManagerConnectionFactory(host, port, user, secret).createManagerConnection();
        try {
            connection.login();
        } catch (AuthenticationFailedException e) {
            throw new IOException("AMI " + host + ":" + port + " refused user '" + user + "': " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IOException("AMI " + host + ":" + port + " did not answer the login: " + e.getMessage(), e);
        }
        return new AmiTestLine(connection);
    }

    public ManagerConnection connection() {
        return ami;
    }

    /** Originates the call now; its events go to {@code listener} as they happen. */
    public TestCall place(TestCallPlan plan, Consumer<TestCallEvent> listener) {
        TestCall call = new TestCall(plan, "ivrtest-" + UUID.randomUUID(), ami, scheduler, listener);
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
        try {
            ami.logoff();
        } catch (IllegalStateException e) {
            // already disconnected: nothing to log off from
        }
    }
}
