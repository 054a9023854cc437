package org.hotline.ivr.audio;

/**
 * The frame kinds Asterisk 22 speaks ({@code include/asterisk/res_audiosocket.h}). Audio kinds carry
 * signed 16-bit little-endian mono samples at their rate; 0x10 (8 kHz) is what the AudioSocket
 * application sends, 0x11-0x18 come from the AudioSocket channel driver.
 */
public enum AudioSocketKind {
    HANGUP(0x00, 0),
    UUID(0x01, 0),
    DTMF(0x03, 0),
    SLIN_8K(0x10, 8_000),
    SLIN_12K(0x11, 12_000),
    SLIN_16K(0x12, 16_000),
    SLIN_24K(0x13, 24_000),
    SLIN_32K(0x14, 32_000),
    SLIN_44K(0x15, 44_100),
    SLIN_48K(0x16, 48_000),
    SLIN_96K(0x17, 96_000),
    SLIN_192K(0x18, 192_000),
    ERROR(0xff, 0);

    private static final AudioSocketKind[] BY_CODE = new AudioSocketKind[256];

    static {
        for (AudioSocketKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;
    private final int sampleRate;

    AudioSocketKind(int code, int sampleRate) {
        this.code = code;
        this.sampleRate = sampleRate;
    }

    /** The kind for a header byte, or null when Asterisk defines no such kind. */
    public static AudioSocketKind of(int code) {
        return BY_CODE[code & 0xff];
    }

    /** The audio kind for a sample rate, or null when AudioSocket has none. */
    public static AudioSocketKind audioAt(int sampleRate) {
        for (AudioSocketKind kind : values()) {
            if (kind.sampleRate == sampleRate) {
                return kind;
            }
        }
        return null;
    }

    public int code() {
        return code;
    }

    public boolean isAudio() {
        return sampleRate > 0;
    }

    /** Samples per second for audio kinds, 0 for the others. */
    public int sampleRate() {
        return sampleRate;
    }
}
