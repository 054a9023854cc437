package org.hotline.ivr.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The caller's side of one call, as Asterisk would present it: decides the reply to each AGI command
 * from the scenario's next steps. Pure logic, no I/O: the client carries out what it returns.
 */
final class SimulatedChannel {

    private static final String ANSWERED_CONTEXT = "ivr-queue-answered";
    private static final String ANSWERED_SCRIPT = "queue-answered";
    static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";

    private final Deque<ScenarioStep> steps;
    private final Duration prompt;
    private final Map<String, String> variables;
    private final StringBuilder keysRead = new StringBuilder();
    private final java.util.List<String> prompts = new java.util.ArrayList<>();
    private boolean hungUp;
    private boolean serverHungUp;

    SimulatedChannel(CallScenario scenario) {
        this.steps = new ArrayDeque<>(scenario.steps());
        this.prompt = scenario.promptDuration();
        this.variables = new HashMap<>(scenario.variables());
    }

    boolean hungUp() {
        return hungUp;
    }

    /** True if the server, not the caller, ended the call with the HANGUP command. */
    boolean lastCommandWasHangup() {
        return serverHungUp;
    }

    String keysRead() {
        return keysRead.toString();
    }

    java.util.List<String> prompts() {
        return java.util.List.copyOf(prompts);
    }

    SimAction answer(String line) {
        AgiCommandLine cmd = AgiCommandLine.parse(line);
        if (hungUp) {
            return onDeadChannel(cmd);
        }
        notePrompt(cmd);
        Duration wait = takePause();
        if (steps.peek() instanceof ScenarioStep.HangUp && takesTime(cmd) && !cmd.is("EXEC", "AUDIOSOCKET")
                || steps.peek() instanceof ScenarioStep.HangUpDuring during && line.contains(during.text())) {
            steps.poll();
            hungUp = true;
            return new SimAction.HangUpDuring(hangUpReply(cmd), true);
        }
        SimAction action = answer(cmd);
        if (action instanceof SimAction.Reply r && !wait.isZero()) {
            return new SimAction.Reply(r.line(), r.after().plus(wait));
        }
        return action;
    }

    private SimAction answer(AgiCommandLine cmd) {
        if (cmd.is("ANSWER")) {
            return reply("200 result=0");
        }
        if (cmd.is("HANGUP")) {
            hungUp = true;
            serverHungUp = true;
            return new SimAction.HangUpDuring("200 result=1", false);
        }
        if (cmd.is("NOOP")) {
            return reply("200 result=0");
        }
        if (cmd.is("STREAM", "FILE") || cmd.is("CONTROL", "STREAM", "FILE") || cmd.is("GET", "OPTION")) {
            int escapeIndex = cmd.is("STREAM", "FILE") || cmd.is("GET", "OPTION") ? 3 : 4;
            return playInterruptibly(cmd.arg(escapeIndex));
        }
        if (cmd.is("GET", "DATA")) {
            return getData(cmd.intArg(4, 1024));
        }
        if (cmd.is("WAIT", "FOR", "DIGIT")) {
            String key = takeKeys(1, "0123456789*#ABCD");
            return key.isEmpty() ? new SimAction.Reply("200 result=0", prompt) : reply("200 result=" + (int) key.charAt(0));
        }
        if (cmd.is("SAY")) {
            return new SimAction.Reply("200 result=0", prompt);
        }
        if (cmd.is("SET", "VARIABLE")) {
            variables.put(cmd.arg(2), cmd.arg(3));
            return reply("200 result=1");
        }
        if (cmd.is("GET", "VARIABLE") || cmd.is("GET", "FULL", "VARIABLE")) {
            String value = variables.get(cmd.is("GET", "VARIABLE") ? cmd.arg(2) : cmd.arg(3).replaceAll("[${}]", ""));
            return reply(value == null ? "200 result=0" : "200 result=1 (" + value + ")");
        }
        if (cmd.is("EXEC")) {
            return exec(cmd.arg(1), cmd.arg(2));
        }
        if (cmd.is("CHANNEL", "STATUS")) {
            return reply("200 result=6");
        }
        if (cmd.is("RECORD", "FILE")) {
            return new SimAction.Reply("200 result=0 (timeout) endpos=0", prompt);
        }
        if (cmd.is("VERBOSE") || cmd.is("SET") || cmd.is("DATABASE")) {
            return reply("200 result=1");
        }
        return reply("510 Invalid or unknown command");
    }

