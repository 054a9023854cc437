package org.hotline.ivr.ops;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), for every {@code ./ivr} command in whichever package it lives. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"ivr " + (version == null ? "development build" : version)
                + " (Java " + Runtime.version() + ")"};
    }
}
