package io.v100.cli;

/**
 * A bad option, argument or input file, found before the command starts any work. The message is one line that
 * names the option or the file and says what is wrong; the command line prints it and exits with
 * {@link CommandErrors#EXIT_USAGE}.
 */
public final class UsageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the option or file and what is wrong with it.
     */
    public UsageException(final String message)
    {
        super(message);
    }
}
