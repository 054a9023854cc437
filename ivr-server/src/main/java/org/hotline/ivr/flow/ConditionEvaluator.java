package org.hotline.ivr.flow;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Decides a condition node for one call: the first case whose tests all hold, else the {@code else} node. */
final class ConditionEvaluator {

    private final FlowServices services;

    ConditionEvaluator(FlowServices services) {
        this.services = services;
    }

    /** The index of the first case that holds, or -1 for else. */
    CompletionStage<Integer> decide(CallContext call, FlowNode.Condition node) {
        return decideFrom(call, node.cases(), 0);
    }

    private CompletionStage<Integer> decideFrom(CallContext call, List<FlowNode.ConditionCase> cases, int index) {
        if (index == cases.size()) {
            return CompletableFuture.completedFuture(-1);
        }
        return allHold(call, cases.get(index).tests(), 0)
                .thenCompose(holds -> holds ? CompletableFuture.completedFuture(index) : decideFrom(call, cases, index + 1));
    }

    private CompletionStage<Boolean> allHold(CallContext call, List<CallTest> tests, int index) {
        if (index == tests.size()) {
            return CompletableFuture.completedFuture(true);
        }
        return holds(call, tests.get(index))
                .thenCompose(holds -> holds ? allHold(call, tests, index + 1) : CompletableFuture.completedFuture(false));
    }

    CompletionStage<Boolean> holds(CallContext call, CallTest test) {
        ZonedDateTime now = ZonedDateTime.now(services.clock()).withZoneSameInstant(call.flow().timezone());
        boolean result;
        if (test instanceof CallTest.TimeOfDay t) {
            result = t.windows().stream().anyMatch(w -> w.contains(now.toLocalTime()));
        } else if (test instanceof CallTest.Weekday w) {
            result = w.days().contains(now.getDayOfWeek());
        } else if (test instanceof CallTest.Holiday h) {
            result = call.flow().calendar().isHoliday(now.toLocalDate()) == h.expected();
        } else if (test instanceof CallTest.CallerId c) {
            result = c.patterns().stream().anyMatch(p -> p.matcher(call.callerId()).matches());
        } else if (test instanceof CallTest.Variable v) {
            result = v.value().equals(call.variables().get(v.name()));
        } else if (test instanceof CallTest.CallLanguage l) {
            result = l.languages().contains(call.language());
        } else {
            result = false;
        }
        if (test instanceof CallTest.QueueLoad q) {
            return services.queues().load(q.queue()).thenApply(load ->
                    q.waitingOver() != null && load.waiting() > q.waitingOver()
                            || q.waitOver() != null && load.expectedWait().compareTo(q.waitOver()) > 0);
        }
        return CompletableFuture.completedFuture(result);
    }
}
