package io.v100.cli;

import io.v100.client.ClientContext;
import io.v100.gateway.GatewayContext;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Aeron options shared by {@code core} and {@code feed}; their defaults are the UDP loopback channels.
 */
public final class AeronOptions
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Directory of an external Aeron media driver. Without it a driver is embedded in this process.")
    String aeronDir;

    @Option(names = "--ingress-channel", paramLabel = "URI",
        defaultValue = GatewayContext.UDP_INGRESS_CHANNEL_DEFAULT,
        description = "Aeron channel the core listens on for input, e.g. aeron:ipc or aeron:udp?endpoint=host:port " +
            "(default: ${DEFAULT-VALUE}).")
    String ingressChannel;

    @Option(names = "--egress-channel", paramLabel = "URI",
        defaultValue = GatewayContext.UDP_EGRESS_CHANNEL_DEFAULT,
        description = "Aeron channel the core publishes output on; with UDP the endpoint is where the client " +
            "listens (default: ${DEFAULT-VALUE}).")
    String egressChannel;

    @Option(names = "--ingress-stream", paramLabel = "ID", defaultValue = "1001",
        description = "Ingress stream id (default: ${DEFAULT-VALUE}).")
    int ingressStreamId;

    @Option(names = "--egress-stream", paramLabel = "ID", defaultValue = "1002",
        description = "Egress stream id (default: ${DEFAULT-VALUE}).")
    int egressStreamId;

    /**
     * Check the options before anything starts.
     *
     * @throws UsageException naming the first bad option.
     */
    void validate()
    {
        requireChannel("--ingress-channel", ingressChannel);
        requireChannel("--egress-channel", egressChannel);
        if (ingressStreamId == egressStreamId && ingressChannel.equals(egressChannel))
        {
            throw new UsageException("--egress-stream " + egressStreamId + ": must differ from --ingress-stream " +
                "on the same channel");
        }
        if (egressStreamId == GatewayContext.REPLAY_STREAM_ID_DEFAULT)
        {
            throw new UsageException("--egress-stream " + egressStreamId + ": taken by the replay stream");
        }
        if (null != aeronDir && !Files.isDirectory(Path.of(aeronDir)))
        {
            throw new UsageException("--aeron-dir " + aeronDir + ": no such directory (is the media driver running?)");
        }
    }

    private static void requireChannel(final String option, final String channel)
    {
        if (!channel.startsWith("aeron:udp") && !channel.startsWith("aeron:ipc"))
        {
            throw new UsageException(option + " " + channel + ": not an Aeron channel; use aeron:ipc or " +
                "aeron:udp?endpoint=host:port");
        }
    }

    /**
     * @param embeddedAeronDir directory of the driver this process embedded when {@code --aeron-dir} is absent.
     * @return the client's settings.
     */
    ClientContext toClientContext(final String embeddedAeronDir)
    {
        return new ClientContext()
            .aeronDirectoryName(null != aeronDir ? aeronDir : embeddedAeronDir)
            .ingressChannel(ingressChannel)
            .egressChannel(egressChannel)
            .ingressStreamId(ingressStreamId)
            .egressStreamId(egressStreamId);
    }

    GatewayContext toContext()
    {
        return new GatewayContext()
            .aeronDirectoryName(aeronDir)
            .ingressChannel(ingressChannel)
            .egressChannel(egressChannel)
            .ingressStreamId(ingressStreamId)
            .egressStreamId(egressStreamId);
    }
}
