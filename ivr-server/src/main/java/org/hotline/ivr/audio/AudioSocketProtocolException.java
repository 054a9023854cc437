package org.hotline.ivr.audio;

import io.netty.handler.codec.DecoderException;

/** The peer broke the AudioSocket protocol; the message says how, and that stream is closed. */
public final class AudioSocketProtocolException extends DecoderException {

    public AudioSocketProtocolException(String message) {
        super(message);
    }
}
