package org.hotline.ivr.ops;

/** One thing wrong with the configuration: the key, the value seen, and why it is refused. */
public record ConfigProblem(String key, String value, String why) {

    @Override
    public String toString() {
        return key + " = " + (value == null ? "(missing)" : "'" + value + "'") + ": " + why;
    }
}
