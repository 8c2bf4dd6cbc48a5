package io.v100.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * How every command reports failure: one line on stderr, {@code v100 COMMAND: what is wrong}, and an exit code
 * that tells usage from failure, as POSIX utilities and picocli do:
 * <ul>
 *     <li>{@link #EXIT_USAGE} (2): a bad option, argument or input file; nothing was started.</li>
 *     <li>{@link #EXIT_FAILED} (1): the run itself failed.</li>
 * </ul>
 * The stack trace is printed too only with {@code --verbose}.
 */
public final class CommandErrors implements IParameterExceptionHandler, IExecutionExceptionHandler
{
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;

    /** Exit code of a run that failed. */
    public static final int EXIT_FAILED = 1;

    /** The option that turns library logging and stack traces on. */
    public static final String VERBOSE_OPTION = "--verbose";

    public int handleParseException(final ParameterException ex, final String[] args)
    {
        final CommandLine command = ex.getCommandLine();
        final PrintWriter err = command.getErr();
        err.println(prefix(command) + firstLine(ex.getMessage()) + " (see " +
            command.getCommandSpec().qualifiedName() + " --help)");
        if (isVerbose(args))
        {
            ex.printStackTrace(err);
        }
        err.flush();
        return EXIT_USAGE;
    }

    public int handleExecutionException(
        final Exception ex, final CommandLine command, final ParseResult parseResult)
    {
        final PrintWriter err = command.getErr();
        final boolean usage = ex instanceof UsageException || ex instanceof ParameterException;
        err.println(prefix(command) + (usage ? "" : "failed: ") + describe(ex));
        if (isVerbose(parseResult.originalArgs().toArray(new String[0])))
        {
            ex.printStackTrace(err);
        }
        err.flush();
        return usage ? EXIT_USAGE : EXIT_FAILED;
    }

    /**
     * @param args the command line.
     * @return whether {@link #VERBOSE_OPTION} is among them.
     */
    public static boolean isVerbose(final String[] args)
    {
        for (final String arg : args)
        {
            if (VERBOSE_OPTION.equals(arg))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param ex any exception.
     * @return its message's first line, or its class name when it has no message, followed by its cause's when
     * the message does not already say it.
     */
    public static String describe(final Throwable ex)
    {
        final String message = null == ex.getMessage() || ex.getMessage().isBlank() ?
            ex.getClass().getSimpleName() : firstLine(ex.getMessage());
        final Throwable cause = ex.getCause();
        if (null == cause || cause == ex || null == cause.getMessage() || message.contains(firstLine(cause.getMessage())))
        {
            return message;
        }
        return message + ": " + firstLine(cause.getMessage());
    }

    /**
     * @param text possibly several lines.
     * @return the first non-blank line, trimmed.
     */
    public static String firstLine(final String text)
    {
        if (null == text)
        {
            return "";
        }
        for (final String line : text.split("\\R"))
        {
            if (!line.isBlank())
            {
                return line.trim();
            }
        }
        return "";
    }

    private static String prefix(final CommandLine command)
    {
        return command.getCommandSpec().qualifiedName() + ": ";
    }
}
