package org.hotline.ivr.followup;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.UserEvent;

/** {@code UserEvent(CallbackDialed,CallbackId: ..,Attempt: ..,DialStatus: ..)}: the Dial to the citizen ended. */
@AsteriskMapping("CallbackDialed")
public final class CallbackDialedEvent extends UserEvent {
    private static final long serialVersionUID = 1L;
    private String callbackId;
    private String attempt;
    private String dialStatus;

    public CallbackDialedEvent(Object source) {
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

    public String getDialStatus() {
        return dialStatus;
    }

    public void setDialStatus(String dialStatus) {
        this.dialStatus = dialStatus;
    }
}