    private SimAction playInterruptibly(String escapeDigits) {
        String key = escapeDigits.isEmpty() ? "" : takeKeys(1, escapeDigits);
        if (!key.isEmpty()) {
            return reply("200 result=" + (int) key.charAt(0) + " endpos=800");
        }
        return new SimAction.Reply("200 result=0 endpos=" + prompt.toMillis() * 8, prompt);
    }

    private SimAction getData(int maxDigits) {
        if (!(steps.peek() instanceof ScenarioStep.Press press)) {
            return new SimAction.Reply("200 result= (timeout)", prompt);
        }
        steps.poll();
        String digits = press.digits();
        int end = digits.indexOf('#');
        String taken = digits.substring(0, Math.min(end < 0 ? digits.length() : end, maxDigits));
        keysRead.append(taken);
        // Asterisk marks a read that ended on the timeout, not on # or the maximum count: "result=1 (timeout)".
        boolean timedOut = end < 0 && taken.length() < maxDigits;
        return timedOut ? new SimAction.Reply("200 result=" + taken + " (timeout)", prompt) : reply("200 result=" + taken);
    }

    private SimAction exec(String application, String options) {
        String app = application.toLowerCase(java.util.Locale.ROOT);
        if (app.equals("audiosocket")) {
            return audioSocket(options);
        }
        if (app.equals("dial")) {
            variables.putIfAbsent("DIALSTATUS", "ANSWER");
            Duration talk = prompt;
            if (steps.peek() instanceof ScenarioStep.Talk t) {
                steps.poll();
                talk = t.duration();
            }
            return answeredDial(options, talk);
        }
        if (app.equals("playback") || app.equals("musiconhold") || app.equals("wait") || app.equals("background")) {
            return new SimAction.Reply("200 result=0", prompt);
        }
        return reply("200 result=0");
    }

    /**
     * What the shipped dialplan does when the seat answers: Dial's {@code U(ivr-queue-answered^call^seat^queue)}
     * runs {@code [ivr-queue-answered]}, whose one line is {@code AGI(agi://ivr-host:4573/queue-answered,ARG1,ARG2,ARG3)}.
     * Another subroutine (or none) runs nothing here.
     */
    private SimAction answeredDial(String options, Duration talk) {
        java.util.regex.Matcher gosub = java.util.regex.Pattern.compile("U\\(([^)]*)\\)").matcher(options);
        if (!variables.get("DIALSTATUS").equals("ANSWER")) {
            return new SimAction.Reply("200 result=0", prompt);
        }
        if (gosub.find()) {
            java.util.List<String> parts = java.util.List.of(gosub.group(1).split("\\^"));
            if (parts.get(0).equals(ANSWERED_CONTEXT)) {
                return new SimAction.SeatAnswers("200 result=0", talk, ANSWERED_SCRIPT, parts.subList(1, parts.size()));
            }
        }
        return new SimAction.SeatAnswers("200 result=0", talk, "", java.util.List.of());
    }

    private SimAction audioSocket(String options) {
        String[] parts = options.split(",");
        String target = parts.length > 1 ? parts[1] : "";
        int colon = target.lastIndexOf(':');
        if (parts.length < 2 || colon < 0) {
            return reply("200 result=-1");
        }
        java.nio.file.Path wav = null;
        if (steps.peek() instanceof ScenarioStep.Say say) {
            steps.poll();
            wav = say.wav();
        }
        String keys = "";
        if (steps.peek() instanceof ScenarioStep.Press press) {
            steps.poll();
            keys = press.digits();
            keysRead.append(keys);
        }
        boolean hangUp = steps.peek() instanceof ScenarioStep.HangUp;
        if (hangUp) {
            steps.poll();
            hungUp = true;
        }
        int port = Integer.parseInt(target.substring(colon + 1));
        return new SimAction.StreamAudio(parts[0], target.substring(0, colon), port, wav, keys, hangUp);
    }

