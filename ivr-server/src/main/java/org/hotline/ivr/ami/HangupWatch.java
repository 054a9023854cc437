package org.hotline.ivr.ami;

import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
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

    @Override
    public void onLinkUp(AmiLink link) {
        LiveChannels channels = LiveChannels.of(link);
        channels.complete().ifPresentOrElse(alive -> sink.stillActive(link.name(), alive),
                () -> log.warn("AMI {}: channel list after connect {}; calls are not checked against it", link.name(),
                        channels.problem()));
    }
}
