package org.hotline.ivr.flow;

import java.util.List;
import java.util.Map;

/**
 * What a finished run of a flow leaves behind, for parts that turn a flow's variables into records (the survey
 * flow's answers). {@code arguments} are the AGI script's arguments ({@code AGI(agi://host/flow,arg1,...)}).
 */
public record FlowEnding(String flow, String callId, List<String> arguments, Map<String, String> variables,
                         String outcome) {

    public FlowEnding {
        arguments = List.copyOf(arguments);
        variables = Map.copyOf(variables);
    }
}
