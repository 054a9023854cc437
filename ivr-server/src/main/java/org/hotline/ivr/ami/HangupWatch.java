package org.hotline.ivr.ami;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.StatusCompleteEvent;
import org.asteriskjava.manager.event.StatusEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards hangups to {@link CallHangups}, and the list of live channels after every (re)connect. Only a complete,
 * successful list is handed on: the clean-up ends every call the list leaves out, so a refused or cut-off list would
 * end live calls.
 */
public final class HangupWatch implements AmiSubscriber {

    private static final Logger log = LoggerFactory.getLogger(HangupWatch.class);

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
        ResponseEvents status;
        try {
            status = link.requestList(new StatusAction());
        } catch (AmiUnavailableException e) {
            log.warn("AMI {}: no channel list after connect ({}); calls are not checked against it", link.name(),
                    e.getMessage());
            return;
        }
        Optional<String> incomplete = incomplete(status);
        if (incomplete.isPresent()) {
            log.warn("AMI {}: channel list after connect {}; calls are not checked against it", link.name(),
                    incomplete.get());
            return;
        }
        Set<String> alive = new HashSet<>();
        status.getEvents().stream()
                .filter(StatusEvent.class::isInstance)
                .map(event -> ((StatusEvent) event).getUniqueId())
                .filter(id -> id != null && !id.isEmpty())
                .forEach(alive::add);
        sink.stillActive(link.name(), alive);
    }

    /** Why the list cannot be trusted to name every live channel, if it cannot. */
    private static Optional<String> incomplete(ResponseEvents status) {
        if (status.getResponse() == null || status.getResponse() instanceof ManagerError) {
            return Optional.of("refused (" + (status.getResponse() == null ? "no response"
                    : status.getResponse().getMessage()) + ")");
        }
        if (status.getEvents().stream().noneMatch(StatusCompleteEvent.class::isInstance)) {
            return Optional.of("ended before its StatusComplete");
        }
        return Optional.empty();
    }
}
