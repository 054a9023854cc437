package org.hotline.ivr.flow;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One loaded, checked flow: an immutable version. A call keeps the version it started with.
 *
 * @param version       short content hash of the file, so journeys say which text ran
 * @param queueFallback Dial target (an operators' group) {@code enqueue} uses while no call distributor is wired,
 *                      and where a caller goes, after {@value #HOLD_PROMPT}, when a step cannot reach Redis (may be empty)
 * @param onError       the node a caller goes to when a step cannot reach Redis, instead of {@code queueFallback}
 *                      (null if none); the validator requires one of the two
 * @param nodes         by id, in file order
 * @param labels        what a seat reads for a step of the menu path (optional {@code label:} of nodes and options)
 */
public record Flow(String name, Path file, String version, List<String> languages, String defaultLanguage,
                   ZoneId timezone, HolidayCalendar calendar, String queueFallback, Ref onError, Ref start,
                   Map<String, FlowNode> nodes, StepLabels labels) {

    /** The prompt a caller hears before the {@code queue-fallback} Dial when Redis cannot be reached. */
    public static final String HOLD_PROMPT = "please-hold";

    public Flow {
        languages = List.copyOf(languages);
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
        labels = labels == null ? StepLabels.NONE : labels;
    }

    public FlowNode node(String id) {
        FlowNode node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("flow " + name + " has no node '" + id + "'");
        }
        return node;
    }
}
