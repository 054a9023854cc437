package org.hotline.ivr.ami;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.StatusCompleteEvent;
import org.asteriskjava.manager.event.StatusEvent;
import org.asteriskjava.manager.response.ManagerError;

/**
 * The unique ids of every channel one Asterisk has now, from its {@code Status} list (it needs only the "call"
 * class we already hold, unlike {@code CoreShowChannels}), or why that list cannot be trusted. Only a complete,
 * successful list says a channel is gone: a refused or cut-off one leaves out channels that live.
 */
public record LiveChannels(Set<String> uniqueIds, String problem) {

    public LiveChannels {
        uniqueIds = Set.copyOf(uniqueIds);
    }

    /** Asks {@code link}; never throws: an unanswered list is one with a problem. */
    public static LiveChannels of(AmiLink link) {
        ResponseEvents status;
        try {
            status = link.requestList(new StatusAction());
        } catch (AmiUnavailableException e) {
            return new LiveChannels(Set.of(), "not answered (" + e.getMessage() + ")");
        }
        if (status.getResponse() == null || status.getResponse() instanceof ManagerError) {
            return new LiveChannels(Set.of(), "refused (" + (status.getResponse() == null ? "no response"
                    : status.getResponse().getMessage()) + ")");
        }
        if (status.getEvents().stream().noneMatch(StatusCompleteEvent.class::isInstance)) {
            return new LiveChannels(Set.of(), "ended before its StatusComplete");
        }
        Set<String> alive = new HashSet<>();
        status.getEvents().stream()
                .filter(StatusEvent.class::isInstance)
                .map(event -> ((StatusEvent) event).getUniqueId())
                .filter(id -> id != null && !id.isEmpty())
                .forEach(alive::add);
        return new LiveChannels(alive, null);
    }

    /** The ids, when the list is complete. */
    public Optional<Set<String>> complete() {
        return problem == null ? Optional.of(uniqueIds) : Optional.empty();
    }
}
