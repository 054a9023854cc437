package org.hotline.ivr.ami;

import org.hotline.ivr.ops.IvrConfig;

/** Where one Asterisk's manager interface listens and whom we log in as. The secret is never printed. */
public record AmiEndpoint(String name, String host, int port, String user, String secret) {

    public static AmiEndpoint of(IvrConfig.AmiServer server) {
        return new AmiEndpoint(server.name(), server.host(), server.port(), server.user(), server.secret());
    }

    @Override
    public String toString() {
        return name + " (" + user + "@" + host + ":" + port + ")";
    }
}