    private void notePrompt(AgiCommandLine cmd) {
        if (cmd.is("STREAM", "FILE") || cmd.is("GET", "DATA") || cmd.is("GET", "OPTION")) {
            prompts.add(cmd.arg(2));
        } else if (cmd.is("CONTROL", "STREAM", "FILE")) {
            prompts.add(cmd.arg(3));
        } else if (cmd.is("EXEC", "PLAYBACK") || cmd.is("EXEC", "BACKGROUND")) {
            prompts.add(cmd.arg(2).split(",")[0]);
        }
    }

    private Duration takePause() {
        Duration total = Duration.ZERO;
        while (steps.peek() instanceof ScenarioStep.Pause pause) {
            steps.poll();
            total = total.plus(pause.duration());
        }
        return total;
    }

    /** Takes up to {@code count} keys of the next Press step, if its first key is one the command accepts. */
    private String takeKeys(int count, String accepted) {
        if (!(steps.peek() instanceof ScenarioStep.Press press) || press.digits().isEmpty()
                || accepted.indexOf(press.digits().charAt(0)) < 0) {
            return "";
        }
        steps.poll();
        String taken = press.digits().substring(0, Math.min(count, press.digits().length()));
        String rest = press.digits().substring(taken.length());
        if (!rest.isEmpty()) {
            steps.push(new ScenarioStep.Press(rest));
        }
        keysRead.append(taken);
        return taken;
    }

    /**
     * After a hangup Asterisk still runs the commands that need no live channel (res_agi marks them so) and
     * answers 511 to the rest.
     */
    private SimAction onDeadChannel(AgiCommandLine cmd) {
        if (cmd.is("NOOP")) {
            return reply("200 result=0");
        }
        if (cmd.is("EXEC")) {
            String app = cmd.arg(1).toLowerCase(java.util.Locale.ROOT);
            boolean needsMedia = app.equals("audiosocket") || app.equals("dial") || app.equals("playback")
                    || app.equals("background") || app.equals("queue") || app.equals("musiconhold");
            return reply(needsMedia ? "200 result=-1" : "200 result=0");
        }
        if (cmd.is("VERBOSE") || cmd.is("SET", "VARIABLE") || cmd.is("GET", "VARIABLE")
                || cmd.is("GET", "FULL", "VARIABLE") || cmd.is("DATABASE")) {
            return answer(cmd);
        }
        return reply(DEAD);
    }

    /** Commands during which a caller can hang up: they play, wait or run an application. */
    private static boolean takesTime(AgiCommandLine cmd) {
        return readsKeys(cmd) || cmd.is("SAY") || cmd.is("EXEC") || cmd.is("RECORD", "FILE");
    }

    /** What Asterisk answers to the command the caller hung up during (its HANGUP line follows). */
    private String hangUpReply(AgiCommandLine cmd) {
        boolean playsFile = cmd.is("STREAM", "FILE") || cmd.is("CONTROL", "STREAM", "FILE") || cmd.is("GET", "OPTION");
        return playsFile ? "200 result=-1 endpos=" + prompt.toMillis() * 4 : "200 result=-1";
    }

    private static boolean readsKeys(AgiCommandLine cmd) {
        return cmd.is("STREAM", "FILE") || cmd.is("GET", "DATA") || cmd.is("WAIT", "FOR", "DIGIT")
                || cmd.is("CONTROL", "STREAM", "FILE") || cmd.is("GET", "OPTION");
    }

    private static SimAction reply(String line) {
        return new SimAction.Reply(line, Duration.ZERO);
    }
}
