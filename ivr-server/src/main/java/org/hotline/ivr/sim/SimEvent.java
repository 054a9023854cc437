package org.hotline.ivr.sim;

import java.time.Instant;

/** One line of a simulated call's conversation: {@code >} from the server, {@code <} from "Asterisk". */
public record SimEvent(Instant at, String call, Direction direction, String text) {

    public enum Direction {
        FROM_SERVER(">"), TO_SERVER("<"), NOTE("*");

        private final String mark;

        Direction(String mark) {
            this.mark = mark;
        }

        public String mark() {
            return mark;
        }
    }

    @Override
    public String toString() {
        return call + " " + direction.mark() + " " + text;
    }
}
