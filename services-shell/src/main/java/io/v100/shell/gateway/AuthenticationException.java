package io.v100.shell.gateway;

/**
 * A credential was missing or refused; answered 401 with the stable {@link #code()}.
 */
public final class AuthenticationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code    stable machine code, e.g. {@code invalid_token}.
     * @param message for the caller; never contains the credential.
     */
    public AuthenticationException(final String code, final String message)
    {
        super(message, null, false, false);
        this.code = code;
    }

    public String code()
    {
        return code;
    }
}
