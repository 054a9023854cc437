package org.hotline.ivr.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * What a waiting caller is told.
 *
 * @param position     1 = next; 0 = not waiting (a seat is already chosen, or the call is gone)
 * @param expectedWait empty when no seat of the queue is staffed: there is nothing honest to say
 * @param waited       how long the call has waited so far
 */
public record WaitEstimate(int position, Optional<Duration> expectedWait, Duration waited) {
}
