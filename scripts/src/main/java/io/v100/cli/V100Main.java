package io.v100.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code scripts/v100}.
 */
@Command(
    name = "v100",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "V100 broadcast core: wagering sync, AI Director, ABR segmentation, deepfake detection and DRM " +
        "licensing in one Disruptor tick per event.",
    subcommands = {
        DemoCommand.class, CoreCommand.class, FeedCommand.class, ReplayCommand.class, DumpCommand.class,
        CommandLine.HelpCommand.class })
public final class V100Main implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the command line, for tests to run commands in-process.
     */
    public static CommandLine commandLine()
    {
        return new CommandLine(new V100Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
