package org.hotline.ivr.ami;

import java.util.Map;
import java.util.Optional;

/** Which seat a device belongs to; implemented from the seat configuration. */
@FunctionalInterface
public interface SeatDevices {

    /**
     * The seat whose phone is {@code device} (as Asterisk names it, e.g. {@code PJSIP/1001}) on the Asterisk
     * named {@code server}; empty for devices that are not seat phones, or that live on another server
     * (a PBX reports devices it does not host as unavailable).
     */
    Optional<String> seatOf(String server, String device);

    /** A fixed device-to-seat table valid on every server: for tests and single-PBX sites. */
    static SeatDevices of(Map<String, String> seatByDevice) {
        Map<String, String> copy = Map.copyOf(seatByDevice);
        return (server, device) -> Optional.ofNullable(copy.get(device));
    }
}
