package io.v100.client;

import io.aeron.CommonContext;

/**
 * Settings of a {@link V100Client}: the media driver it connects through and the channels and streams that carry
 * ingress, egress and replayed egress. The defaults match the node's (aeron-gateway's {@code GatewayContext}), so a
 * client and a core started with no settings find each other over IPC.
 * <p>
 * The client never starts a media driver: it connects to the one in {@link #aeronDirectoryName()}. An application
 * that wants a driver in its own process launches one (for example {@code CoreNode.launchEmbeddedDriver()} on the
 * node side, or {@code MediaDriver.launchEmbedded()}) and passes its directory here.
 * <p>
 * Channels are Aeron URIs: {@code aeron:ipc} between processes on one host through shared memory, or
 * {@code aeron:udp?endpoint=host:port}. For UDP the ingress endpoint is where the core listens and the egress
 * endpoint is where this client listens.
 */
public final class ClientContext
{
    public static final String AERON_DIR_PROP_NAME = "v100.client.aeron.dir";
    /** Aeron's own default directory ({@code aeron.dir}, else {@code /dev/shm/aeron-USER} on Linux). */
    public static final String AERON_DIR_DEFAULT = CommonContext.getAeronDirectoryName();

    public static final String INGRESS_CHANNEL_PROP_NAME = "v100.client.ingress.channel";
    public static final String INGRESS_CHANNEL_DEFAULT = CommonContext.IPC_CHANNEL;
    public static final String INGRESS_STREAM_ID_PROP_NAME = "v100.client.ingress.stream.id";
    public static final int INGRESS_STREAM_ID_DEFAULT = 1001;

    public static final String EGRESS_CHANNEL_PROP_NAME = "v100.client.egress.channel";
    public static final String EGRESS_CHANNEL_DEFAULT = CommonContext.IPC_CHANNEL;
    public static final String EGRESS_STREAM_ID_PROP_NAME = "v100.client.egress.stream.id";
    public static final int EGRESS_STREAM_ID_DEFAULT = 1002;

    /** Stream on the egress channel that answers replay requests. */
    public static final String REPLAY_STREAM_ID_PROP_NAME = "v100.client.replay.stream.id";
    public static final int REPLAY_STREAM_ID_DEFAULT = 1003;

    private String aeronDirectoryName = System.getProperty(AERON_DIR_PROP_NAME, AERON_DIR_DEFAULT);
    private String ingressChannel = System.getProperty(INGRESS_CHANNEL_PROP_NAME, INGRESS_CHANNEL_DEFAULT);
    private int ingressStreamId = Integer.getInteger(INGRESS_STREAM_ID_PROP_NAME, INGRESS_STREAM_ID_DEFAULT);
    private String egressChannel = System.getProperty(EGRESS_CHANNEL_PROP_NAME, EGRESS_CHANNEL_DEFAULT);
    private int egressStreamId = Integer.getInteger(EGRESS_STREAM_ID_PROP_NAME, EGRESS_STREAM_ID_DEFAULT);
    private int replayStreamId = Integer.getInteger(REPLAY_STREAM_ID_PROP_NAME, REPLAY_STREAM_ID_DEFAULT);

    /**
     * Check the settings before connecting.
     *
     * @return this.
     * @throws IllegalArgumentException naming the property of the first bad setting: a missing directory or
     *                                  channel, a channel that is not an {@code aeron:} URI, or egress and replay
     *                                  on the same stream.
     */
    public ClientContext conclude()
    {
        requireText(AERON_DIR_PROP_NAME, aeronDirectoryName);
        requireChannel(INGRESS_CHANNEL_PROP_NAME, ingressChannel);
        requireChannel(EGRESS_CHANNEL_PROP_NAME, egressChannel);
        if (egressStreamId == replayStreamId)
        {
            throw new IllegalArgumentException(REPLAY_STREAM_ID_PROP_NAME + " must differ from " +
                EGRESS_STREAM_ID_PROP_NAME + ": both are " + egressStreamId);
        }
        return this;
    }

    /**
     * @return directory of the media driver this client connects through.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    public ClientContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    public String ingressChannel()
    {
        return ingressChannel;
    }

    public ClientContext ingressChannel(final String ingressChannel)
    {
        this.ingressChannel = ingressChannel;
        return this;
    }

    public int ingressStreamId()
    {
        return ingressStreamId;
    }

    public ClientContext ingressStreamId(final int ingressStreamId)
    {
        this.ingressStreamId = ingressStreamId;
        return this;
    }

    public String egressChannel()
    {
        return egressChannel;
    }

    public ClientContext egressChannel(final String egressChannel)
    {
        this.egressChannel = egressChannel;
        return this;
    }

    public int egressStreamId()
    {
        return egressStreamId;
    }

    public ClientContext egressStreamId(final int egressStreamId)
    {
        this.egressStreamId = egressStreamId;
        return this;
    }

    public int replayStreamId()
    {
        return replayStreamId;
    }

    public ClientContext replayStreamId(final int replayStreamId)
    {
        this.replayStreamId = replayStreamId;
        return this;
    }

    private static void requireText(final String propName, final String value)
    {
        if (null == value || value.isBlank())
        {
            throw new IllegalArgumentException(propName + " must be set");
        }
    }

    private static void requireChannel(final String propName, final String channel)
    {
        requireText(propName, channel);
        if (!channel.startsWith("aeron:"))
        {
            throw new IllegalArgumentException(propName + " must be an Aeron URI (aeron:ipc or aeron:udp?...): " +
                channel);
        }
    }
}
