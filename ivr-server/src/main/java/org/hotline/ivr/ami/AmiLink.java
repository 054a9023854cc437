package org.hotline.ivr.ami;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.SendActionCallback;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised manager connection to one Asterisk.
 *
 * <p>asterisk-java's connection reconnects on its own, but only after it was once logged in (not when
 * Asterisk is down at start-up), at a fixed pace (ten tries 50 ms apart, then every 5 s) while holding the
 * connection's lock, and it offers no hook to re-read state. So each login here uses a fresh asterisk-java
 * connection; when it drops, we log it off at once (which ends its own reconnect thread before that thread's
 * first try) and this class reconnects with exponential backoff, then lets every subscriber re-read state.
 * A link that stops answering pings is treated as dropped, which also covers a hung Asterisk.
 */
public final class AmiLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

    private final AmiEndpoint endpoint;
    private final AmiLinkPolicy policy;
    private final List<AmiSubscriber> subscribers;
    private final ScheduledExecutorService supervisor;
    private final ExecutorService events;
    private final LinkStatusHolder status;
    private volatile ManagerConnection current;
    private int generation;
    private int failedAttempts;
    private String lastFailure;
    private ScheduledFuture<?> pinger;

    public AmiLink(AmiEndpoint endpoint, AmiLinkPolicy policy, List<AmiSubscriber> subscribers) {
        this.endpoint = endpoint;
        this.policy = policy;
        this.subscribers = List.copyOf(subscribers);
        this.supervisor = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("ami-link-" + endpoint.name(), true));
        this.events = Executors.newSingleThreadExecutor(new DefaultThreadFactory("ami-events-" + endpoint.name(), true));
        this.status = new LinkStatusHolder(endpoint);
    }

    /** Starts connecting in the background; a PBX that is down now is retried with backoff. */
    public AmiLink start() {
        supervisor.execute(this::connect);
        return this;
    }

    public String name() {
        return endpoint.name();
    }

    public AmiLinkStatus status() {
        return status.get();
    }

    public boolean up() {
        return status.get().state() == AmiLinkState.UP;
    }

    /** Sends an action and waits for its response (at most the policy's response timeout). */
    public ManagerResponse request(ManagerAction action) {
        ManagerConnection connection = connected();
        try {
            ManagerResponse response = connection.sendAction(action, policy.responseTimeout().toMillis());
            if (response == null) {
                throw new AmiUnavailableException(endpoint.name() + ": no response to " + action.getAction());
            }
            return response;
        } catch (IOException | TimeoutException | IllegalStateException e) {
            throw new AmiUnavailableException(endpoint.name() + ": " + action.getAction() + " failed: " + e.getMessage(), e);
        }
    }

    /** Sends a listing action (Status, ...) and waits for all its events. */
    public ResponseEvents requestList(EventGeneratingAction action) {
        ManagerConnection connection = connected();
        try {
            return connection.sendEventGeneratingAction(action, policy.responseTimeout().toMillis());
        } catch (IOException | EventTimeoutException | IllegalStateException e) {
            throw new AmiUnavailableException(endpoint.name() + ": " + action.getAction() + " failed: " + e.getMessage(), e);
        }
    }

    /** Sends an action without waiting; {@code callback} gets the response on asterisk-java's reader thread. */
    public void send(ManagerAction action, SendActionCallback callback) {
        try {
            connected().sendAction(action, callback);
        } catch (IOException | IllegalStateException e) {
            throw new AmiUnavailableException(endpoint.name() + ": " + action.getAction() + " failed: " + e.getMessage(), e);
        }
    }

    private ManagerConnection connected() {
        ManagerConnection connection = current;
        if (connection == null || !up()) {
            throw new AmiUnavailableException("AMI link " + endpoint.name() + " is " + status.get().state());
        }
        return connection;
    }

    private void connect() {
        if (supervisor.isShutdown()) {
            return;
        }
        int myGeneration = ++generation;
        status.set(AmiLinkState.CONNECTING, status.get().lastError());
        ManagerConnection connection = newConnection(myGeneration);
        try {
            connection.login(policy.eventMask());
        } catch (AuthenticationFailedException e) {
            // asterisk-java also says "authentication failed" when the challenge step fails (Asterisk shutting
            // down, connection cut): only Asterisk's own refusal is a wrong user or secret.
            boolean refused = e.getMessage() != null && e.getMessage().contains("Authentication failed");
            failed(connection, refused ? AmiLinkState.AUTH_FAILED : AmiLinkState.DOWN,
                    (refused ? "login refused for user " + endpoint.user() + ": " : "login failed: ") + e.getMessage());
            return;
        } catch (IOException | TimeoutException | IllegalStateException e) {
            failed(connection, AmiLinkState.DOWN, e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        current = connection;
        failedAttempts = 0;
        lastFailure = null;
        status.up(String.valueOf(connection.getVersion()));
        log.info("AMI {} is up ({}), events: {}", endpoint, connection.getProtocolIdentifier(), policy.eventMask());
        events.execute(() -> subscribers.forEach(subscriber -> notify("re-read state", () -> subscriber.onLinkUp(this))));
        long ping = policy.pingInterval().toMillis();
        pinger = supervisor.scheduleWithFixedDelay(() -> ping(myGeneration), ping, ping, TimeUnit.MILLISECONDS);
    }

    private ManagerConnection newConnection(int myGeneration) {
        ManagerConnection connection = new ManagerConnectionFactory(endpoint.host(), endpoint.port(), endpoint.user(),
                endpoint.secret()).createManagerConnection();
        connection.setSocketTimeout((int) policy.responseTimeout().toMillis());
        connection.setKeepAliveAfterAuthenticationFailure(false);
        subscribers.forEach(subscriber -> {
            if (subscriber instanceof AmiEventClasses classes) {
                classes.eventClasses().forEach(connection::registerUserEventClass);
            }
        });
        connection.addEventListener(event -> onEvent(connection, myGeneration, event));
        return connection;
    }

    private void onEvent(ManagerConnection connection, int myGeneration, ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            // Stop asterisk-java's own reconnect thread now, before its first try 50 ms from now.
            logoffQuietly(connection);
            supervisor.execute(() -> dropped(myGeneration, "connection closed by peer"));
            return;
        }
        events.execute(() -> subscribers.forEach(subscriber -> notify(event.getClass().getSimpleName(),
                () -> subscriber.onEvent(this, event))));
    }

    private void ping(int myGeneration) {
        if (myGeneration != generation || current == null) {
            return;
        }
        try {
            ManagerResponse response = current.sendAction(new PingAction(), policy.responseTimeout().toMillis());
            if (response == null || response instanceof ManagerError) {
                dropped(myGeneration, "ping refused");
            }
        } catch (IOException | TimeoutException | IllegalStateException e) {
            dropped(myGeneration, "no answer to ping within " + policy.responseTimeout().toMillis() + " ms");
        }
    }

    private void dropped(int myGeneration, String why) {
        if (myGeneration != generation || current == null) {
            return;
        }
        ManagerConnection lost = current;
        current = null;
        if (pinger != null) {
            pinger.cancel(false);
        }
        logoffQuietly(lost);
        status.reconnecting(why);
        log.warn("AMI {} dropped ({}); reconnecting with backoff", endpoint, why);
        events.execute(() -> subscribers.forEach(subscriber -> notify("link down", () -> subscriber.onLinkDown(this))));
        scheduleReconnect();
    }

    private void failed(ManagerConnection connection, AmiLinkState state, String why) {
        logoffQuietly(connection);
        failedAttempts++;
        // Once per kind of failure, not once per attempt: a PBX down for an hour is one line, not hundreds.
        if (!why.equals(lastFailure)) {
            log.warn("AMI {} not connected: {}; retrying with backoff", endpoint, why);
            lastFailure = why;
        }
        status.set(state, why);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (supervisor.isShutdown()) {
            return;
        }
        long delay = policy.retryDelay(Math.max(failedAttempts, 1)).toMillis();
        supervisor.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void notify(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("AMI {}: a subscriber failed on {}: {}", endpoint.name(), what, e.toString());
        }
    }

    private static void logoffQuietly(ManagerConnection connection) {
        try {
            connection.logoff();
        } catch (RuntimeException e) {
            // Already disconnected: nothing to stop.
        }
    }


    @Override
    public void close() {
        supervisor.execute(() -> {
            generation++;
            ManagerConnection connection = current;
            current = null;
            if (connection != null) {
                logoffQuietly(connection);
            }
            status.set(AmiLinkState.CLOSED, null);
        });
        supervisor.shutdown();
        try {
            supervisor.awaitTermination(policy.responseTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdown();
    }

    /** The status, updated only on the supervisor thread, read from anywhere. */
    private static final class LinkStatusHolder {
        private volatile AmiLinkStatus value;

        LinkStatusHolder(AmiEndpoint endpoint) {
            this.value = new AmiLinkStatus(endpoint.name(), endpoint.host() + ":" + endpoint.port(),
                    AmiLinkState.DOWN, Instant.now().toString(), "not started", 0, null);
        }

        AmiLinkStatus get() {
            return value;
        }

        void set(AmiLinkState state, String error) {
            AmiLinkStatus old = value;
            String since = old.state() == state ? old.since() : Instant.now().toString();
            value = new AmiLinkStatus(old.name(), old.address(), state, since, error, old.reconnects(), old.asterisk());
        }

        void up(String asterisk) {
            AmiLinkStatus old = value;
            value = new AmiLinkStatus(old.name(), old.address(), AmiLinkState.UP, Instant.now().toString(), null,
                    old.reconnects(), asterisk);
        }

        void reconnecting(String why) {
            AmiLinkStatus old = value;
            value = new AmiLinkStatus(old.name(), old.address(), AmiLinkState.DOWN, Instant.now().toString(), why,
                    old.reconnects() + 1, old.asterisk());
        }
    }
}
