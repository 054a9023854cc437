package org.hotline.ivr.queue;

import org.hotline.ivr.ops.PhoneNumbers;

/**
 * A call handed to the distributor by the flow's enqueue node.
 *
 * @param callId        Asterisk's unique id of the channel
 * @param priorityClass a class of queues.yaml ({@code urgent}, {@code elderly} ...); blank means normal
 * @param language      the caller's language, for announcements
 * @param callerNumber  the number a callback would dial unless the caller gives another
 */
public record WaitingCall(String callId, String queue, String priorityClass, String language, String callerNumber) {

    @Override
    public String toString() {
        return "WaitingCall[callId=" + callId + ", queue=" + queue + ", priorityClass=" + priorityClass
                + ", language=" + language + ", callerNumber=" + PhoneNumbers.mask(callerNumber) + "]";
    }
}
