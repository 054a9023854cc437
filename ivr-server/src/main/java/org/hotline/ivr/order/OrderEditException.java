package org.hotline.ivr.order;

/**
 * An edit that cannot be applied. {@code field} names what was wrong (a field of the order, or
 * {@code status} when the order's state forbids the change); {@code kind} says how the API answers.
 */
public final class OrderEditException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final transient Kind kind;
    private final String field;

    public OrderEditException(Kind kind, String field, String message) {
        super(field + ": " + message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
