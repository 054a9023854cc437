package org.hotline.ivr.flow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiScript;
import org.hotline.ivr.agi.AgiScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs loaded flows as AGI scripts, one script per flow name ({@code agi://host/12345} runs {@code 12345.yaml}).
 * Each call takes the library's versions as they are when it starts and keeps them to its end.
 */
public final class FlowRunner {

    private static final Logger log = LoggerFactory.getLogger(FlowRunner.class);

    private final FlowLibrary library;
    private final FlowServices services;
    private final JourneyStore journeys;
    private final CallsInIvr callsInIvr;
    private final Map<String, List<Consumer<FlowEnding>>> endings = new ConcurrentHashMap<>();

    public FlowRunner(FlowLibrary library, FlowServices services, JourneyStore journeys, CallsInIvr callsInIvr) {
        this.library = library;
        this.services = services;
        this.journeys = journeys;
        this.callsInIvr = callsInIvr;
    }

    /** Registers every loaded flow under its name; call again after a reload that added flows. */
    public void registerAll(AgiScripts scripts) {
        library.snapshot().forEach((name, flow) -> scripts.register(name, "flow " + flow.file(), script(name)));
    }

    public AgiScript script(String flowName) {
        return call -> run(flowName, call);
    }

    /** Completes with the call's outcome once its journey is written. */
    public CompletionStage<String> run(String flowName, AgiCall call) {
        Map<String, Flow> versions = library.snapshot();
        Flow flow = versions.get(flowName);
        if (flow == null) {
            return call.channel().send(new HangupCommand()).handle((r, e) -> "no flow " + flowName);
        }
        CallContext context = new CallContext(call, flow, versions);
        return new FlowRun(context, services, journeys.open(context), callsInIvr.presence(context.callId())).start()
                .thenApply(outcome -> ended(flowName, context, outcome));
    }

    private String ended(String flowName, CallContext context, String outcome) {
        List<Consumer<FlowEnding>> listeners = endings.getOrDefault(flowName, List.of());
        if (!listeners.isEmpty()) {
            FlowEnding ending = new FlowEnding(flowName, context.callId(), context.call().request().arguments(),
                    Map.copyOf(context.variables()), outcome);
            listeners.forEach(listener -> tell(listener, ending));
        }
        return outcome;
    }

    /** A listener that fails (Redis down while recording answers) is logged; the call's end is not held up. */
    private static void tell(Consumer<FlowEnding> listener, FlowEnding ending) {
        try {
            listener.accept(ending);
        } catch (RuntimeException e) {
            log.warn("flow {} call {}: end listener failed: {}",
                    ending.flow(), ending.callId(), e.toString());
        }
    }

    /** {@code listener} hears of every run of flow {@code flowName} once it has ended (also by a hang-up). */
    public FlowRunner onEnd(String flowName, Consumer<FlowEnding> listener) {
        endings.computeIfAbsent(flowName, name -> new CopyOnWriteArrayList<>()).add(listener);
        return this;
    }

    public JourneyStore journeys() {
        return journeys;
    }

    /** The calls in the IVR now, across nodes (for the wallboard). */
    public CallsInIvr callsInIvr() {
        return callsInIvr;
    }
}
