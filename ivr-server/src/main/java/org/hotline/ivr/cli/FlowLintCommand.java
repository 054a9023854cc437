package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import org.hotline.ivr.ops.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.FlowException;
import org.hotline.ivr.flow.FlowLoader;
import org.hotline.ivr.flow.FlowProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./ivr flow lint FILE...}: every problem as {@code file:line:column: node 'id': message}; exit 1 if any. */
@Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Check flow files: references, reachability, endings, loops, menus, prompts in every language.")
public final class FlowLintCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "flow files (or flow names in call-flows/)")
    List<String> files;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> results = new ArrayList<>();
        boolean clean = true;
        for (String name : files) {
            Map<String, Object> result = new LinkedHashMap<>();
            List<FlowProblem> problems = new ArrayList<>();
            Path file = Path.of(name);
            try {
                file = FlowFiles.resolve(name);
                Flow flow = new FlowLoader().load(file);
                result.put("nodes", flow.nodes().size());
                result.put("languages", flow.languages());
            } catch (FlowException e) {
                problems.addAll(e.problems());
            } catch (IllegalArgumentException e) {
                problems.add(new FlowProblem(new org.hotline.ivr.flow.SourcePos(file, 1, 1), "", e.getMessage()));
            }
            clean &= problems.isEmpty();
            result.put("file", file.toString());
            result.put("ok", problems.isEmpty());
            result.put("problems", problems.stream().map(FlowLintCommand::asMap).toList());
            results.add(result);
            if (!json) {
                problems.forEach(out::println);
                out.println(file + ": " + (problems.isEmpty() ? "ok (" + result.get("nodes") + " nodes, languages "
                        + result.get("languages") + ")" : problems.size() + " problem(s)"));
            }
        }
        if (json) {
            out.println(Json.pretty()
                    .writeValueAsString(Map.of("ok", clean, "files", results)));
        }
        out.flush();
        return clean ? 0 : 1;
    }

    private static Map<String, Object> asMap(FlowProblem problem) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", problem.pos().file().toString());
        map.put("line", problem.pos().line());
        map.put("column", problem.pos().column());
        map.put("node", problem.nodeId());
        map.put("message", problem.message());
        return map;
    }
}
