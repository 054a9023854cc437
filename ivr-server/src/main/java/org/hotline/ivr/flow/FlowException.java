package org.hotline.ivr.flow;

import java.util.List;
import java.util.stream.Collectors;

/** A flow that was refused, with every problem found in it. */
public final class FlowException extends RuntimeException {

    private final List<FlowProblem> problems;

    public FlowException(List<FlowProblem> problems) {
        super(problems.stream().map(FlowProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<FlowProblem> problems() {
        return problems;
    }
}
