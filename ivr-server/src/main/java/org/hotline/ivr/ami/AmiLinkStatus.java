package org.hotline.ivr.ami;

import java.time.Instant;

/** What the health endpoint shows for one link. */
public record AmiLinkStatus(String name, String address, AmiLinkState state, Instant since, String lastError,
                            int reconnects, String asterisk) {
}
