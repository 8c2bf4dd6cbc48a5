package io.v100.shell.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Vert.x 5 TLS engine options that build every server {@link SslContext} on Bouncy Castle's JSSE provider instead
 * of the JDK's: Vert.x asks {@link SSLEngineOptions#sslContextFactory()} for a factory, gives it the key manager
 * built from the server's {@code KeyCertOptions}, the ALPN protocols and the cipher suites, and uses the Netty
 * {@link SslContext} it returns. The context here is a Netty {@link JdkSslContext} over a
 * {@link GroupConfiguringSslContextSpi}, so each engine gets this server's named groups and reports its
 * negotiated group.
 * <p>
 * Server side only: a client context has no use for the group preference and is refused.
 */
public final class BcJsseEngineOptions extends SSLEngineOptions
{
    private final Provider jsseProvider;
    private final List<String> namedGroups;
    private final HandshakeListener listener;

    /**
     * @param jsseProvider a {@code BouncyCastleJsseProvider} (not installed in {@link java.security.Security}).
     * @param namedGroups  groups the server accepts, most preferred first, in BCJSSE's names.
     * @param listener     told the negotiated group of every handshake.
     */
    public BcJsseEngineOptions(final Provider jsseProvider, final List<String> namedGroups, final HandshakeListener listener)
    {
        this.jsseProvider = jsseProvider;
        this.namedGroups = List.copyOf(namedGroups);
        this.listener = listener;
    }

    private BcJsseEngineOptions(final BcJsseEngineOptions that)
    {
        super(that);
        this.jsseProvider = that.jsseProvider;
        this.namedGroups = that.namedGroups;
        this.listener = that.listener;
    }

    /**
     * @return the groups the server accepts, most preferred first.
     */
    public List<String> namedGroups()
    {
        return namedGroups;
    }

    @Override
    public BcJsseEngineOptions copy()
    {
        return new BcJsseEngineOptions(this);
    }

    @Override
    public SslContextFactory sslContextFactory()
    {
        return new Factory();
    }

    private final class Factory implements SslContextFactory
    {
        private boolean useAlpn;
        private boolean forClient;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private KeyManagerFactory keyManagerFactory;
        private TrustManagerFactory trustManagerFactory;
        private Set<String> cipherSuites;
        private List<String> applicationProtocols;

        @Override
        public SslContextFactory useAlpn(final boolean useAlpn)
        {
            this.useAlpn = useAlpn;
            return this;
        }

        @Override
        public SslContextFactory clientAuth(final ClientAuth clientAuth)
        {
            this.clientAuth = null == clientAuth ? ClientAuth.NONE : clientAuth;
            return this;
        }

        @Override
        public SslContextFactory forClient(final boolean forClient)
        {
            this.forClient = forClient;
            return this;
        }

        @Override
        public SslContextFactory keyMananagerFactory(final KeyManagerFactory kmf)
        {
            this.keyManagerFactory = kmf;
            return this;
        }

        @Override
        public SslContextFactory trustManagerFactory(final TrustManagerFactory tmf)
        {
            this.trustManagerFactory = tmf;
            return this;
        }

        @Override
        public SslContextFactory enabledCipherSuites(final Set<String> enabledCipherSuites)
        {
            this.cipherSuites = enabledCipherSuites;
            return this;
        }

        @Override
        public SslContextFactory applicationProtocols(final List<String> applicationProtocols)
        {
            this.applicationProtocols = applicationProtocols;
            return this;
        }

        @Override
        public SslContext create() throws SSLException
        {
            if (forClient)
            {
                throw new SSLException("BcJsseEngineOptions configures HTTPS servers only");
            }
            if (null == keyManagerFactory)
            {
                throw new SSLException("a server needs a certificate and key (KeyCertOptions)");
            }
            final SSLContext context;
            try
            {
                final SSLContext bcContext = SSLContext.getInstance("TLS", jsseProvider);
                context = new GroupConfiguringSslContextSpi.Context(
                    new GroupConfiguringSslContextSpi(bcContext, namedGroups.toArray(new String[0]), listener),
                    bcContext);
                context.init(
                    keyManagerFactory.getKeyManagers(),
                    null == trustManagerFactory ? null : trustManagerFactory.getTrustManagers(),
                    null);
            }
            catch (final GeneralSecurityException ex)
            {
                throw new SSLException("cannot create the BCJSSE server context", ex);
            }
            final ApplicationProtocolConfig alpn = useAlpn && null != applicationProtocols &&
                !applicationProtocols.isEmpty() ?
                new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.FATAL_ALERT,
                    applicationProtocols) :
                ApplicationProtocolConfig.DISABLED;
            // No cipher list configured: BCJSSE's own defaults (TLS 1.3 AEAD suites, ECDHE for 1.2), not the JDK's.
            final Iterable<String> ciphers = null == cipherSuites || cipherSuites.isEmpty() ? null : cipherSuites;
            return new JdkSslContext(
                context, false, ciphers, IdentityCipherSuiteFilter.INSTANCE, alpn, clientAuth, null, false);
        }
    }
}
