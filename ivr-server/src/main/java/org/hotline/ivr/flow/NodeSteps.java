package org.hotline.ivr.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SayNumberCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.hotline.ivr.agi.AgiHangupException;

/** What each kind of node does on a call; one step returns where the call goes next. */
final class NodeSteps {

    private final FlowServices services;
    private final ChoiceSteps choices;
    private final ConditionEvaluator conditions;
    private final ChoiceSteps.Recorder recorder;
    private final CallsInIvr.Presence inIvr;

    /** {@code inIvr} is left while the call waits in a queue or talks on another line: it is not in the menus. */
    NodeSteps(FlowServices services, ChoiceSteps.Recorder recorder, CallsInIvr.Presence inIvr) {
        this.services = services;
        this.recorder = recorder;
        this.inIvr = inIvr;
        this.choices = new ChoiceSteps(services, recorder);
        this.conditions = new ConditionEvaluator(services);
    }

    CompletionStage<Transition> run(CallContext call, FlowNode node) {
        if (node instanceof FlowNode.Play play) {
            return KeyInput.play(call, play.promptList()).thenApply(r -> {
                recorder.record(call, node, "", "played " + play.promptList());
                return Transition.to(play.next());
            });
        } else if (node instanceof FlowNode.Language language) {
            return choices.language(call, language, 0);
        } else if (node instanceof FlowNode.Menu menu) {
            return choices.menu(call, menu, 0);
        } else if (node instanceof FlowNode.Collect collect) {
            return choices.collect(call, collect, 0);
        } else if (node instanceof FlowNode.Describe describe) {
            return describe(call, describe);
        } else if (node instanceof FlowNode.Condition condition) {
            return condition(call, condition);
        } else if (node instanceof FlowNode.SetVariables set) {
            return set(call, set);
        } else if (node instanceof FlowNode.Enqueue enqueue) {
            return enqueue(call, enqueue);
        } else if (node instanceof FlowNode.Transfer transfer) {
            return transfer(call, transfer);
        } else if (node instanceof FlowNode.Progress progress) {
            return progress(call, progress);
        } else if (node instanceof FlowNode.Goto go) {
            return done(call, node, "-> " + go.target().name(), Transition.to(go.target()));
        } else if (node instanceof FlowNode.Subflow subflow) {
            return subflow(call, subflow);
        } else if (node instanceof FlowNode.Hangup hangup) {
            return KeyInput.play(call, hangup.prompt())
                    .thenCompose(r -> call.agi().send(new HangupCommand()))
                    .thenApply(r -> {
                        recorder.record(call, node, "", "hung up");
                        return Transition.end(FlowRun.COMPLETED);
                    });
        }
        return back(call, (FlowNode.Return) node);
    }

    private CompletionStage<Transition> done(CallContext call, FlowNode node, String result, Transition next) {
        recorder.record(call, node, "", result);
        return CompletableFuture.completedFuture(next);
    }

    /**
     * The draft order is made the moment the description ends, before anything else is played or queued: a
     * crash, a hang-up or Redis going away after this point cannot lose the caller's words.
     */
    private CompletionStage<Transition> describe(CallContext call, FlowNode.Describe node) {
        return KeyInput.play(call, node.prompt())
                .thenCompose(r -> services.descriptions().capture(call, node))
                .thenCompose(description -> {
                    call.described(description.transcript());
                    call.recording(description.recording());
                    call.variables().put(node.into(), description.transcript());
                    String said = !description.transcript().isEmpty() ? description.transcript()
                            : "(" + (description.note().isEmpty() ? "no transcript" : description.note()) + ")";
                    recorder.record(call, node, said, description.callerHungUp() ? "caller hung up while speaking"
                            : description.ended().isEmpty() ? "described" : "described, ended by " + description.ended());
                    return draft(call, node).thenApply(x -> {
                        if (description.callerHungUp()) {
                            throw new AgiHangupException("caller hung up while describing");
                        }
                        return Transition.to(node.next());
                    });
                });
    }

