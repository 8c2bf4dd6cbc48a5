package io.v100.perf;

import io.aeron.CommonContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;

/**
 * Aeron transport between the client and the core: shared-memory IPC, or UDP on loopback through the media
 * driver's sockets.
 */
public enum Transport
{
    /** {@code aeron:ipc}: the log buffers are shared memory, no sockets. */
    IPC,
    /** {@code aeron:udp} on 127.0.0.1, two free ports picked at start. */
    UDP;

    /**
     * @return the ingress and egress channels, ingress first; for UDP on two ports free at the time of the call.
     */
    public String[] channels()
    {
        if (this == IPC)
        {
            return new String[]{ CommonContext.IPC_CHANNEL, CommonContext.IPC_CHANNEL };
        }
        return new String[]{
            "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort(), "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort() };
    }

    /**
     * @return lower-case name for file names and labels.
     */
    public String id()
    {
        return name().toLowerCase();
    }

    private static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on loopback", ex);
        }
    }
}
