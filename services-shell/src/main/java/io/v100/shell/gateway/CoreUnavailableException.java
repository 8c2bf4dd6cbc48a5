package io.v100.shell.gateway;

/**
 * The core could not be asked: not connected, or the connection dropped while a request waited. Counts as a
 * failure of the core downstream.
 */
public final class CoreUnavailableException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public CoreUnavailableException(final String message)
    {
        super(message, null, false, false);
    }
}
