package org.hotline.ivr.flow;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiCommandChannel;

/**
 * What the runner knows about one call: who called, the language, variables, the path taken so far, and
 * the flows it runs on (fixed when the call started). Touched by one step at a time, never concurrently.
 */
public final class CallContext {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    /** One node passed: when, which, what the caller gave, and what came of it. */
    public record PathStep(Instant at, String flow, String node, String type, String input, String result) {
    }

    /** Where a subflow returns to. */
    record Frame(Flow flow, Ref next) {
    }

    private final AgiCall call;
    private final Map<String, Flow> flows;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<PathStep> path = new ArrayList<>();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final StringBuilder keys = new StringBuilder();
    private Flow flow;
    private String language;
    private String transcript = "";
    private String recording = "";
    private boolean described;
    private String orderId = "";
    private boolean enquiry;
    private String queue = "";

    CallContext(AgiCall call, Flow flow, Map<String, Flow> flows) {
        this.call = call;
        this.flow = flow;
        this.flows = flows;
        String channelLanguage = call.request().language();
        this.language = flow.languages().contains(channelLanguage) ? channelLanguage : flow.defaultLanguage();
    }

    public String callId() {
        return call.id();
    }

    public String callerId() {
        return call.request().callerId();
    }

    public AgiCall call() {
        return call;
    }

    public AgiCommandChannel agi() {
        return call.channel();
    }

    public Flow flow() {
        return flow;
    }

    void enter(Flow subflow, Ref returnTo) {
        frames.push(new Frame(flow, returnTo));
        flow = subflow;
    }

    /** Leaves the current subflow; null when this is the outermost flow. */
    Frame leave() {
        Frame frame = frames.poll();
        if (frame != null) {
            flow = frame.flow();
        }
        return frame;
    }

    Map<String, Flow> flows() {
        return flows;
    }

    public String language() {
        return language;
    }

    void language(String lang) {
        this.language = lang;
    }

    public Map<String, String> variables() {
        return variables;
    }

    /** {@code ${name}} replaced by a variable, or by {@code caller}, {@code language}, {@code callId}. */
    String expand(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "caller" -> callerId();
                case "language" -> language;
                case "callId" -> callId();
                default -> variables.getOrDefault(name, "");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    public List<PathStep> path() {
        return path;
    }

    PathStep record(FlowNode node, String input, String result) {
        PathStep step = new PathStep(Instant.now(), flow.name(), node.id(), node.type(), input, result);
        path.add(step);
        return step;
    }

    void keyed(String digits) {
        keys.append(digits);
    }

    public String keys() {
        return keys.toString();
    }

    public String transcript() {
        return transcript;
    }

    void described(String text) {
        described = true;
        transcript = transcript.isEmpty() ? text : (text.isEmpty() ? transcript : transcript + "\n" + text);
    }

    /** The last description's recording, "" if none was made. */
    public String recording() {
        return recording;
    }

    void recording(String path) {
        if (!path.isEmpty()) {
            recording = path;
        }
    }

    /** True once a describe node ran, even if nothing was recognised: the caller tried to tell us something. */
    public boolean described() {
        return described;
    }

    public String orderId() {
        return orderId;
    }

    /** True once the caller asked after a case (a progress node): this call drafts no order of its own. */
    public boolean enquiry() {
        return enquiry;
    }

    void enquiry(boolean asked) {
        this.enquiry = asked;
    }

    void orderId(String id) {
        this.orderId = id;
    }

    public String queue() {
        return queue;
    }

    void queue(String name) {
        this.queue = name;
    }
}
