package io.v100.cli;

import picocli.CommandLine;

/**
 * Reports the version from the jar manifest, or "development build" when run from classes.
 */
public final class VersionProvider implements CommandLine.IVersionProvider
{
    public String[] getVersion()
    {
        final String version = V100Main.class.getPackage().getImplementationVersion();
        return new String[]{ "v100 " + (null == version ? "development build" : version) };
    }
}
