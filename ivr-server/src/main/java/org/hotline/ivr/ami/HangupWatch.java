package org.hotline.ivr.ami;

import java.util.HashSet;
import java.util.Set;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.StatusEvent;

/** Forwards hangups to {@link CallHangups}, and the list of live channels after every (re)connect. */
public final class HangupWatch implements AmiSubscriber {

    private final CallHangups sink;

    public HangupWatch(CallHangups sink) {
        this.sink = sink;
    }

    @Override
    public void onEvent(AmiLink link, ManagerEvent event) {
        if (event instanceof HangupEvent hangup && hangup.getUniqueId() != null) {
            sink.hungUp(new CallHangup(link.name(), hangup.getUniqueId(), hangup.getLinkedId(), hangup.getChannel(),
                    hangup.getCause() == null ? 0 : hangup.getCause(), hangup.getCauseTxt()));
        }
    }

    /** {@code Status} rather than {@code CoreShowChannels}: it needs only the "call" write class we already hold. */
    @Override
    public void onLinkUp(AmiLink link) {
        ResponseEvents status = link.requestList(new StatusAction());
        Set<String> alive = new HashSet<>();
        status.getEvents().stream()
                .filter(StatusEvent.class::isInstance)
                .map(event -> ((StatusEvent) event).getUniqueId())
                .filter(id -> id != null && !id.isEmpty())
                .forEach(alive::add);
        sink.stillActive(link.name(), alive);
    }
}
