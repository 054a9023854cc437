package org.hotline.ivr;

import java.util.HashSet;
import java.util.Set;
import org.hotline.ivr.ami.AmiLink;
import org.hotline.ivr.ami.AmiLinks;
import org.hotline.ivr.ami.CallHangup;
import org.hotline.ivr.ami.CallHangups;
import org.hotline.ivr.ami.LiveChannels;
import org.hotline.ivr.queue.CallChannels;
import org.hotline.ivr.queue.CallDistributor;

/**
 * AMI's side of freeing the seats of a dead node's calls: every Hangup this node sees goes to the distributor
 * (which acts only on orphans, whoever owned them), and the distributor's question "which callers are still
 * with a seat" is answered from every Asterisk's {@code Status} list: the callers whose channel runs Dial. With
 * no AMI configured nobody can tell, and the
 * distributor frees such seats after its timeout.
 */
final class QueueOrphanWatch implements CallHangups, CallChannels {

    private final CallDistributor distributor;
    private final AmiLinks links;

    QueueOrphanWatch(CallDistributor distributor, AmiLinks links) {
        this.distributor = distributor;
        this.links = links;
    }

    @Override
    public void hungUp(CallHangup hangup) {
        distributor.channelGone(hangup.uniqueId(), "AMI Hangup on " + hangup.server() + " of " + hangup.channel());
    }

    @Override
    public void stillActive(String server, Set<String> uniqueIds) {
        // the distributor asks for the lists itself while it has orphans
    }

    @Override
    public Alive alive() {
        Set<String> alive = new HashSet<>();
        boolean complete = !links.all().isEmpty();
        for (AmiLink link : links.all()) {
            LiveChannels channels = LiveChannels.of(link);
            // Only a caller still in the Dial can be ringing or talking to the orphan's seat: once the Dial is over
            // (the node died, its [ivr-in] sent the caller on to another node or the operators) the seat is free.
            alive.addAll(channels.dialing());
            complete &= channels.complete().isPresent();
        }
        return new Alive(alive, complete);
    }
}
