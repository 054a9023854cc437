package org.hotline.ivr.flow;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiScript;
import org.hotline.ivr.agi.AgiScripts;

/**
 * Runs loaded flows as AGI scripts, one script per flow name ({@code agi://host/12345} runs {@code 12345.yaml}).
 * Each call takes the library's versions as they are when it starts and keeps them to its end.
 */
public final class FlowRunner {

    private final FlowLibrary library;
    private final FlowServices services;
    private final JourneyStore journeys;
    private final CallsInIvr callsInIvr;

    public FlowRunner(FlowLibrary library, FlowServices services, JourneyStore journeys, CallsInIvr callsInIvr) {
        this.library = library;
        this.services = services;
        this.journeys = journeys;
        this.callsInIvr = callsInIvr;
    }

    /** Registers every loaded flow under its name; call again after a reload that added flows. */
    public void registerAll(AgiScripts scripts) {
        library.names().forEach(name -> scripts.register(name, script(name)));
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
        return new FlowRun(context, services, journeys.open(context), callsInIvr.presence(context.callId())).start();
    }

    public JourneyStore journeys() {
        return journeys;
    }

    /** The calls in the IVR now, across nodes (for the wallboard). */
    public CallsInIvr callsInIvr() {
        return callsInIvr;
    }
}
