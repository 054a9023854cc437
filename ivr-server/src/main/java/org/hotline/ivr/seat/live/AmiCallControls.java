package org.hotline.ivr.seat.live;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.ami.AmiUnavailableException;
import org.hotline.ivr.ami.ChannelControl;
import org.hotline.ivr.ami.ChannelControl.Channel;
import org.hotline.ivr.flow.HeldCalls;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.seat.CallControls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call controls through Asterisk's manager interface and the dialplan contexts of {@code config/asterisk/extensions.conf}
 * ({@code ivr-seat-hold}, {@code ivr-transfer}, {@code ivr-transfer-join}, {@code ivr-consult}, {@code ivr-listen}).
 * A call id is its caller channel's unique id; the seat's channel is the caller's bridge peer, or, while held, the
 * channel {@link HeldCalls} remembers. The caller's channel runs the IVR's hold loop over FastAGI: hold and hand-over
 * to a queue are requests to that loop (the seat's channel is moved, the loop keeps the caller); a transfer to a
 * number moves the caller's channel itself out of the IVR.
 */
public final class AmiCallControls implements CallControls {

    private static final Logger log = LoggerFactory.getLogger(AmiCallControls.class);

    private final ChannelControl pbx;
    private final HeldCalls holds;
    private final TransferTargets targets;
    private final IvrConfig.AmiControls config;

    AmiCallControls(ChannelControl pbx, HeldCalls holds, TransferTargets targets, IvrConfig.AmiControls config) {
        this.pbx = pbx;
        this.holds = holds;
        this.targets = targets;
        this.config = config;
    }

    @Override
    public List<Target> targets() {
        return targets.targets();
    }

    @Override
    public String state(String callId) {
        return holds.get(callId).map(hold -> hold.state() == HeldCalls.State.HELD ? "held" : "talking").orElse("talking");
    }

    @Override
    public Outcome act(String seatId, String callId, Action action, String target) {
        try {
            return carryOut(callId, action, target);
        } catch (AmiUnavailableException e) {
            throw new Refused("the PBX cannot be reached: " + e.getMessage(), true);
        } catch (ChannelControl.ControlException e) {
            throw new Refused(e.getMessage(), false);
        }
    }

    private Outcome carryOut(String callId, Action action, String targetId) {
        // One Status list for the whole action: the caller's channel, the seat's, the consulted party's.
        List<Channel> now = pbx.channels();
        Channel caller = now.stream().filter(c -> c.uniqueId().equals(callId)).findFirst()
                .orElseThrow(() -> new Refused("the caller's line is gone", false));
        Optional<HeldCalls.Hold> hold = holds.get(callId).filter(h -> h.state() == HeldCalls.State.HELD);
        switch (action) {
            case HANGUP -> {
                Channel seat = seatChannel(caller, hold, now);
                hold.ifPresent(h -> holds.end(callId));
                pbx.hangup(seat);
                return new Outcome("ended", "");
            }
            case HOLD -> {
                if (hold.isPresent()) {
                    throw new Refused("the caller is already on hold", false);
                }
                putOnHold(caller, callId, now);
                return new Outcome("held", "");
            }
            case RESUME -> {
                if (hold.isEmpty()) {
                    throw new Refused("the caller is not on hold", false);
                }
                holds.resume(callId);
                return new Outcome("talking", "");
            }
            case TRANSFER -> {
                TransferTargets.Entry target = target(targetId);
                Channel seat = seatChannel(caller, hold, now);
                if (!target.queue().isEmpty()) {
                    // The hold loop keeps the caller and queues them anew once the seat's channel has left.
                    holds.requeue(callId, target.queue());
                    pbx.hangup(seat);
                } else {
                    pbx.redirect(caller, "ivr-transfer", "s", Map.of("TRANSFER_DIAL", dial(target.number()),
                            "TRANSFER_TIMEOUT", Long.toString(config.ringTimeout().toSeconds())));
                    hangUpQuietly(seat);
                }
                return new Outcome("transferred", target.target().label());
            }
            case CONSULT -> {
                TransferTargets.Entry target = target(targetId);
                if (!target.queue().isEmpty()) {
                    throw new Refused("a queue cannot be consulted: transfer to it", false);
                }
                String seat = hold.map(HeldCalls.Hold::seatChannel).orElseGet(() -> putOnHold(caller, callId, now).name());
                pbx.originate(dial(target.number()), "ivr-consult", config.callerId(), config.ringTimeout().toMillis(),
                        Map.of("CONSULT_SEAT", seat, "CONSULT_CALLER", caller.name(), "CONSULT_CALL", callId))
                        .thenAccept(result -> log.info("call {}: consulting {}: {} {}", callId, targetId, result.kind(),
                                result.detail() == null ? "" : result.detail()));
                return new Outcome("consulting", target.target().label());
            }
            case COMPLETE, THREEWAY -> {
                if (hold.isEmpty()) {
                    throw new Refused("nobody is being consulted: the caller is not on hold", false);
                }
                Channel seat = named(hold.get().seatChannel(), now);
                Channel party = ChannelControl.peerOf(seat, now).orElseThrow(() -> new Refused("no consulted party on the line yet", false));
                if (action == Action.COMPLETE) {
                    // The seat's line ends by itself once the party has left it for the caller: hanging it up now
                    // would end the consultation, and the party with it, before the caller's Bridge() reached them.
                    pbx.setVar(seat, "IVR_HOLD_DONE", "1");
                    pbx.redirect(caller, "ivr-transfer-join", "s", Map.of("TRANSFER_PEER", party.name()));
                    return new Outcome("transferred", "");
                }
                // The consulted party barges in on the caller once the hold loop has bridged caller and seat again.
                pbx.setVar(party, "CONSULT_THREEWAY", "1");
                holds.resume(callId);
                return new Outcome("three-way", "");
            }
            default -> throw new Refused("unknown action " + action, false);
        }
    }

    @Override
    public Outcome listen(String supervisorId, String seatId, String callId, boolean whisper) {
        try {
            List<Channel> now = pbx.channels();
            Channel caller = now.stream().filter(c -> c.uniqueId().equals(callId)).findFirst()
                    .orElseThrow(() -> new Refused("the caller's line is gone", false));
            Channel seat = seatChannel(caller, holds.get(callId).filter(h -> h.state() == HeldCalls.State.HELD), now);
            pbx.originate(config.supervisorDial().replace("{supervisor}", supervisorId), "ivr-listen", config.callerId(),
                            config.ringTimeout().toMillis(),
                            Map.of("SPY_ON", seat.name(), "SPY_OPTIONS", whisper ? "qwE" : "qE"))
                    .thenAccept(result -> log.info("supervisor {} {} seat {}: {}", supervisorId,
                            whisper ? "whispering to" : "listening to", seatId, result.kind()));
            return new Outcome("ringing", seat.name());
        } catch (AmiUnavailableException e) {
            throw new Refused("the PBX cannot be reached: " + e.getMessage(), true);
        } catch (ChannelControl.ControlException e) {
            throw new Refused(e.getMessage(), false);
        }
    }

    /** The seat's channel leaves the bridge for [ivr-seat-hold]; the caller's hold loop plays music meanwhile. */
    private Channel putOnHold(Channel caller, String callId, List<Channel> now) {
        Channel seat = ChannelControl.peerOf(caller, now).orElseThrow(() -> new Refused("the caller is not connected to a seat", false));
        holds.hold(callId, seat.name());
        try {
            pbx.redirect(seat, "ivr-seat-hold", "s", Map.of("IVR_HOLD_CALL", callId, "IVR_HOLD_CALLER", caller.uniqueId()));
        } catch (RuntimeException e) {
            holds.forget(callId);
            throw e;
        }
        return seat;
    }

    private Channel seatChannel(Channel caller, Optional<HeldCalls.Hold> hold, List<Channel> now) {
        if (hold.isPresent()) {
            return named(hold.get().seatChannel(), now);
        }
        return ChannelControl.peerOf(caller, now).orElseThrow(() -> new Refused("the caller is not connected to a seat", false));
    }

    private static Channel named(String name, List<Channel> now) {
        return now.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new Refused("the seat's line is gone", false));
    }

    private TransferTargets.Entry target(String id) {
        return targets.find(id).orElseThrow(() -> new Refused("no such transfer target: " + id, false));
    }

    private String dial(String number) {
        return config.dial().replace("{number}", number);
    }

    private void hangUpQuietly(Channel channel) {
        try {
            pbx.hangup(channel);
        } catch (RuntimeException e) {
            // already gone with the caller's move: nothing to end
        }
    }

}
