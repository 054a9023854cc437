package org.hotline.ivr.ami;

/**
 * Where a seat's readiness lives (the queue): the AMI side pauses a seat whose phone became unreachable
 * and puts it back when the phone returns. The seat's former state is opaque here: whatever
 * {@link #pauseForDevice} returns is handed back unchanged to {@link #restore}.
 */
public interface SeatDeviceStates {

    /** Pauses the seat with {@code reason} so no call is offered to it; returns its state before, to restore later. */
    String pauseForDevice(String seatId, String reason);

    /** The phone is back: the seat returns to {@code formerState} (a seat that was paused stays paused). */
    void restore(String seatId, String formerState);
}
