package io.v100.gateway;

import io.aeron.CommonContext;
import io.v100.core.SessionContext;

/**
 * Aeron settings shared by the core and its clients: where the media driver lives and which channels and
 * streams carry ingress and egress.
 * <p>
 * Channels are Aeron URIs: {@code aeron:ipc} between processes on one host through shared memory, or
 * {@code aeron:udp?endpoint=host:port} over the network. For UDP the ingress endpoint is where the core listens
 * and the egress endpoint is where the client listens.
 */
public final class GatewayContext
{
    public static final String INGRESS_CHANNEL_PROP_NAME = "v100.gateway.ingress.channel";
    public static final String INGRESS_CHANNEL_DEFAULT = CommonContext.IPC_CHANNEL;
    public static final String INGRESS_STREAM_ID_PROP_NAME = "v100.gateway.ingress.stream.id";
    public static final int INGRESS_STREAM_ID_DEFAULT = 1001;

    public static final String EGRESS_CHANNEL_PROP_NAME = "v100.gateway.egress.channel";
    public static final String EGRESS_CHANNEL_DEFAULT = CommonContext.IPC_CHANNEL;
    public static final String EGRESS_STREAM_ID_PROP_NAME = "v100.gateway.egress.stream.id";
    public static final int EGRESS_STREAM_ID_DEFAULT = 1002;

    /** Stream on the egress channel that answers replay requests. */
    public static final String REPLAY_STREAM_ID_PROP_NAME = "v100.gateway.replay.stream.id";
    public static final int REPLAY_STREAM_ID_DEFAULT = 1003;

    /** UDP channels used by {@code v100 core} and {@code v100 feed} when run as separate processes. */
    public static final String UDP_INGRESS_CHANNEL_DEFAULT = "aeron:udp?endpoint=localhost:40123";
    public static final String UDP_EGRESS_CHANNEL_DEFAULT = "aeron:udp?endpoint=localhost:40124";

    /** Fragments the gateway poller takes from the ingress subscription per duty cycle. */
    public static final int FRAGMENT_LIMIT_DEFAULT = 256;

    /** Fragments the gateway poller takes per duty cycle. */
    public static final String FRAGMENT_LIMIT_PROP_NAME = "v100.gateway.fragment.limit";

    private String aeronDirectoryName;
    private String ingressChannel = System.getProperty(INGRESS_CHANNEL_PROP_NAME, INGRESS_CHANNEL_DEFAULT);
    private int ingressStreamId = Integer.getInteger(INGRESS_STREAM_ID_PROP_NAME, INGRESS_STREAM_ID_DEFAULT);
    private String egressChannel = System.getProperty(EGRESS_CHANNEL_PROP_NAME, EGRESS_CHANNEL_DEFAULT);
    private int egressStreamId = Integer.getInteger(EGRESS_STREAM_ID_PROP_NAME, EGRESS_STREAM_ID_DEFAULT);
    private int replayStreamId = Integer.getInteger(REPLAY_STREAM_ID_PROP_NAME, REPLAY_STREAM_ID_DEFAULT);
    private int fragmentLimit = Integer.getInteger(FRAGMENT_LIMIT_PROP_NAME, FRAGMENT_LIMIT_DEFAULT);
    private CredentialStore credentials;
    private SessionContext sessions = new SessionContext();

    /**
     * Check every setting; {@code CoreNode.launch} calls it before it starts anything.
     *
     * @return this.
     * @throws IllegalArgumentException naming the property of the first bad setting: a channel that is not an
     *                                  {@code aeron:} URI, a stream id shared by two streams on the egress
     *                                  channel, or a fragment limit below 1.
     */
    public GatewayContext conclude()
    {
        requireChannel(INGRESS_CHANNEL_PROP_NAME, ingressChannel);
        requireChannel(EGRESS_CHANNEL_PROP_NAME, egressChannel);
        if (egressStreamId == replayStreamId)
        {
            throw new IllegalArgumentException(REPLAY_STREAM_ID_PROP_NAME + " must differ from " +
                EGRESS_STREAM_ID_PROP_NAME + ": both are " + egressStreamId);
        }
        if (fragmentLimit < 1)
        {
            throw new IllegalArgumentException(FRAGMENT_LIMIT_PROP_NAME + " must be >= 1: " + fragmentLimit);
        }
        if (null != aeronDirectoryName && aeronDirectoryName.isBlank())
        {
            throw new IllegalArgumentException("aeron directory must be null (embed a driver) or a directory");
        }
        return this;
    }

    /**
     * @return directory of an external media driver; null to embed one.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    public GatewayContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    public String ingressChannel()
    {
        return ingressChannel;
    }

    public GatewayContext ingressChannel(final String ingressChannel)
    {
        this.ingressChannel = ingressChannel;
        return this;
    }

    public int ingressStreamId()
    {
        return ingressStreamId;
    }

    public GatewayContext ingressStreamId(final int ingressStreamId)
    {
        this.ingressStreamId = ingressStreamId;
        return this;
    }

    public String egressChannel()
    {
        return egressChannel;
    }

    public GatewayContext egressChannel(final String egressChannel)
    {
        this.egressChannel = egressChannel;
        return this;
    }

    public int egressStreamId()
    {
        return egressStreamId;
    }

    public GatewayContext egressStreamId(final int egressStreamId)
    {
        this.egressStreamId = egressStreamId;
        return this;
    }

    public int replayStreamId()
    {
        return replayStreamId;
    }

    public GatewayContext replayStreamId(final int replayStreamId)
    {
        this.replayStreamId = replayStreamId;
        return this;
    }

    public int fragmentLimit()
    {
        return fragmentLimit;
    }

    public GatewayContext fragmentLimit(final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        return this;
    }

    private static void requireChannel(final String propName, final String channel)
    {
        if (null == channel || !channel.startsWith("aeron:"))
        {
            throw new IllegalArgumentException(propName + " must be an Aeron URI (aeron:ipc or aeron:udp?...): " +
                channel);
        }
    }

    /**
     * @return the principals the gateway accepts; null until set.
     */
    public CredentialStore credentials()
    {
        return credentials;
    }

    /**
     * @param credentials the principals the gateway accepts, their roles and hashed secrets. A core needs them:
     *                    {@link CoreNode#launch} refuses to start without.
     * @return this.
     */
    public GatewayContext credentials(final CredentialStore credentials)
    {
        this.credentials = credentials;
        return this;
    }

    /**
     * @return client capacity and snapshot request limits.
     */
    public SessionContext sessions()
    {
        return sessions;
    }

    /**
     * @param sessions client capacity and snapshot request limits.
     * @return this.
     */
    public GatewayContext sessions(final SessionContext sessions)
    {
        this.sessions = sessions;
        return this;
    }
}
