package org.hotline.ivr.seat.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hotline.ivr.queue.QueueConfig;
import org.hotline.ivr.seat.CallControls;

/**
 * {@code config/transfer.yaml} (ami.controls.targets) and the queues: every place a seat may send a call. Loaded once
 * at start; a bad entry refuses to start, naming the file and entry.
 */
final class TransferTargets {

    static final String QUEUE_PREFIX = "queue:";
    private static final Set<String> KINDS = Set.of("emergency", "unit", "leader");

    /** A target with its number ("" for a queue) or its queue id. */
    record Entry(CallControls.Target target, String number, String queue) {
    }

    private final List<Entry> entries;

    private TransferTargets(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A missing file is only the queues (a site without transfer numbers yet). */
    static TransferTargets load(Path file, List<QueueConfig> queues) {
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (file != null && Files.isRegularFile(file)) {
            JsonNode root;
            try {
                root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": not readable YAML: " + e.getMessage(), e);
            }
            JsonNode list = root == null ? null : root.get("targets");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException(file + ": needs a list 'targets:'");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode entry = list.get(i);
                String where = file + ": targets[" + i + "]";
                String id = entry.path("id").asText("");
                String number = entry.path("number").asText("");
                String kind = entry.path("kind").asText("");
                if (!id.matches("[a-z0-9][a-z0-9-]{0,39}") || !ids.add(id)) {
                    throw new IllegalArgumentException(where + ": id must be unique, lower-case letters, digits and -");
                }
                if (!number.matches("[0-9*#+]{1,32}")) {
                    throw new IllegalArgumentException(where + " (" + id + "): number must be 1-32 digits (or * # +)");
                }
                if (!KINDS.contains(kind)) {
                    throw new IllegalArgumentException(where + " (" + id + "): kind must be one of " + KINDS);
                }
                entries.add(new Entry(new CallControls.Target(id, entry.path("label").asText(id), kind), number, ""));
            }
        }
        for (QueueConfig queue : queues) {
            entries.add(new Entry(new CallControls.Target(QUEUE_PREFIX + queue.id(), queue.name(), "queue"), "", queue.id()));
        }
        return new TransferTargets(entries);
    }

    List<CallControls.Target> targets() {
        return entries.stream().map(Entry::target).toList();
    }

    Optional<Entry> find(String id) {
        return entries.stream().filter(entry -> entry.target().id().equals(id)).findFirst();
    }
}
