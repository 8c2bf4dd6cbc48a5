package io.v100.shell.tls;

import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} implementation over a BCJSSE context that sets the server's named groups, in preference
 * order, on every engine it creates (BCJSSE's per-connection {@link BCSSLParameters#setNamedGroups}, the
 * per-engine form of the {@code jdk.tls.namedGroups} system property, which would change every TLS context in the
 * JVM), and wraps it in a {@link GroupRecordingSslEngine}.
 * <p>
 * Only engines are served: Netty, and so Vert.x, use nothing else. The socket factories throw
 * {@link UnsupportedOperationException} rather than hand out sockets without the configured groups.
 */
final class GroupConfiguringSslContextSpi extends SSLContextSpi
{
    private final SSLContext delegate;
    private final String[] namedGroups;
    private final HandshakeListener listener;

    GroupConfiguringSslContextSpi(final SSLContext delegate, final String[] namedGroups, final HandshakeListener listener)
    {
        this.delegate = delegate;
        this.namedGroups = namedGroups.clone();
        this.listener = listener;
    }

    @Override
    protected void engineInit(final KeyManager[] km, final TrustManager[] tm, final SecureRandom random)
        throws KeyManagementException
    {
        delegate.init(km, tm, random);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine()
    {
        return configure(delegate.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(final String host, final int port)
    {
        return configure(delegate.createSSLEngine(host, port));
    }

    private SSLEngine configure(final SSLEngine engine)
    {
        final BCSSLEngine bcEngine = (BCSSLEngine)engine;
        final BCSSLParameters parameters = bcEngine.getParameters();
        parameters.setNamedGroups(namedGroups);
        // TLS 1.3 (RFC 8446 §4.2.8): the server picks the group; use this server's order, so a client that offers
        // a classical share first still gets the hybrid when it supports it.
        parameters.setUseNamedGroupsOrder(true);
        bcEngine.setParameters(parameters);
        return new GroupRecordingSslEngine(engine, listener);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory()
    {
        throw new UnsupportedOperationException("this context configures SSLEngines only");
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory()
    {
        throw new UnsupportedOperationException("this context configures SSLEngines only");
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext()
    {
        return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext()
    {
        return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters()
    {
        return delegate.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters()
    {
        return delegate.getSupportedSSLParameters();
    }

    /** {@link SSLContext}'s constructor is protected; this subclass only exposes it. */
    static final class Context extends SSLContext
    {
        Context(final GroupConfiguringSslContextSpi spi, final SSLContext delegate)
        {
            super(spi, delegate.getProvider(), delegate.getProtocol());
        }
    }
}
