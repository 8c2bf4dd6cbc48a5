package io.v100.shell.tls;

import org.bouncycastle.jsse.BCApplicationProtocolSelector;
import org.bouncycastle.jsse.BCExtendedSSLSession;
import org.bouncycastle.jsse.BCSSLConnection;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A BCJSSE server engine that, when its handshake finishes, reads the negotiated group, binds it to the session
 * ({@link NegotiatedGroups#SESSION_VALUE_NAME}) and tells a {@link HandshakeListener}. Everything else is passed to
 * the wrapped engine unchanged.
 * <p>
 * JSSE has no handshake-completed callback for an {@link SSLEngine} (only {@code SSLSocket} has one); the engine
 * signals the end of a handshake by returning {@link SSLEngineResult.HandshakeStatus#FINISHED} from the
 * {@code wrap}/{@code unwrap} call that completed it (JSSE reference guide, "SSLEngine operation"). This class
 * watches for that status; after the first handshake the check is one boolean read per call. It implements
 * {@link BCSSLEngine} too, so Netty still recognises the engine as BCJSSE (its {@code BouncyCastleUtil}) and uses
 * BCJSSE's own ALPN selector.
 */
final class GroupRecordingSslEngine extends SSLEngine implements BCSSLEngine
{
    private final SSLEngine engine;
    private final BCSSLEngine bcEngine;
    private final HandshakeListener listener;
    private boolean recorded;

    GroupRecordingSslEngine(final SSLEngine engine, final HandshakeListener listener)
    {
        super(engine.getPeerHost(), engine.getPeerPort());
        if (!(engine instanceof BCSSLEngine))
        {
            throw new IllegalArgumentException("not a BCJSSE engine: " + engine.getClass().getName());
        }
        this.engine = engine;
        this.bcEngine = (BCSSLEngine)engine;
        this.listener = listener;
    }

    @Override
    public SSLEngineResult wrap(final ByteBuffer[] srcs, final int offset, final int length, final ByteBuffer dst)
        throws SSLException
    {
        return observe(engine.wrap(srcs, offset, length, dst));
    }

    @Override
    public SSLEngineResult wrap(final ByteBuffer src, final ByteBuffer dst) throws SSLException
    {
        return observe(engine.wrap(src, dst));
    }

    @Override
    public SSLEngineResult wrap(final ByteBuffer[] srcs, final ByteBuffer dst) throws SSLException
    {
        return observe(engine.wrap(srcs, dst));
    }

    @Override
    public SSLEngineResult unwrap(final ByteBuffer src, final ByteBuffer[] dsts, final int offset, final int length)
        throws SSLException
    {
        return observe(engine.unwrap(src, dsts, offset, length));
    }

    @Override
    public SSLEngineResult unwrap(final ByteBuffer src, final ByteBuffer dst) throws SSLException
    {
        return observe(engine.unwrap(src, dst));
    }

    @Override
    public SSLEngineResult unwrap(final ByteBuffer src, final ByteBuffer[] dsts) throws SSLException
    {
        return observe(engine.unwrap(src, dsts));
    }

    private SSLEngineResult observe(final SSLEngineResult result)
    {
        if (!recorded && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED)
        {
            recorded = true;
            final BCSSLConnection connection = bcEngine.getConnection();
            final String group = NegotiatedGroups.negotiatedGroupName(connection);
            final SSLSession session = engine.getSession();
            session.putValue(NegotiatedGroups.SESSION_VALUE_NAME, group);
            listener.onHandshake(group, session.getProtocol(), session);
        }
        return result;
    }

    @Override
    public Runnable getDelegatedTask()
    {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException
    {
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone()
    {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound()
    {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone()
    {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites()
    {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites()
    {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(final String[] suites)
    {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols()
    {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols()
    {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(final String[] protocols)
    {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession()
    {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession()
    {
        return engine.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException
    {
        engine.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus()
    {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(final boolean mode)
    {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode()
    {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(final boolean need)
    {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth()
    {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(final boolean want)
    {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth()
    {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(final boolean flag)
    {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation()
    {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters()
    {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(final SSLParameters params)
    {
        engine.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol()
    {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol()
    {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(final BiFunction<SSLEngine, List<String>, String> selector)
    {
        engine.setHandshakeApplicationProtocolSelector(
            null == selector ? null : (ignored, protocols) -> selector.apply(this, protocols));
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector()
    {
        return engine.getHandshakeApplicationProtocolSelector();
    }

    @Override
    public BCApplicationProtocolSelector<SSLEngine> getBCHandshakeApplicationProtocolSelector()
    {
        return bcEngine.getBCHandshakeApplicationProtocolSelector();
    }

    @Override
    public void setBCHandshakeApplicationProtocolSelector(final BCApplicationProtocolSelector<SSLEngine> selector)
    {
        bcEngine.setBCHandshakeApplicationProtocolSelector(
            null == selector ? null : (ignored, protocols) -> selector.select(this, protocols));
    }

    @Override
    public void setBCSessionToResume(final BCExtendedSSLSession session)
    {
        bcEngine.setBCSessionToResume(session);
    }

    @Override
    public BCExtendedSSLSession getBCHandshakeSession()
    {
        return bcEngine.getBCHandshakeSession();
    }

    @Override
    public BCExtendedSSLSession getBCSession()
    {
        return bcEngine.getBCSession();
    }

    @Override
    public BCSSLConnection getConnection()
    {
        return bcEngine.getConnection();
    }

    @Override
    public BCSSLParameters getParameters()
    {
        return bcEngine.getParameters();
    }

    @Override
    public void setParameters(final BCSSLParameters parameters)
    {
        bcEngine.setParameters(parameters);
    }
}
