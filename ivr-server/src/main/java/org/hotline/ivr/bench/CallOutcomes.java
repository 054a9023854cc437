package org.hotline.ivr.bench;

/**
 * How the calls of one run ended, seen from both ends: the simulator's (placed, completed as Asterisk
 * would see a script that ended normally, failed; slots not opened in time) and the server's (scripts that ended without error,
 * commands answered).
 */
public record CallOutcomes(long placed, long notOpened, long completed, long failed, long serverCallsOk,
                           long serverCommands, long expectedServerCommands, String firstFailure) {

    static CallOutcomes brokeOff(String why) {
        return new CallOutcomes(0, 0, 0, 0, 0, 0, 0, "run broke off: " + why);
    }

    /** True if every call placed ran its whole script on the server and ended normally on both sides. */
    public boolean allCompleted() {
        return placed > 0 && notOpened == 0 && failed == 0 && completed == placed && serverCallsOk == placed
                && serverCommands == expectedServerCommands;
    }
}
