package org.hotline.ivr.ami;

import java.util.Set;

/**
 * Where calls are tracked (the flow runner / queue): told of every hangup so a call whose FastAGI link
 * vanished without a goodbye is cleaned up, and, after each (re)connect, of every channel still alive, so
 * calls that ended while the link was down are cleaned up too.
 */
public interface CallHangups {

    void hungUp(CallHangup hangup);

    /** The unique ids of all channels alive on {@code server} right now; any other call of that server is gone. */
    void stillActive(String server, Set<String> uniqueIds);
}
