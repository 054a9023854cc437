package org.hotline.ivr.testcall;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the simulated citizen does on one test call.
 *
 * @param context     dialplan context of the IVR leg (production: {@code ivr-in})
 * @param exten       extension in that context (production: {@code 12345})
 * @param callerId    the citizen's number as the IVR sees it
 * @param language    the channel language the IVR leg starts with (e.g. {@code zh}); empty: Asterisk's default
 * @param keyGroups   keys pressed at successive prompts that read keys: group i at the i-th such prompt;
 *                    an empty group lets that prompt pass without a key
 * @param speech      an 8 kHz mono WAV the citizen speaks when the IVR starts listening (EXEC AudioSocket)
 * @param keyDelay    how long after a prompt starts the keys are pressed
 * @param timeout     the call is hung up (and reported as timed out) after this long
 */
public record TestCallPlan(String context, String exten, String callerId, String language, List<String> keyGroups,
                           Optional<Path> speech, Duration keyDelay, Duration timeout) {

    public TestCallPlan {
        keyGroups = List.copyOf(keyGroups);
        for (String group : keyGroups) {
            if (!group.matches("[0-9*#A-D]*")) {
                throw new IllegalArgumentException("key group '" + group + "': only 0-9, *, # and A-D can be pressed");
            }
        }
    }

    /** The hotline's own entry point, as operators configure it. */
    public static TestCallPlan hotline(String callerId) {
        return new TestCallPlan("ivr-in", "12345", callerId, "", List.of(), Optional.empty(), Duration.ofMillis(300),
                Duration.ofSeconds(120));
    }

    public TestCallPlan to(String newContext, String newExten) {
        return new TestCallPlan(newContext, newExten, callerId, language, keyGroups, speech, keyDelay, timeout);
    }

    public TestCallPlan language(String lang) {
        return new TestCallPlan(context, exten, callerId, lang, keyGroups, speech, keyDelay, timeout);
    }

    /** {@code "1,2"}: 1 at the first prompt that reads keys, 2 at the second; {@code ",42#"} skips the first. */
    public TestCallPlan keys(String commaSeparatedGroups) {
        List<String> groups = new ArrayList<>(List.of(commaSeparatedGroups.split(",", -1)));
        if (commaSeparatedGroups.isEmpty()) {
            groups.clear();
        }
        return new TestCallPlan(context, exten, callerId, language, groups, speech, keyDelay, timeout);
    }

    public TestCallPlan speech(Path wav) {
        return new TestCallPlan(context, exten, callerId, language, keyGroups, Optional.of(wav), keyDelay, timeout);
    }

    public TestCallPlan timeout(Duration limit) {
        return new TestCallPlan(context, exten, callerId, language, keyGroups, speech, keyDelay, limit);
    }
}
