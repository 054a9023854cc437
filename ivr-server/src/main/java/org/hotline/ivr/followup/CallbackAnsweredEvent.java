package org.hotline.ivr.followup;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.UserEvent;

/** {@code UserEvent(CallbackAnswered,CallbackId: ..,Attempt: ..)}: the citizen picked up. */
@AsteriskMapping("CallbackAnswered")
public final class CallbackAnsweredEvent extends UserEvent {
    private static final long serialVersionUID = 1L;
    private String callbackId;
    private String attempt;

    public CallbackAnsweredEvent(Object source) {
        super(source);
    }

    public String getCallbackId() {
        return callbackId;
    }

    public void setCallbackId(String callbackId) {
        this.callbackId = callbackId;
    }

    public String getAttempt() {
        return attempt;
    }

    public void setAttempt(String attempt) {
        this.attempt = attempt;
    }
}
