package org.hotline.ivr.ami;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.ops.IvrConfig;

/**
 * The AMI transport of one node: a supervised link per configured Asterisk (health {@code ami}) and the
 * {@link Originator} that places calls through whichever is up. Built first, so the parts that originate or
 * listen (seat device watch, hang-up watch, callbacks, surveys) can be built on it; {@link #start} then connects
 * with all of them subscribed. When {@code ami.enabled} is false nothing connects and originates report that no
 * link is up.
 */
public final class AmiServices implements AutoCloseable {

    private final AmiLinks links;
    private final ScheduledExecutorService timers;
    private final Originator originator;
    private final boolean enabled;

    private AmiServices(AmiLinks links, ScheduledExecutorService timers, boolean enabled) {
        this.links = links;
        this.timers = timers;
        this.originator = new Originator(links, timers);
        this.enabled = enabled;
    }

    public static AmiServices create(IvrConfig.Ami config, AmiLinkPolicy linkPolicy) {
        AmiLinks links = new AmiLinks(config.enabled() ? config.servers().stream().map(AmiEndpoint::of).toList()
                : List.of(), linkPolicy);
        return new AmiServices(links,
                Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("ami-timers", true)),
                config.enabled());
    }

    /** Connects every link with the originator and {@code subscribers} hearing its events; registers health. */
    public AmiServices start(List<AmiSubscriber> subscribers, HealthRegistry health) {
        // The originator first: it completes an originate before the others hear the events that follow it.
        List<AmiSubscriber> all = new ArrayList<>(List.of(originator));
        all.addAll(subscribers);
        links.start(all);
        health.register("ami", links.health());
        return this;
    }

    /** Places asynchronous Originates; the one way this server starts a call. */
    public Originator originator() {
        return originator;
    }

    /** For timeouts of the parts built on AMI (an originate's answer, a callback leg): never blocked by Redis. */
    public ScheduledExecutorService timers() {
        return timers;
    }

    public AmiLinks links() {
        return links;
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public void close() {
        links.close();
        timers.shutdownNow();
    }
}
