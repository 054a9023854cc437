package org.hotline.ivr.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotline.ivr.ops.ConfigException;
import org.hotline.ivr.ops.ConfigProblem;
import org.hotline.ivr.ops.YamlNode;
import org.hotline.ivr.ops.PasswordHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code seats.yaml} and {@code queues.yaml}. Every problem in either file is reported at once,
 * each naming file, line and key ({@code config/queues.yaml:14 queues[1].strategy}), and nothing loads.
 */
public final class QueueSetupLoader {

    private static final Logger log = LoggerFactory.getLogger(QueueSetupLoader.class);
    /** Ids end up inside Redis keys and script arguments, where ':' ',' '=' and braces have meaning. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    public QueueSetup load(Path seatsFile, Path queuesFile) {
        List<ConfigProblem> problems = new ArrayList<>();
        YamlNode queuesRoot = YamlNode.read(queuesFile, problems);
        Map<String, PriorityClass> priorities = priorities(queuesRoot.get("priorityClasses"));
        List<QueueConfig> queues = new ArrayList<>();
        Set<String> queueIds = new HashSet<>();
        for (YamlNode item : queuesRoot.get("queues").items()) {
            QueueConfig queue = new QueueReader(item).read();
            if (!queueIds.add(queue.id())) {
                item.get("id").problem(queue.id(), "duplicate queue id");
            }
            queues.add(queue);
        }
        checkOverflowTargets(queuesRoot.get("queues").items(), queues);
        YamlNode seatsRoot = YamlNode.read(seatsFile, problems);
        List<SeatConfig> seats = new ArrayList<>();
        Set<String> seatIds = new HashSet<>();
        for (YamlNode item : seatsRoot.get("seats").items()) {
            SeatConfig seat = seat(item);
            if (!seatIds.add(seat.id())) {
                item.get("id").problem(seat.id(), "duplicate seat id");
            }
            seats.add(seat);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        QueueSetup setup = new QueueSetup(seats, queues, priorities);
        warnAboutUnservedQueues(setup);
        return setup;
    }

    private static Map<String, PriorityClass> priorities(YamlNode node) {
        Map<String, PriorityClass> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
            if (!ID.matcher(entry.getKey()).matches()) {
                entry.getValue().problem(entry.getKey(), "priority class names are letters, digits, - and _");
            }
            out.put(entry.getKey(), new PriorityClass(entry.getKey(), entry.getValue().duration(Duration.ZERO)));
        }
        if (!out.containsKey(QueueSetup.NORMAL)) {
            node.problem(null, "must define the class 'normal' (the class of a call that names none)");
        }
        return out;
    }

    private static SeatConfig seat(YamlNode item) {
        item.onlyKeys("id", "name", "device", "group", "skills", "languages", "passwordHash");
        String id = id(item.get("id"));
        String device = item.get("device").required();
        if (!device.isEmpty() && !device.contains("/")) {
            item.get("device").problem(device, "must be a dialable device such as PJSIP/1001 or Local/1001@seats");
        }
        Map<String, Integer> skills = new LinkedHashMap<>();
        item.get("skills").entries().forEach((skill, level) -> {
            if (!ID.matcher(skill).matches()) {
                level.problem(skill, "skill names are letters, digits, - and _");
            }
            skills.put(skill, level.integer(1, 1, 10));
        });
        if (skills.isEmpty()) {
            item.get("skills").problem(null, "needs at least one skill with a level 1-10, e.g. {general: 5}");
        }
        List<String> languages = languages(item.get("languages"));
        String hash = item.get("passwordHash").required();
        if (!hash.isEmpty() && !PasswordHash.wellFormed(hash)) {
            item.get("passwordHash").problem("(hidden)", "must be pbkdf2-sha256$<iterations>$<saltBase64>$<hashBase64>");
        }
        return new SeatConfig(id, item.get("name").text(id), device, group(item.get("group")), skills, languages, hash);
    }

    private static List<String> languages(YamlNode node) {
        List<String> languages = node.strings();
        for (int i = 0; i < languages.size(); i++) {
            if (!LANGUAGE.matcher(languages.get(i)).matches()) {
                node.items().get(i).problem(languages.get(i), "must be a language code such as zh, en, ja");
            }
        }
        if (languages.isEmpty()) {
            node.problem(null, "needs at least one language, e.g. [zh]");
        }
        return languages;
    }

    static String id(YamlNode node) {
        String id = node.required();
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            node.problem(id, "ids are 1-64 letters, digits, - and _");
        }
        return id;
    }

    private static String group(YamlNode node) {
        String group = node.text("main");
        if (!ID.matcher(group).matches()) {
            node.problem(group, "group names are letters, digits, - and _");
        }
        return group;
    }

    private static void checkOverflowTargets(List<YamlNode> items, List<QueueConfig> queues) {
        Map<String, QueueConfig> byId = new LinkedHashMap<>();
        queues.forEach(q -> byId.putIfAbsent(q.id(), q));
        for (int i = 0; i < queues.size(); i++) {
            QueueConfig queue = queues.get(i);
            if (queue.overflow() != QueueConfig.Overflow.QUEUE) {
                continue;
            }
            YamlNode where = items.get(i).get("overflowQueue");
            QueueConfig target = byId.get(queue.overflowQueue());
            if (target == null) {
                where.problem(queue.overflowQueue(), "names no queue in this file");
            } else if (target.id().equals(queue.id())) {
                where.problem(queue.overflowQueue(), "a queue cannot overflow into itself");
            } else if (!target.group().equals(queue.group())) {
                where.problem(queue.overflowQueue(), "must be in the same group (" + queue.group() + ")");
            }
        }
    }

    private static void warnAboutUnservedQueues(QueueSetup setup) {
        for (QueueConfig queue : setup.queues()) {
            if (setup.seats().stream().noneMatch(s -> s.serves(queue))) {
                log.warn("queue {} has no seat with skill {} >= {} speaking {}: its calls can only wait or overflow",
                        queue.id(), queue.skill(), queue.minSkillLevel(), queue.language());
            }
        }
    }

    /** Reads one queue entry. */
    private static final class QueueReader {
        private final YamlNode item;

