package org.hotline.ivr.ami;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.ops.HealthCheck;
import org.hotline.ivr.ops.IvrConfig;

/** Every configured Asterisk's link; picks one to originate through and reports their health. */
public final class AmiLinks implements AutoCloseable {

    private final List<AmiLink> links;

    public AmiLinks(List<AmiLink> links) {
        this.links = List.copyOf(links);
    }

    /** One link per configured server, each feeding the same subscribers; started. */
    public static AmiLinks start(IvrConfig.Ami config, AmiLinkPolicy policy, List<AmiSubscriber> subscribers) {
        return new AmiLinks(config.servers().stream()
                .map(server -> new AmiLink(AmiEndpoint.of(server), policy, subscribers).start())
                .toList());
    }

    public List<AmiLink> all() {
        return links;
    }

    /** The first link that is up, in configuration order: the preferred PBX first, the others as fallback. */
    public Optional<AmiLink> anyUp() {
        return links.stream().filter(AmiLink::up).findFirst();
    }

    public Optional<AmiLink> named(String name) {
        return links.stream().filter(link -> link.name().equals(name)).findFirst();
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
