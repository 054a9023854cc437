package org.hotline.ivr.testcall;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.AgiExecEndEvent;
import org.asteriskjava.manager.event.AgiExecStartEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;

/**
 * One simulated citizen's call, from AMI Originate to the hangup of both Local channel halves. It reacts to
 * the IVR leg's AGI commands as AMI reports them: keys when a prompt reads keys, speech when the IVR starts
 * an AudioSocket stream. Events arrive on asterisk-java's dispatch thread; actions go out on the scheduler.
 */
public final class TestCall {

    private static final Duration BETWEEN_KEYS = Duration.ofMillis(250);
    /** A key's tone length; Asterisk's manager thread is busy for that long per PlayDTMF. */
    private static final int KEY_MILLIS = 100;

    private final TestCallPlan plan;
    private final String ivrLegId;
    private final String citizenLegId;
    private final ManagerConnection ami;
    private final ManagerConnection actions;
    private final ScheduledExecutorService scheduler;
    private final Consumer<TestCallEvent> listener;
    private final long startNanos = System.nanoTime();
    private final List<TestCallEvent> events = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final StringBuilder keys = new StringBuilder();
    private final CompletableFuture<TestCallResult> result = new CompletableFuture<>();
    private String ivrChannel = "";
    private String citizenChannel = "";
    private String hangupCause = "";
    private int nextKeyGroup;
    private boolean spoke;
    private boolean ivrGone;
    private boolean citizenGone;
    private boolean citizenHungUp;

    TestCall(TestCallPlan plan, String ivrLegId, ManagerConnection ami, ManagerConnection actions,
             ScheduledExecutorService scheduler, Consumer<TestCallEvent> listener) {
        this.plan = plan;
        this.ivrLegId = ivrLegId;
        this.citizenLegId = ivrLegId + "-citizen";
        this.ami = ami;
        this.actions = actions;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /** Asterisk's uniqueid of the IVR leg: the server's call id ({@code agi_uniqueid}). */
    public String ivrLegId() {
        return ivrLegId;
    }

    String citizenLegId() {
        return citizenLegId;
    }

    /** The ;2 half, empty until Asterisk has created it. */
    public synchronized String citizenChannel() {
        return citizenChannel;
    }

    public synchronized String ivrChannel() {
        return ivrChannel;
    }

    /** The AGI commands AMI has reported so far. */
    public synchronized List<String> agiCommandsSoFar() {
        return List.copyOf(commands);
    }

    public CompletableFuture<TestCallResult> result() {
        return result;
    }

    /**
     * The citizen hangs up now (AMI Hangup of the ;2 half). Once: a second call (a test's clean-up right after its
     * own hang-up, before Asterisk has ended the IVR leg) would only ask Asterisk for a channel already gone.
     */
    public void hangUpCitizen() {
        synchronized (this) {
            if (citizenHungUp || citizenGone) {
                return;
            }
            citizenHungUp = true;
        }
        note("test", "hangup", "citizen hangs up");
        act(new HangupAction(citizenChannel()));
    }

    /** The citizen presses these keys now, one after another. */
    /** The citizen speaks {@code wav} (8 kHz mono) now, then holds in silence. */
    public void say(Path wav) {
        String file = wav.toAbsolutePath().toString().replaceFirst("\\.wav$", "");
        String citizen = citizenChannel();
        note("test", "speak", wav.getFileName().toString());
        scheduler.execute(() -> {
            act(new SetVarAction(citizen, "SAY", file));
            act(new RedirectAction(citizen, "test-caller", "say", 1));
        });
    }

    public void press(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            String digit = String.valueOf(digits.charAt(i));
            scheduler.schedule(() -> {
                note("test", "press", digit);
                PlayDtmfAction play = new PlayDtmfAction(citizenChannel(), digit);
                play.setDuration(KEY_MILLIS);
                act(play);
            }, i * BETWEEN_KEYS.toMillis(), TimeUnit.MILLISECONDS);
        }
        synchronized (this) {
            keys.append(digits);
        }
    }

