package org.hotline.ivr.ami;

/** What the health endpoint shows for one link; {@code since} is an ISO instant (plain JSON). */
public record AmiLinkStatus(String name, String address, AmiLinkState state, String since, String lastError,
                            int reconnects, String asterisk) {
}
