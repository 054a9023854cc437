package org.hotline.ivr.queue;

import java.util.Set;

/**
 * Which callers Asterisk still has with a seat (their channel in the Dial that rings or bridges it), asked for the
 * orphans (a dead node's calls on seats): the queue cannot see Asterisk, the composition root answers from AMI's
 * channel lists. A call id is the caller channel's unique id ({@code agi_uniqueid}).
 */
public interface CallChannels {

    /**
     * @param callIds  the calls whose channel some Asterisk listed in a Dial
     * @param complete every Asterisk answered with a complete list: a call not in {@code callIds} is gone
     */
    record Alive(Set<String> callIds, boolean complete) {
        public Alive {
            callIds = Set.copyOf(callIds);
        }
    }

    Alive alive();

    /** No AMI: nobody can tell, so an orphan's seat is freed once {@link DistributorSettings#freeStuckSeatAfter} passed. */
    CallChannels UNKNOWN = () -> new Alive(Set.of(), false);
}
