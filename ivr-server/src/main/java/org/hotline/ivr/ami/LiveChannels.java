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
 *
 * @param dialing the channels running {@code Dial} now (an AGI's {@code EXEC Dial} included): a caller ringing or
 *                talking to a seat, as opposed to one the dialplan has taken elsewhere since
 */
public record LiveChannels(Set<String> uniqueIds, Set<String> dialing, String problem) {

    public LiveChannels {
        uniqueIds = Set.copyOf(uniqueIds);
        dialing = Set.copyOf(dialing);
    }

    private static LiveChannels unknown(String problem) {
        return new LiveChannels(Set.of(), Set.of(), problem);
    }

    /** Asks {@code link}; never throws: an unanswered list is one with a problem. */
    public static LiveChannels of(AmiLink link) {
        ResponseEvents status;
        try {
            status = link.requestList(new StatusAction());
        } catch (AmiUnavailableException e) {
            return unknown("not answered (" + e.getMessage() + ")");
        }
        if (status.getResponse() == null || status.getResponse() instanceof ManagerError) {
            return unknown("refused (" + (status.getResponse() == null ? "no response"
                    : status.getResponse().getMessage()) + ")");
        }
        if (status.getEvents().stream().noneMatch(StatusCompleteEvent.class::isInstance)) {
            return unknown("ended before its StatusComplete");
        }
        Set<String> alive = new HashSet<>();
        Set<String> dialing = new HashSet<>();
        status.getEvents().stream()
                .filter(StatusEvent.class::isInstance)
                .map(StatusEvent.class::cast)
                .filter(event -> event.getUniqueId() != null && !event.getUniqueId().isEmpty())
                .forEach(event -> {
                    alive.add(event.getUniqueId());
                    if ("Dial".equalsIgnoreCase(event.getApplication())) {
                        dialing.add(event.getUniqueId());
                    }
                });
        return new LiveChannels(alive, dialing, null);
    }

    /** The ids, when the list is complete. */
    public Optional<Set<String>> complete() {
        return problem == null ? Optional.of(uniqueIds) : Optional.empty();
    }
}
