package io.v100.shell.gateway;

/**
 * A request that ends in an error answer: the status, a stable machine code, a message for the caller and, for
 * 429 and 503, the seconds to wait before retrying.
 */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final long retryAfterS;

    /**
     * @param status      HTTP status code.
     * @param code        stable machine code, snake case.
     * @param message     for the caller; it is JSON-escaped when written.
     * @param retryAfterS seconds for {@code Retry-After}, or 0 for none.
     */
    public ApiException(final int status, final String code, final String message, final long retryAfterS)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterS = retryAfterS;
    }

    public ApiException(final int status, final String code, final String message)
    {
        this(status, code, message, 0);
    }

    public int status()
    {
        return status;
    }

    public String code()
    {
        return code;
    }

    public long retryAfterS()
    {
        return retryAfterS;
    }
}
