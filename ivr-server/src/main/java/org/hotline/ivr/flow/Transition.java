package org.hotline.ivr.flow;

/** Where a node sends the call: to another node of the current flow, or out of the flow with an outcome. */
record Transition(String node, String outcome) {

    static Transition to(Ref next) {
        return new Transition(next.name(), null);
    }

    static Transition end(String outcome) {
        return new Transition(null, outcome);
    }

    boolean ends() {
        return node == null;
    }
}
