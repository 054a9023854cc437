package org.hotline.ivr.agi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scripts this server answers, by name, each with its origin (the flow file or the part that registered it).
 * A name is taken once: a second registration under it from another origin fails, naming both, so a script can
 * never be silently replaced at start-up. The same origin registering again (a flow reload) replaces its own.
 */
public final class AgiScripts {

    /** Thrown at start-up when two parts claim one script name. */
    public static final class DuplicateScriptException extends IllegalStateException {
        DuplicateScriptException(String name, String first, String second) {
            super("AGI script '" + name + "' registered twice: by " + first + " and by " + second);
        }
    }

    private record Entry(String origin, AgiScript script) {
    }

    private final Map<String, Entry> byName = new ConcurrentHashMap<>();

    /**
     * Registers {@code script} as {@code name}.
     *
     * @param origin where it comes from, for the error ("flow call-flows/12345.yaml", "queue", "demo")
     * @throws DuplicateScriptException if another origin holds {@code name}
     */
    public AgiScripts register(String name, String origin, AgiScript script) {
        byName.compute(name, (key, held) -> {
            if (held != null && !held.origin().equals(origin)) {
                throw new DuplicateScriptException(name, held.origin(), origin);
            }
            return new Entry(origin, script);
        });
        return this;
    }

    /** Registers {@code script} with the class that calls this as its origin. */
    public AgiScripts register(String name, AgiScript script) {
        String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass().getName();
        return register(name, caller, script);
    }

    /**
     * Puts {@code script} in place of whatever holds {@code name}: only where replacing is the point (a test that
     * probes what reaches a flow's name), never in a node's wiring.
     */
    public AgiScripts replace(String name, String origin, AgiScript script) {
        byName.put(name, new Entry(origin, script));
        return this;
    }

    /** Takes {@code name} away if {@code origin} holds it (a flow whose file was removed). */
    public void remove(String name, String origin) {
        byName.computeIfPresent(name, (key, held) -> held.origin().equals(origin) ? null : held);
    }

    public Optional<AgiScript> find(String name) {
        return Optional.ofNullable(byName.get(name)).map(Entry::script);
    }

    /** Who registered {@code name}, for start-up logs and errors. */
    public Optional<String> origin(String name) {
        return Optional.ofNullable(byName.get(name)).map(Entry::origin);
    }

    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }
}
