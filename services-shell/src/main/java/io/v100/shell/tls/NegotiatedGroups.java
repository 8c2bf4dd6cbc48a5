package io.v100.shell.tls;

import org.bouncycastle.jsse.BCSSLConnection;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsUtils;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import javax.net.ssl.SSLSession;

/**
 * Reads the key-exchange group a BCJSSE connection negotiated.
 * <p>
 * Neither JSSE nor BCJSSE 1.84 publishes the negotiated group: {@code BCExtendedSSLSession} and
 * {@code BCSSLConnection} have no accessor for it. Bouncy Castle's TLS layer does
 * ({@link org.bouncycastle.tls.SecurityParameters#getNegotiatedGroup()}, public), and the BCJSSE connection object
 * ({@code org.bouncycastle.jsse.provider.ProvSSLConnection}, the implementation behind
 * {@link BCSSLConnection}) holds that layer's {@link TlsContext} behind a protected {@code getTlsContext()}. This
 * class opens that one method once, when it loads; if a Bouncy Castle upgrade removes it, loading fails with an
 * {@link IllegalStateException} naming the method, so the server refuses to start instead of reporting no groups.
 */
public final class NegotiatedGroups
{
    /** Name bound with {@link SSLSession#putValue} to the negotiated group's name once the handshake is done. */
    public static final String SESSION_VALUE_NAME = "io.v100.tls.namedGroup";

    /** Reported where a TLS 1.3 key exchange used no group (pre-shared key without (EC)DHE, {@code psk_ke}). */
    public static final String NONE = "none";

    /**
     * Reported for TLS 1.2 connections: Bouncy Castle's server records the negotiated group for TLS 1.3 only (its
     * {@code TlsServerProtocol} sets {@code SecurityParameters.negotiatedGroup} while generating the 1.3
     * ServerHello), so the ECDHE curve of a 1.2 handshake is not known here. The hybrid groups are TLS 1.3 only.
     */
    public static final String NOT_RECORDED_TLS12 = "not-recorded-tls1.2";

    private static final String CONNECTION_CLASS = "org.bouncycastle.jsse.provider.ProvSSLConnection";
    private static final MethodHandle GET_TLS_CONTEXT = openTlsContextAccessor();

    private NegotiatedGroups()
    {
    }

    /**
     * @param connection a BCJSSE connection whose handshake has completed (from {@code BCSSLEngine.getConnection()}
     *                   or {@code BCSSLSocket.getConnection()}).
     * @return the IANA code point of the negotiated group (4588 for {@code X25519MLKEM768}, 29 for {@code x25519}),
     * or -1 where the key exchange used none.
     */
    public static int negotiatedGroup(final BCSSLConnection connection)
    {
        return tlsContext(connection).getSecurityParametersConnection().getNegotiatedGroup();
    }

    private static TlsContext tlsContext(final BCSSLConnection connection)
    {
        try
        {
            return (TlsContext)GET_TLS_CONTEXT.invoke(connection);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("cannot read the TLS context of " + connection.getClass().getName(), ex);
        }
    }

    /**
     * @param connection a BCJSSE connection whose handshake has completed.
     * @return the negotiated group's name ({@link #name(int)}); on a server, {@link #NOT_RECORDED_TLS12} for a
     * TLS 1.2 connection.
     */
    public static String negotiatedGroupName(final BCSSLConnection connection)
    {
        final TlsContext context = tlsContext(connection);
        final int group = context.getSecurityParametersConnection().getNegotiatedGroup();
        if (group < 0 && context.isServer() &&
            !TlsUtils.isTLSv13(context.getSecurityParametersConnection().getNegotiatedVersion()))
        {
            return NOT_RECORDED_TLS12;
        }
        return name(group);
    }

    /**
     * @param namedGroup IANA TLS Supported Groups code point, or -1.
     * @return Bouncy Castle's name for it ({@code X25519MLKEM768}, {@code x25519}, ...), {@link #NONE} for -1.
     */
    public static String name(final int namedGroup)
    {
        return namedGroup < 0 ? NONE : NamedGroup.getName(namedGroup);
    }

    /**
     * @param session a server-side session from a connection set up by {@link PostQuantumTls} (for example
     *                {@code HttpServerRequest.sslSession()}).
     * @return the group bound at the end of its handshake, or {@code null} for a session this server did not set up.
     */
    public static String of(final SSLSession session)
    {
        return null == session ? null : (String)session.getValue(SESSION_VALUE_NAME);
    }

    private static MethodHandle openTlsContextAccessor()
    {
        try
        {
            final Method method = Class.forName(CONNECTION_CLASS).getDeclaredMethod("getTlsContext");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            throw new IllegalStateException(
                "this Bouncy Castle TLS (bctls) has no " + CONNECTION_CLASS + "#getTlsContext(): the negotiated " +
                "group cannot be read; bctls 1.84 has it", ex);
        }
    }
}
