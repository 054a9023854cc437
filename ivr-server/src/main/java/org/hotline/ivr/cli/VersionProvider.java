package org.hotline.ivr.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build). */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"ivr " + (version == null ? "development build" : version)
                + " (Java " + Runtime.version() + ")"};
    }
}
