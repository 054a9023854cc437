package org.hotline.ivr.queue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Seats, queues and priority classes as loaded and validated; the same on every node. */
public record QueueSetup(List<SeatConfig> seats, List<QueueConfig> queues, Map<String, PriorityClass> priorities) {

    public static final String NORMAL = "normal";

    public QueueSetup {
        seats = List.copyOf(seats);
        queues = List.copyOf(queues);
        priorities = Map.copyOf(priorities);
    }

    public Optional<SeatConfig> seat(String id) {
        return seats.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<QueueConfig> queue(String id) {
        return queues.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public SeatConfig requireSeat(String id) {
        return seat(id).orElseThrow(() -> new IllegalArgumentException("no seat " + id + " in seats.yaml"));
    }

    public QueueConfig requireQueue(String id) {
        return queue(id).orElseThrow(() -> new IllegalArgumentException("no queue " + id + " in queues.yaml"));
    }

    public PriorityClass priority(String name) {
        PriorityClass found = priorities.get(name == null || name.isBlank() ? NORMAL : name);
        if (found == null) {
            throw new IllegalArgumentException("no priority class " + name + " in queues.yaml");
        }
        return found;
    }

    /** The queues {@code seat} may take calls from. */
    public List<QueueConfig> queuesServedBy(SeatConfig seat) {
        return queues.stream().filter(seat::serves).toList();
    }

    public Set<String> groups() {
        Set<String> groups = new TreeSet<>();
        queues.forEach(q -> groups.add(q.group()));
        return groups;
    }
}
