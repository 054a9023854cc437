package org.hotline.ivr.audio;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * One AudioSocket message. The payload array is owned by the frame: it is not copied, and nobody
 * writes to it after the frame is built.
 */
public record AudioSocketFrame(AudioSocketKind kind, byte[] payload) {

    private static final byte[] EMPTY = new byte[0];

    public static AudioSocketFrame uuid(UUID uuid) {
        return new AudioSocketFrame(AudioSocketKind.UUID, ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
    }

    public static AudioSocketFrame audio(AudioSocketKind kind, byte[] pcm) {
        if (!kind.isAudio()) {
            throw new IllegalArgumentException(kind + " is not an audio kind");
        }
        return new AudioSocketFrame(kind, pcm);
    }

    public static AudioSocketFrame dtmf(char digit) {
        return new AudioSocketFrame(AudioSocketKind.DTMF, new byte[] {(byte) digit});
    }

    public static AudioSocketFrame hangup() {
        return new AudioSocketFrame(AudioSocketKind.HANGUP, EMPTY);
    }

    /** The stream uuid of a UUID frame (16 bytes, big-endian, as uuid_t). */
    public UUID asUuid() {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** The key of a DTMF frame: one ASCII character (0-9, *, #, A-D). */
    public char asDigit() {
        return (char) (payload[0] & 0xff);
    }

    /** The error code Asterisk sent with an ERROR frame, or -1 without one. */
    public int asErrorCode() {
        return payload.length == 0 ? -1 : payload[0] & 0xff;
    }

    @Override
    public String toString() {
        String body = switch (kind) {
            case UUID -> asUuid().toString();
            case DTMF -> String.valueOf(asDigit());
            default -> payload.length + " bytes";
        };
        return "AudioSocketFrame[" + kind + ", " + body + "]";
    }

}
