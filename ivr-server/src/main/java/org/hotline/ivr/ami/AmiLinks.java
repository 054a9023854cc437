package org.hotline.ivr.ami;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.ops.HealthCheck;
import org.hotline.ivr.ops.IvrConfig;

/**
 * Every configured Asterisk's link; picks one to originate through and reports their health. Built
 * first and started once the subscribers (some of which originate through it) exist.
 */
public final class AmiLinks implements AutoCloseable {

    private final List<AmiEndpoint> endpoints;
    private final AmiLinkPolicy policy;
    private volatile List<AmiLink> links = List.of();

    public AmiLinks(List<AmiEndpoint> endpoints, AmiLinkPolicy policy) {
        this.endpoints = List.copyOf(endpoints);
        this.policy = policy;
    }

    public static AmiLinks configured(IvrConfig.Ami config, AmiLinkPolicy policy) {
        return new AmiLinks(config.servers().stream().map(AmiEndpoint::of).toList(), policy);
    }

    /** Opens one link per server, each feeding all {@code subscribers}; connecting goes on in the background. */
    public synchronized AmiLinks start(List<AmiSubscriber> subscribers) {
        if (!links.isEmpty()) {
            throw new IllegalStateException("AMI links already started");
        }
        links = endpoints.stream().map(endpoint -> new AmiLink(endpoint, policy, subscribers).start()).toList();
        return this;
    }

    public List<AmiLink> all() {
        return links;
    }

    /** The first link that is up, in configuration order: the preferred PBX first, the others as fallback. */
    public Optional<AmiLink> anyUp() {
        return links.stream().filter(AmiLink::up).findFirst();
    }

    /**
     * For {@code HealthRegistry.register("ami", ...)}. Not required for readiness: calls are answered over
     * FastAGI without AMI; only device states, hangup clean-up and originated calls wait for it.
     */
    public HealthCheck health() {
        return () -> {
            Map<String, AmiLinkStatus> detail = new LinkedHashMap<>();
            links.forEach(link -> detail.put(link.name(), link.status()));
            boolean up = !links.isEmpty() && links.stream().allMatch(AmiLink::up);
            return new HealthCheck.Status(up, false, detail);
        };
    }

    @Override
    public void close() {
        links.forEach(AmiLink::close);
    }
}
