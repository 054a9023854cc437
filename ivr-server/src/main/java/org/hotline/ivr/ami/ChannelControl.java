package org.hotline.ivr.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.StatusCompleteEvent;
import org.asteriskjava.manager.event.StatusEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;

/**
 * Acting on live channels of a call over AMI: find them ({@code Status}, class "call"), move one into a dialplan
 * context ({@code Redirect}, "call"), set a channel variable ({@code Setvar}, "call"), hang one up ({@code Hangup},
 * "call"), and place a new leg into a context ({@code Originate}, "originate"). Every action goes to the Asterisk
 * that lists the call's channel, so with several PBXs the right one is asked. Blocking (one AMI round trip each, at
 * most the link's response timeout): call it from a worker thread, never from an event loop.
 */
public final class ChannelControl {

    private final AmiLinks links;
    private final Originator originator;

    public ChannelControl(AmiLinks links, Originator originator) {
        this.links = links;
        this.originator = originator;
    }

    /**
     * One channel as {@code Status} lists it.
     *
     * @param bridgeId the bridge it is in, "" when not bridged
     * @param server   the AMI link (Asterisk) that listed it
     */
    public record Channel(String name, String uniqueId, String bridgeId, String application, String context,
                          String server) {
        public boolean bridged() {
            return !bridgeId.isEmpty();
        }
    }

    /** Why an action could not be done; the message says it for the log and the seat. */
    public static final class ControlException extends RuntimeException {
        public ControlException(String message) {
            super(message);
        }
    }

    /** Every channel of every Asterisk that is up; an Asterisk that does not answer is left out. */
    public List<Channel> channels() {
        List<Channel> all = new ArrayList<>();
        for (AmiLink link : links.all()) {
            if (!link.up()) {
                continue;
            }
            try {
                ResponseEvents status = link.requestList(new StatusAction());
                if (status.getResponse() == null || status.getResponse() instanceof ManagerError
                        || status.getEvents().stream().noneMatch(StatusCompleteEvent.class::isInstance)) {
                    continue;
                }
                status.getEvents().stream().filter(StatusEvent.class::isInstance).map(StatusEvent.class::cast)
                        .forEach(event -> all.add(new Channel(text(event.getChannel()), text(event.getUniqueId()),
                                text(event.getBridgeId()), text(event.getApplication()), text(event.getContext()),
                                link.name())));
            } catch (AmiUnavailableException e) {
                // that PBX is going down: the call is not there to act on
            }
        }
        return all;
    }

    /** The channel whose unique id is {@code uniqueId} (a call id is its caller channel's), if any Asterisk has it. */
    public Optional<Channel> byUniqueId(String uniqueId) {
        return channels().stream().filter(channel -> channel.uniqueId().equals(uniqueId)).findFirst();
    }

    /** The channel named {@code name}, if any Asterisk has it. */
    public Optional<Channel> byName(String name) {
        return channels().stream().filter(channel -> channel.name().equals(name)).findFirst();
    }

    /** The other channel in {@code channel}'s bridge (a two-party call's far end), if it is bridged. */
    public Optional<Channel> peerOf(Channel channel) {
        return channel.bridged() ? peerOf(channel, channels()) : Optional.empty();
    }

    /** The same, from a list already read (one {@code Status} for a whole action). */
    public static Optional<Channel> peerOf(Channel channel, List<Channel> all) {
        if (!channel.bridged()) {
            return Optional.empty();
        }
        return all.stream().filter(other -> other.server().equals(channel.server())
                && other.bridgeId().equals(channel.bridgeId()) && !other.name().equals(channel.name())).findFirst();
    }

    /** Sets channel variables, then sends the channel to {@code context,exten,1}. */
    public void redirect(Channel channel, String context, String exten, Map<String, String> variables) {
        variables.forEach((name, value) -> setVar(channel, name, value));
        RedirectAction redirect = new RedirectAction(channel.name(), context, exten, 1);
        expectSuccess(channel.server(), redirect.getAction() + " " + channel.name() + " to " + exten + "@" + context,
                link(channel.server()).request(redirect));
    }

    public void setVar(Channel channel, String name, String value) {
        expectSuccess(channel.server(), "Setvar " + name + " on " + channel.name(),
                link(channel.server()).request(new SetVarAction(channel.name(), name, value)));
    }

    public void hangup(Channel channel) {
        expectSuccess(channel.server(), "Hangup " + channel.name(), link(channel.server()).request(new HangupAction(channel.name())));
    }

    /**
     * Rings {@code dial} (a dial string: the supervisor's phone, a unit's number) and, once answered, runs
     * {@code context,s,1} on that new channel with {@code variables}; never an Application. The stage reports.
     */
    public CompletionStage<OriginateResult> originate(String dial, String context, String callerId, long timeoutMillis,
                                                      Map<String, String> variables) {
        OriginateAction action = new OriginateAction();
        action.setChannel(dial);
        action.setContext(context);
        action.setExten("s");
        action.setPriority(1);
        action.setCallerId(callerId);
        action.setTimeout(timeoutMillis);
        action.setVariables(Map.copyOf(variables));
        return originator.originate(action);
    }

    private AmiLink link(String server) {
        return links.all().stream().filter(link -> link.name().equals(server)).findFirst()
                .orElseThrow(() -> new ControlException("AMI link " + server + " is gone"));
    }

    private static void expectSuccess(String server, String what, ManagerResponse response) {
        if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
            throw new ControlException(server + " refused " + what + ": " + response.getMessage());
        }
    }

    private static String text(String value) {
        return value == null || value.equals("(null)") ? "" : value;
    }
}