    void originate() {
        OriginateAction originate = new OriginateAction();
        originate.setChannel("Local/caller@test-caller");
        originate.setChannelId(ivrLegId);
        originate.setOtherChannelId(citizenLegId);
        originate.setContext(plan.context());
        originate.setExten(plan.exten());
        originate.setPriority(1);
        originate.setCallerId(plan.callerId());
        originate.setAsync(true);
        originate.setTimeout(15_000L);
        // The citizen holds until the IVR is done with it; the driver's timeout ends runaway calls.
        originate.setVariable("HOLD", String.valueOf(plan.timeout().toSeconds()));
        if (!plan.language().isEmpty()) {
            originate.setVariable("CHANNEL(language)", plan.language());
            // ivr-in sets the hotline's default language unless IVR_LANGUAGE says otherwise.
            originate.setVariable("IVR_LANGUAGE", plan.language());
        }
        note("test", "originate", "Local/caller@test-caller -> " + plan.exten() + "@" + plan.context()
                + " from " + plan.callerId() + (plan.language().isEmpty() ? "" : " language " + plan.language()));
        scheduler.schedule(this::giveUp, plan.timeout().toMillis(), TimeUnit.MILLISECONDS);
        act(ami, originate);
    }

    synchronized void on(ManagerEvent event) {
        if (event instanceof NewChannelEvent e) {
            boolean ivr = ivrLegId.equals(e.getUniqueId());
            if (ivr) {
                ivrChannel = e.getChannel();
            } else {
                citizenChannel = e.getChannel();
            }
            note(legOf(e.getUniqueId()), "Newchannel", e.getChannel());
        } else if (event instanceof AgiExecStartEvent e) {
            commands.add(e.getCommand());
            note("ivr", "AGI>", e.getCommand());
            react(e.getCommand());
        } else if (event instanceof AgiExecEndEvent e) {
            note("ivr", "AGI<", e.getResultCode() + " " + e.getResult());
        } else if (event instanceof DtmfEndEvent e) {
            note(legOf(e.getUniqueId()), "DTMF", e.getDigit() + " " + e.getDirection().toLowerCase(Locale.ROOT));
        } else if (event instanceof HangupEvent e && event.getClass() == HangupEvent.class) {
            // Only the final Hangup: asterisk-java's HangupRequest/SoftHangupRequest events are subclasses.
            hungUp(e);
        } else if (event instanceof OriginateResponseEvent e && "Failure".equalsIgnoreCase(e.getResponse())) {
            note("test", "failed", "Asterisk could not place the call: reason " + e.getReason());
            finish(false);
        }
    }

    private void hungUp(HangupEvent e) {
        boolean ivr = ivrLegId.equals(e.getUniqueId());
        String cause = "cause " + e.getCause() + (e.getCauseTxt() == null ? "" : " " + e.getCauseTxt());
        note(legOf(e.getUniqueId()), "Hangup", cause);
        if (ivr) {
            ivrGone = true;
            hangupCause = cause;
        } else {
            citizenGone = true;
        }
        if (ivrGone && citizenGone) {
            finish(false);
        }
    }

    /** Keys at prompts that read keys, speech when the IVR starts listening. */
    private void react(String command) {
        if (AgiCommands.readsKeys(command) && nextKeyGroup < plan.keyGroups().size()) {
            String group = plan.keyGroups().get(nextKeyGroup++);
            if (!group.isEmpty()) {
                scheduler.schedule(() -> press(group), plan.keyDelay().toMillis(), TimeUnit.MILLISECONDS);
            }
        } else if (AgiCommands.startsAudioSocket(command) && plan.speech().isPresent() && !spoke) {
            spoke = true;
            say(plan.speech().get());
        }
    }

    private void giveUp() {
        if (result.isDone()) {
            return;
        }
        note("test", "timeout", "no hangup within " + plan.timeout().toSeconds() + " s: hanging up");
        String channel = ivrChannel();
        if (!channel.isEmpty()) {
            act(new HangupAction(channel));
        }
        synchronized (this) {
            finish(true);
        }
    }

    private void finish(boolean timedOut) {
        if (result.isDone()) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        result.complete(new TestCallResult(ivrLegId, ivrChannel, commands, keys.toString(), hangupCause, timedOut,
                took, events));
    }

    /** Sends without waiting: PlayDTMF, for one, answers only once the key has played. */
    private void act(ManagerAction action) {
        act(actions, action);
    }

    private void act(ManagerConnection line, ManagerAction action) {
        try {
            line.sendAction(action, response -> {
                if (!"Success".equalsIgnoreCase(response.getResponse())) {
                    note("test", "refused", action.getAction() + ": " + response.getMessage());
                }
            });
        } catch (IOException | IllegalStateException e) {
            note("test", "failed", action.getAction() + ": " + e.getMessage());
        }
    }

    private String legOf(String uniqueId) {
        return ivrLegId.equals(uniqueId) ? "ivr" : "citizen";
    }

    private void note(String leg, String kind, String detail) {
        TestCallEvent event = new TestCallEvent(Duration.ofNanos(System.nanoTime() - startNanos), leg, kind, detail);
        synchronized (this) {
            events.add(event);
        }
        listener.accept(event);
    }
}
