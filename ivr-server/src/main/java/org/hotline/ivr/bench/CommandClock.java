package org.hotline.ivr.bench;

import org.HdrHistogram.Recorder;
import org.hotline.ivr.sim.SimEvent;
import org.hotline.ivr.sim.SimListener;

/**
 * One simulated call's AGI command latency as Asterisk would see it: from the moment the caller's side sent its
 * reply (or the environment, for the first command) to the moment the next command line arrived, i.e. how long the
 * node took to decide and send its next step, loopback included. Prompts playing and callers thinking are on the
 * caller's side of that line and are not counted.
 */
final class CommandClock implements SimListener {

    private final Recorder commands;
    private long repliedAt;

    CommandClock(Recorder commands) {
        this.commands = commands;
    }

    @Override
    public void event(SimEvent event) {
        // One call's lines arrive on its event loop, one at a time: no lock needed.
        switch (event.direction()) {
            case TO_SERVER -> repliedAt = System.nanoTime();
            case FROM_SERVER -> {
                if (repliedAt != 0) {
                    commands.recordValue(Math.max(0, System.nanoTime() - repliedAt) / 1000);
                    repliedAt = 0;
                }
            }
            case NOTE -> {
                if (event.text().startsWith("calls ")) {
                    repliedAt = System.nanoTime(); // the environment goes out right after this note
                }
            }
        }
    }
}