        QueueReader(YamlNode item) {
            this.item = item;
        }

        QueueConfig read() {
            item.onlyKeys("id", "name", "group", "skill", "minSkillLevel", "language", "strategy", "wrapUp",
                    "ringTimeout", "serviceLevel", "maxWait", "overflow", "overflowQueue", "announceEvery",
                    "callbackOfferAfter");
            String id = id(item.get("id"));
            String language = item.get("language").required();
            if (!language.isEmpty() && !LANGUAGE.matcher(language).matches()) {
                item.get("language").problem(language, "must be a language code such as zh, en, ja");
            }
            YamlNode sl = item.get("serviceLevel");
            sl.onlyKeys("target", "within");
            QueueConfig.Overflow overflow = overflow(item.get("overflow"));
            return new QueueConfig(id, item.get("name").text(id), group(item.get("group")),
                    item.get("skill").required(), item.get("minSkillLevel").integer(1, 1, 10), language,
                    strategy(item.get("strategy")), item.get("wrapUp").duration(Duration.ofSeconds(15)),
                    positive(item.get("ringTimeout"), Duration.ofSeconds(20)), percent(sl.get("target")),
                    positive(sl.get("within"), Duration.ofSeconds(20)),
                    positive(item.get("maxWait"), Duration.ofMinutes(10)), overflow,
                    overflow == QueueConfig.Overflow.QUEUE ? item.get("overflowQueue").required() : "",
                    positive(item.get("announceEvery"), Duration.ofSeconds(45)),
                    item.get("callbackOfferAfter").duration(Duration.ofMinutes(2)));
        }

        private static RoutingStrategy strategy(YamlNode node) {
            String name = node.text("longest-idle");
            return RoutingStrategy.byName(name).orElseGet(() -> {
                node.problem(name, "must be longest-idle, fewest-calls or highest-skill");
                return RoutingStrategy.LONGEST_IDLE;
            });
        }

        private static QueueConfig.Overflow overflow(YamlNode node) {
            String name = node.text("callback");
            return switch (name) {
                case "callback" -> QueueConfig.Overflow.CALLBACK;
                case "queue" -> QueueConfig.Overflow.QUEUE;
                case "none" -> QueueConfig.Overflow.NONE;
                default -> {
                    node.problem(name, "must be callback, queue (with overflowQueue) or none");
                    yield QueueConfig.Overflow.NONE;
                }
            };
        }

        private static double percent(YamlNode node) {
            String text = node.text("80%").trim();
            String digits = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
            try {
                double value = Double.parseDouble(digits);
                if (value > 0 && value <= 100) {
                    return value / 100.0;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            node.problem(text, "must be a percentage such as 80%");
            return 0.8;
        }

        private static Duration positive(YamlNode node, Duration fallback) {
            Duration value = node.duration(fallback);
            if (value.isZero()) {
                node.problem("0", "must be longer than zero");
                return fallback;
            }
            return value;
        }
    }
}
