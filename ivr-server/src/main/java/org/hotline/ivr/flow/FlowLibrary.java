package org.hotline.ivr.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows this node serves: every {@code *.yaml} directly in the flows directory. A reload swaps in each
 * flow that loads clean; a flow with problems keeps serving its previous version (none if it never loaded),
 * and calls in progress keep the versions they started with.
 */
public final class FlowLibrary {

    private static final Logger log = LoggerFactory.getLogger(FlowLibrary.class);

    /** What a reload did: flows now serving the new text, flows refused (and whether an old version serves). */
    public record ReloadReport(List<String> loaded, List<String> keptPrevious, List<FlowProblem> problems) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private final Path directory;
    private final FlowLoader loader = new FlowLoader();
    private volatile Map<String, Flow> current = Map.of();

    public FlowLibrary(Path directory) {
        this.directory = directory;
    }

    public synchronized ReloadReport reload() {
        Map<String, Flow> next = new LinkedHashMap<>(current);
        List<String> loaded = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<FlowProblem> problems = new ArrayList<>();
        for (Path file : files(problems)) {
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            try {
                next.put(name, loader.load(file));
                loaded.add(name);
            } catch (FlowException e) {
                problems.addAll(e.problems());
                if (current.containsKey(name)) {
                    kept.add(name);
                }
                log.error("flow {} refused{}:\n{}", name, current.containsKey(name)
                        ? "; version " + current.get(name).version() + " keeps serving" : "", e.getMessage());
            }
        }
        current = Map.copyOf(next);
        log.info("flows from {}: loaded {}{}", directory, loaded, kept.isEmpty() ? "" : ", kept previous " + kept);
        return new ReloadReport(loaded, kept, problems);
    }

    private List<Path> files(List<FlowProblem> problems) {
        if (!Files.isDirectory(directory)) {
            problems.add(new FlowProblem(new SourcePos(directory, 1, 1), "", "flows directory does not exist"));
            return List.of();
        }
        try (var list = Files.list(directory)) {
            return list.filter(f -> f.toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            problems.add(new FlowProblem(new SourcePos(directory, 1, 1), "", "cannot list flows: " + e.getMessage()));
            return List.of();
        }
    }

    public Optional<Flow> find(String name) {
        return Optional.ofNullable(current.get(name));
    }

    public Set<String> names() {
        return new TreeSet<>(current.keySet());
    }

    /** Every flow as it is now; a call keeps this map to its end. */
    public Map<String, Flow> snapshot() {
        return current;
    }

    public Path directory() {
        return directory;
    }
}
