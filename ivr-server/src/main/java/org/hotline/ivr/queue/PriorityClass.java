package org.hotline.ivr.queue;

import java.time.Duration;

/**
 * A priority class: a call of this class is ranked as if it had already waited {@code headStart}.
 * Every waiting call gains one second of rank per second waited (ageing), so a normal call that has
 * waited longer than the head start is served before a newly arrived urgent one: nobody waits forever.
 */
public record PriorityClass(String name, Duration headStart) {
}
