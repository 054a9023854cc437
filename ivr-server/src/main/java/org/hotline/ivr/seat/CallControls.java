package org.hotline.ivr.seat;

import java.util.List;

/**
 * What a seat does to its own live call beyond talking, and a supervisor's listen-in, carried out by the PBX
 * (implemented over AMI where the console is built). The console has checked the role and that the call is the
 * seat's; an implementation checks the call is still there.
 */
public interface CallControls {

    /** What a seat may ask. */
    enum Action {
        /** End the call (the seat's side hangs up; the caller hears the flow's goodbye). */
        HANGUP,
        /** Caller hears hold music; the seat's phone stays connected. */
        HOLD,
        /** Back to the held caller (also ends a consultation). */
        RESUME,
        /** Blind transfer to a target: a number (unit, emergency, team leader) or another queue. */
        TRANSFER,
        /** Caller held, the seat rings a target and talks to them alone. */
        CONSULT,
        /** Attended transfer: the consulted party and the caller are connected, the seat leaves. */
        COMPLETE,
        /** The consulted party joins the seat and the caller: a three-way call. */
        THREEWAY
    }

    /**
     * Where a seat can send a call: ids only, so a seat never dials a number of its own choosing.
     *
     * @param kind {@code unit}, {@code emergency}, {@code leader} (dialled), or {@code queue} (the caller waits there)
     */
    record Target(String id, String label, String kind) {
    }

    /** How an action went: {@code state} is the call's control state afterwards (talking, held, consulting ...). */
    record Outcome(String state, String detail) {
    }

    /** The action cannot be done now (the call ended, nothing to resume ...) or the PBX refused it. */
    final class Refused extends RuntimeException {
        private final boolean unavailable;

        public Refused(String message, boolean unavailable) {
            super(message);
            this.unavailable = unavailable;
        }

        /** The PBX could not be reached (503) rather than the action not fitting the call's state (409). */
        public boolean unavailable() {
            return unavailable;
        }
    }

    List<Target> targets();

    /** @param target a {@link Target#id()} for TRANSFER and CONSULT, else ignored */
    Outcome act(String seatId, String callId, Action action, String target);

    /** The call's control state now: talking, held, consulting ("" when the PBX cannot tell). */
    String state(String callId);

    /**
     * Rings the supervisor's phone; once answered it hears the seat's call ({@code whisper}: and speaks to the
     * seat alone).
     */
    Outcome listen(String supervisorId, String seatId, String callId, boolean whisper);

    /** A console without a PBX link: every action is refused as unavailable. */
    CallControls NONE = new CallControls() {
        @Override
        public List<Target> targets() {
            return List.of();
        }

        @Override
        public Outcome act(String seatId, String callId, Action action, String target) {
            throw new Refused("call controls need AMI (ami.enabled)", true);
        }

        @Override
        public String state(String callId) {
            return "";
        }

        @Override
        public Outcome listen(String supervisorId, String seatId, String callId, boolean whisper) {
            throw new Refused("listening in needs AMI (ami.enabled)", true);
        }
    };
}
