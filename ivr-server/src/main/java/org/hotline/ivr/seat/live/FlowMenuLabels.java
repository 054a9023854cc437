package org.hotline.ivr.seat.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.FlowLibrary;
import org.hotline.ivr.seat.MenuLabels;

/**
 * The menu path's labels from the flows loaded now (a reload's new labels show at the next pop). An order does not
 * record its flow: a step is labelled by the first flow, in name order, that labels it.
 */
public final class FlowMenuLabels implements MenuLabels {

    private final FlowLibrary flows;

    public FlowMenuLabels(FlowLibrary flows) {
        this.flows = flows;
    }

    @Override
    public List<Map<String, String>> labels(List<String> menuPath) {
        Map<String, Flow> loaded = new java.util.TreeMap<>(flows.snapshot());
        List<Map<String, String>> labels = new ArrayList<>();
        for (String step : menuPath) {
            loaded.values().stream().map(flow -> flow.labels().byStep().get(step)).filter(java.util.Objects::nonNull)
                    .findFirst().ifPresent(labels::add);
        }
        return labels;
    }
}
