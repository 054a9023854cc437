package org.hotline.ivr.flow;

/** A name written in a flow (a node id, a prompt id) and where, so checks can point at it. */
public record Ref(String name, SourcePos pos) {

    @Override
    public String toString() {
        return name;
    }
}
