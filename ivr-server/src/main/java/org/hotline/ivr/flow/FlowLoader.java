package org.hotline.ivr.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads and checks one flow file: its prompts come from {@code prompts/} beside it, subflows must be files
 * beside it. Either a whole, valid {@link Flow} or a {@link FlowException} with every problem, in file order.
 */
public final class FlowLoader {

    private final FlowParser parser = new FlowParser();

    public Flow load(Path file) {
        List<FlowProblem> problems = new ArrayList<>();
        Flow flow = parser.parse(file, problems);
        if (flow != null) {
            Path dir = file.getParent() == null ? Path.of("") : file.getParent();
            PromptCatalog prompts = PromptCatalog.load(dir.resolve("prompts"), problems);
            new FlowValidator(prompts, name -> Files.isRegularFile(dir.resolve(name + ".yaml"))).validate(flow, problems);
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing((FlowProblem p) -> p.pos().file().toString())
                    .thenComparingInt(p -> p.pos().line()).thenComparingInt(p -> p.pos().column()));
            throw new FlowException(problems);
        }
        return flow;
    }
}
