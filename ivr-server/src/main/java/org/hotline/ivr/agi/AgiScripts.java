package org.hotline.ivr.agi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The scripts this server answers, by name; flows are registered here when loaded. */
public final class AgiScripts {

    private final Map<String, AgiScript> byName = new ConcurrentHashMap<>();

    public AgiScripts register(String name, AgiScript script) {
        byName.put(name, script);
        return this;
    }

    public Optional<AgiScript> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }
}
