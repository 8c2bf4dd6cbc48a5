package io.v100.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of {@code scripts/v100}.
 * <p>
 * Errors: one line on stderr naming the option or file and what is wrong, exit code 2 for usage and 1 for a run
 * that failed (see {@link CommandErrors}). Library logging (Chronicle, Aeron, the affinity library) is at WARN
 * unless {@code --verbose} is given; the core's own start-up lines stay at INFO.
 */
@Command(
    name = "v100",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "V100 broadcast core: wagering sync, AI Director, ABR segmentation, deepfake detection and DRM " +
        "licensing in one Disruptor tick per event.",
    footer = {
        "",
        "Exit codes: 0 success, 1 a run that failed, 2 a bad option or input file (one line on stderr)." },
    subcommands = {
        DemoCommand.class, CoreCommand.class, FeedCommand.class, ReplayCommand.class, DumpCommand.class,
        ServeCommand.class, TokenCommand.class, PerfCommand.class, CommandLine.HelpCommand.class })
public final class V100Main implements Runnable
{
    /** slf4j-simple's default level property. */
    static final String LOG_LEVEL_PROP_NAME = "org.slf4j.simpleLogger.defaultLogLevel";

    /** slf4j-simple's level property for the project's own loggers. */
    static final String PROJECT_LOG_LEVEL_PROP_NAME = "org.slf4j.simpleLogger.log.io.v100";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = CommandErrors.VERBOSE_OPTION, scope = ScopeType.INHERIT,
        description = "Library log lines (Chronicle, Aeron) at INFO and stack traces with errors.")
    boolean verbose;

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        configureLogging(CommandErrors.isVerbose(args));
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the command line, for tests to run commands in-process.
     */
    public static CommandLine commandLine()
    {
        final CommandErrors errors = new CommandErrors();
        return new CommandLine(new V100Main())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setParameterExceptionHandler(errors)
            .setExecutionExceptionHandler(errors);
    }

    /**
     * Set slf4j-simple's levels before the first logger is made; a level the user set with -D is kept.
     *
     * @param verbose library INFO lines wanted.
     */
    static void configureLogging(final boolean verbose)
    {
        if (null == System.getProperty(LOG_LEVEL_PROP_NAME))
        {
            System.setProperty(LOG_LEVEL_PROP_NAME, verbose ? "info" : "warn");
        }
        if (null == System.getProperty(PROJECT_LOG_LEVEL_PROP_NAME))
        {
            System.setProperty(PROJECT_LOG_LEVEL_PROP_NAME, "info");
        }
    }
}
