package org.hotline.ivr.flow;

import java.util.ArrayList;
import java.util.List;
import org.hotline.ivr.ops.Durations;

/** Draws a flow for engineers: Graphviz DOT and Mermaid, each node with its type and each edge with why it is taken. */
public final class FlowGraph {

    /** One arrow: from, to, and its label (a key, a case, "next"). */
    record Edge(String from, String to, String label) {
    }

    private final Flow flow;

    public FlowGraph(Flow flow) {
        this.flow = flow;
    }

    List<Edge> edges() {
        List<Edge> edges = new ArrayList<>();
        for (FlowNode node : flow.nodes().values()) {
            String id = node.id();
            if (node instanceof FlowNode.Menu menu) {
                menu.options().forEach(o -> edges.add(new Edge(id, o.next().name(), "key " + o.key())));
                edges.add(new Edge(id, menu.fallback().name(), "no choice"));
            } else if (node instanceof FlowNode.Condition condition) {
                for (int i = 0; i < condition.cases().size(); i++) {
                    edges.add(new Edge(id, condition.cases().get(i).then().name(), "case " + (i + 1)));
                }
                if (condition.otherwise() != null) {
                    edges.add(new Edge(id, condition.otherwise().name(), "else"));
                }
            } else if (node instanceof FlowNode.Collect collect) {
                edges.add(new Edge(id, collect.next().name(), "valid"));
                edges.add(new Edge(id, collect.fallback().name(), "no valid input"));
            } else if (node instanceof FlowNode.Transfer transfer && transfer.onFail() != null) {
                edges.add(new Edge(id, transfer.onFail().name(), "not answered"));
            } else {
                node.successors().forEach(next -> edges.add(new Edge(id, next.name(), "")));
            }
        }
        return edges;
    }

    static String label(FlowNode node) {
        String detail;
        if (node instanceof FlowNode.Enqueue e) {
            detail = "queue " + e.queue() + " p" + e.priority() + "\n" + e.hold().describe();
        } else if (node instanceof FlowNode.Transfer t) {
            detail = "dial " + t.to();
        } else if (node instanceof FlowNode.Subflow s) {
            detail = "flow " + s.flow().name();
        } else if (node instanceof FlowNode.Collect c) {
            detail = c.minDigits() + "-" + c.maxDigits() + " digits -> " + c.into();
        } else if (node instanceof FlowNode.Describe d) {
            detail = d.prompt().name() + "\nmax " + Durations.format(d.maxLength()) + ", ends after "
                    + (d.endSilence() == null ? "the server's end-silence" : Durations.format(d.endSilence()) + " silence")
                    + (d.finishPrompt() == null ? "" : "\n" + d.finishPrompt().name() + " 10s before max");
        } else if (node instanceof FlowNode.Menu m && m.endSilence() != null) {
            detail = m.prompt().name() + "\nspoken answer ends after " + Durations.format(m.endSilence()) + " silence";
        } else if (node instanceof FlowNode.Language l && l.endSilence() != null) {
            detail = l.prompt().name() + "\nspoken answer ends after " + Durations.format(l.endSilence()) + " silence";
        } else {
            detail = node.prompts().isEmpty() ? "" : node.prompts().get(0).name();
        }
        return node.id() + "\n" + node.type() + (detail.isEmpty() ? "" : ": " + detail);
    }

    public String dot() {
        StringBuilder out = new StringBuilder("digraph \"" + flow.name() + "\" {\n")
                .append("  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for (FlowNode node : flow.nodes().values()) {
            String shape = node instanceof FlowNode.Condition ? ", shape=diamond, style=\"\""
                    : node.terminal() ? ", style=\"rounded,bold\"" : "";
            out.append("  \"").append(node.id()).append("\" [label=\"").append(escape(label(node))).append('"')
                    .append(shape).append(node.id().equals(flow.start().name()) ? ", penwidth=2" : "").append("];\n");
        }
        for (Edge edge : edges()) {
            out.append("  \"").append(edge.from()).append("\" -> \"").append(edge.to()).append('"')
                    .append(edge.label().isEmpty() ? "" : " [label=\"" + escape(edge.label()) + "\"]").append(";\n");
        }
        return out.append("}\n").toString();
    }

    public String mermaid() {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (FlowNode node : flow.nodes().values()) {
            String text = label(node).replace("\n", "<br/>").replace("\"", "#quot;");
            String shaped = node instanceof FlowNode.Condition ? "{\"" + text + "\"}"
                    : node.terminal() ? "([\"" + text + "\"])" : "[\"" + text + "\"]";
            out.append("  ").append(mermaidId(node.id())).append(shaped).append('\n');
        }
        for (Edge edge : edges()) {
            out.append("  ").append(mermaidId(edge.from()))
                    .append(edge.label().isEmpty() ? " --> " : " -->|" + edge.label().replace("|", "/") + "| ")
                    .append(mermaidId(edge.to())).append('\n');
        }
        return out.toString();
    }

    private static String mermaidId(String id) {
        return "n_" + id.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
