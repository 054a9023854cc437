package org.hotline.ivr.ami;

/** A channel hung up, as AMI reported it. {@code uniqueId} is the call id AGI saw as {@code agi_uniqueid}. */
public record CallHangup(String server, String uniqueId, String linkedId, String channel, int cause, String causeText) {
}