    /** Writes the call's draft order now (once per call: the order part's claim by call id) and journals it. */
    private CompletionStage<String> draft(CallContext call, FlowNode node) {
        return services.orders().draft(call).handle((orderId, failure) -> {
            if (failure != null) {
                // The run's end (or the enqueue) tries again; the spool keeps it if Redis stays away.
                recorder.note(call, node, "draft order not written: " + rootMessage(failure));
                return "";
            }
            call.orderId(orderId);
            String recording = call.recording().isEmpty() ? "" : " with recording " + call.recording();
            recorder.note(call, node, orderId.isEmpty() ? "draft order kept in the local spool" + recording
                    + " (Redis away): it reaches Redis when Redis is back" : "draft order " + orderId + " written" + recording);
            return orderId;
        });
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    private CompletionStage<Transition> condition(CallContext call, FlowNode.Condition node) {
        return conditions.decide(call, node).thenApply(index -> {
            Ref next = index < 0 ? node.otherwise() : node.cases().get(index).then();
            recorder.record(call, node, "", (index < 0 ? "else" : "case " + (index + 1)) + " -> " + next.name());
            return Transition.to(next);
        });
    }

    private CompletionStage<Transition> set(CallContext call, FlowNode.SetVariables node) {
        List<String> assigned = new ArrayList<>();
        node.values().forEach((name, value) -> {
            String expanded = call.expand(value);
            call.variables().put(name, expanded);
            assigned.add(name + "=" + expanded);
        });
        return done(call, node, String.join(" ", assigned), Transition.to(node.next()));
    }

    /**
     * The draft order is written before anything is played or the call queued (a call that reached no describe
     * node gets its draft here); whatever happens next, the caller's words are kept.
     */
    private CompletionStage<Transition> enqueue(CallContext call, FlowNode.Enqueue node) {
        List<String> skills = new ArrayList<>(node.skills());
        if (!skills.contains(call.language())) {
            skills.add(call.language());
        }
        String queue = call.expand(node.queue());
        call.queue(queue);
        CompletionStage<String> drafted = call.orderId().isEmpty() && !call.enquiry() ? draft(call, node)
                : CompletableFuture.completedFuture(call.orderId());
        return drafted
                .thenCompose(orderId -> KeyInput.play(call, node.announce()))
                .thenCompose(r -> {
                    inIvr.leave();
                    return services.queueing().enqueue(call, new FlowServices.QueueRequest(queue,
                            node.priority(), node.priorityClass(), List.copyOf(skills), call.language(), call.orderId(),
                            node.hold(), line -> recorder.note(call, node, line)));
                })
                .thenApply(outcome -> {
                    recorder.record(call, node, "", "queue " + queue + " priority " + node.priority()
                            + " skills " + skills + ": " + outcome);
                    return Transition.end("queued: " + outcome);
                });
    }

    /** Tells the caller their case (or "not found"); the call then carries that order and drafts none. */
    private CompletionStage<Transition> progress(CallContext call, FlowNode.Progress node) {
        String entered = call.expand(node.order()).replaceAll("[^0-9]", "");
        call.enquiry(true);
        return services.orders().progress(call, entered).thenCompose(found -> {
            if (!found.found()) {
                return KeyInput.play(call, new Ref("progress-not-found", node.pos())).thenApply(r -> {
                    recorder.record(call, node, entered, "not found");
                    return Transition.to(node.next());
                });
            }
            call.orderId(found.orderId());
            CompletionStage<?> told = KeyInput.play(call, new Ref("progress-your-order", node.pos()))
                    .thenCompose(r -> KeyInput.send(call, new SayDigitsCommand(found.number(), "")))
                    .thenCompose(r -> KeyInput.play(call, new Ref("progress-status-" + found.status(), node.pos())));
            if (found.dispatchBy() != null) {
                told = told.thenCompose(r -> KeyInput.play(call, new Ref("progress-dispatch-by", node.pos())))
                        .thenCompose(r -> sayWhen(call, node, found.dispatchBy()));
            }
            return told.thenApply(r -> {
                recorder.record(call, node, entered, "order " + found.orderId() + ": " + found.status());
                return Transition.to(node.next());
            });
        });
    }

    /**
     * A deadline in the flow's local time, with numbers (SAY NUMBER, whose sounds every language's PBX has) and the
     * flow's own words: today / tomorrow / month M day D, then hour H (and minute M): "明天 10 点", "tomorrow 10
     * o'clock 30". Asterisk's SAY DATETIME would need date words no Mandarin or Korean sound set ships.
     */
    private CompletionStage<?> sayWhen(CallContext call, FlowNode.Progress node, java.time.Instant when) {
        java.time.ZoneId zone = call.flow().timezone();
        java.time.ZonedDateTime due = when.atZone(zone);
        java.time.LocalDate today = java.time.LocalDate.now(services.clock().withZone(zone));
        CompletionStage<?> said;
        if (due.toLocalDate().equals(today)) {
            said = KeyInput.play(call, new Ref("progress-today", node.pos()));
        } else if (due.toLocalDate().equals(today.plusDays(1))) {
            said = KeyInput.play(call, new Ref("progress-tomorrow", node.pos()));
        } else {
            said = number(call, due.getMonthValue())
                    .thenCompose(r -> KeyInput.play(call, new Ref("progress-month", node.pos())))
                    .thenCompose(r -> number(call, due.getDayOfMonth()))
                    .thenCompose(r -> KeyInput.play(call, new Ref("progress-day", node.pos())));
        }
        said = said.thenCompose(r -> number(call, due.getHour()))
                .thenCompose(r -> KeyInput.play(call, new Ref("progress-hour", node.pos())));
        if (due.getMinute() > 0) {
            said = said.thenCompose(r -> number(call, due.getMinute()))
                    .thenCompose(r -> KeyInput.play(call, new Ref("progress-minute", node.pos())));
        }
        return said;
    }

    private static CompletionStage<?> number(CallContext call, int value) {
        return KeyInput.send(call, new SayNumberCommand(Integer.toString(value), ""));
    }

    private CompletionStage<Transition> transfer(CallContext call, FlowNode.Transfer node) {
        String target = call.expand(node.to());
        return KeyInput.play(call, node.announce())
                .thenCompose(r -> {
                    inIvr.leave();
                    return KeyInput.send(call, new ExecCommand("Dial", target + "," + node.timeout().toSeconds()));
                })
                .thenCompose(r -> call.agi().send(new GetVariableCommand("DIALSTATUS")))
                .thenApply(reply -> {
                    String status = DialStatus.of(reply);
                    boolean answered = status.equals("ANSWER");
                    Transition next = answered || node.onFail() == null ? Transition.end("transferred " + target
                            + ": " + status) : Transition.to(node.onFail());
                    if (!next.ends()) {
                        inIvr.enter();
                    }
                    recorder.record(call, node, "", "dial " + target + ": " + status);
                    return next;
                });
    }

    private CompletionStage<Transition> subflow(CallContext call, FlowNode.Subflow node) {
        Flow target = call.flows().get(node.flow().name());
        if (target == null) {
            throw new IllegalStateException("subflow " + node.flow().name() + " is not loaded");
        }
        recorder.record(call, node, "", "enter " + target.name());
        call.enter(target, node.next());
        return CompletableFuture.completedFuture(Transition.to(target.start()));
    }

    private CompletionStage<Transition> back(CallContext call, FlowNode.Return node) {
        recorder.record(call, node, "", "return");
        CallContext.Frame frame = call.leave();
        if (frame == null) {
            return call.agi().send(new HangupCommand()).thenApply(r -> Transition.end(FlowRun.COMPLETED));
        }
        return CompletableFuture.completedFuture(Transition.to(frame.next()));
    }
}
