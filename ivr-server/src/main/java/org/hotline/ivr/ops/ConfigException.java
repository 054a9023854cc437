package org.hotline.ivr.ops;

import java.util.List;
import java.util.stream.Collectors;

/** Start-up refused: the configuration has one or more problems, each on a line of its own. */
public final class ConfigException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super("invalid configuration:\n" + problems.stream()
                .map(p -> "  " + p)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
