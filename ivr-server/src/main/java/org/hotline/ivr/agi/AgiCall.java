package org.hotline.ivr.agi;

/** One call as a script sees it: what Asterisk told us, and the channel to command it. */
public record AgiCall(AgiRequest request, AgiCommandChannel channel) {

    public String id() {
        return request.uniqueId();
    }
}
