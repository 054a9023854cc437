package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.flow.FlowGraph;
import org.hotline.ivr.flow.FlowLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./ivr flow graph FLOW}: DOT (default), Mermaid, or SVG through Graphviz's {@code dot}. */
@Command(name = "graph", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Draw a flow as Graphviz DOT, Mermaid, or SVG (needs Graphviz's dot).")
public final class FlowGraphCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FLOW", description = "a flow file, or a flow name in call-flows/")
    String flow;

    @Option(names = "--format", defaultValue = "dot", description = "dot, mermaid or svg (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write here instead of standard output")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FlowGraph graph = new FlowGraph(new FlowLoader().load(FlowFiles.resolve(flow)));
        String text = switch (format) {
            case "dot" -> graph.dot();
            case "mermaid" -> graph.mermaid();
            case "svg" -> svg(graph.dot());
            default -> throw new IllegalArgumentException("--format is dot, mermaid or svg, not " + format);
        };
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("wrote " + out);
        } else {
            PrintWriter writer = spec.commandLine().getOut();
            writer.print(text);
            writer.flush();
        }
        return 0;
    }

    private static String svg(String dot) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("dot", "-Tsvg").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("SVG needs Graphviz (apt-get install graphviz); use --format dot or mermaid");
        }
        process.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String svg = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("dot failed to draw the flow");
        }
        return svg;
    }
}
