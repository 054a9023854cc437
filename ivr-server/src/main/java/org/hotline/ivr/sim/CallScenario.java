package org.hotline.ivr.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One simulated call: who calls, which script, what the caller does, and how the line behaves.
 *
 * @param promptDuration how long each prompt plays when no key interrupts it
 * @param audioRealTime  stream speech at 20 ms per frame (true) or as fast as the socket takes it
 * @param variables      channel variables GET VARIABLE answers with (e.g. DIALSTATUS after a Dial)
 * @param arguments      the script's arguments, {@code AGI(agi://host/script,arg1,arg2)} (agi_arg_1 ...)
 */
public record CallScenario(String name, String script, String callerId, String language, List<ScenarioStep> steps,
                           Duration promptDuration, boolean audioRealTime, Map<String, String> variables,
                           List<String> arguments) {

    public CallScenario {
        steps = List.copyOf(steps);
        variables = Map.copyOf(variables);
        arguments = List.copyOf(arguments);
    }

    public static CallScenario of(String name, String script, String callerId) {
        return new CallScenario(name, script, callerId, "zh", List.of(), Duration.ZERO, false, Map.of(), List.of());
    }

    public CallScenario arguments(List<String> args) {
        return new CallScenario(name, script, callerId, language, steps, promptDuration, audioRealTime, variables, args);
    }

    public CallScenario press(String digits) {
        return with(new ScenarioStep.Press(digits));
    }

    public CallScenario say(Path wav) {
        return with(new ScenarioStep.Say(wav));
    }

    public CallScenario pause(Duration duration) {
        return with(new ScenarioStep.Pause(duration));
    }

    /** The next Dial (to a seat) is answered and the conversation lasts {@code duration}. */
    public CallScenario talk(Duration duration) {
        return with(new ScenarioStep.Talk(duration));
    }

    public CallScenario hangUp() {
        return with(new ScenarioStep.HangUp());
    }

    /** Hang up while the server runs the first command containing {@code text}, e.g. a prompt id or "Dial". */
    public CallScenario hangUpDuring(String text) {
        return with(new ScenarioStep.HangUpDuring(text));
    }

    public CallScenario language(String lang) {
        return new CallScenario(name, script, callerId, lang, steps, promptDuration, audioRealTime, variables, arguments);
    }

    public CallScenario promptDuration(Duration duration) {
        return new CallScenario(name, script, callerId, language, steps, duration, audioRealTime, variables, arguments);
    }

    public CallScenario realTimeAudio(boolean realTime) {
        return new CallScenario(name, script, callerId, language, steps, promptDuration, realTime, variables, arguments);
    }

    public CallScenario variable(String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(variables);
        copy.put(name, value);
        return new CallScenario(this.name, script, callerId, language, steps, promptDuration, audioRealTime, copy, arguments);
    }

    private CallScenario with(ScenarioStep step) {
        List<ScenarioStep> more = new ArrayList<>(steps);
        more.add(step);
        return new CallScenario(name, script, callerId, language, more, promptDuration, audioRealTime, variables, arguments);
    }
}
