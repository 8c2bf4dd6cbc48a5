package io.v100.shell.tls;

import javax.net.ssl.SSLSession;

/**
 * Told once per completed TLS handshake on the server, on the connection's I/O thread (a Vert.x event loop), so it
 * must be quick and must not block.
 */
@FunctionalInterface
public interface HandshakeListener
{
    /**
     * @param namedGroup IANA name of the key-exchange group the handshake used, as Bouncy Castle's
     *                   {@code org.bouncycastle.tls.NamedGroup.getName} spells it ({@code X25519MLKEM768},
     *                   {@code x25519}, {@code secp256r1}, ...), or {@link NegotiatedGroups#NONE} where the key
     *                   exchange used no group (TLS 1.2 RSA key transport).
     * @param protocol   negotiated protocol version ({@code TLSv1.3}, {@code TLSv1.2}).
     * @param session    the connection's session; {@link NegotiatedGroups#SESSION_VALUE_NAME} is already bound.
     */
    void onHandshake(String namedGroup, String protocol, SSLSession session);
}
