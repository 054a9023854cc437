package org.hotline.ivr.flow;

/** One thing wrong with a flow, where it was written, and the node it belongs to (empty for the flow itself). */
public record FlowProblem(SourcePos pos, String nodeId, String message) {

    /** {@code call-flows/12345.yaml:12:7: node 'main-menu': unknown node 'foo'}, as compilers print it. */
    @Override
    public String toString() {
        return pos + ": " + (nodeId.isEmpty() ? "" : "node '" + nodeId + "': ") + message;
    }
}
