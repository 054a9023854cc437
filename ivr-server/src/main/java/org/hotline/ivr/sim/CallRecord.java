package org.hotline.ivr.sim;

import java.time.Duration;
import java.util.List;

/**
 * What happened on one simulated call.
 *
 * @param commands every command line the server sent, in order
 * @param prompts  the prompt files the server played (STREAM FILE, GET DATA, CONTROL STREAM FILE ...)
 * @param keys     the keys the caller pressed that the server read
 * @param outcome  {@code completed} (server closed after its script), {@code caller-hangup}, or an error
 */
public record CallRecord(String name, String uniqueId, List<String> commands, List<String> prompts, String keys,
                         List<SimEvent> events, String outcome, Duration duration) {
}
