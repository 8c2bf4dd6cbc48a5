package io.v100.perf;

import picocli.CommandLine;

/**
 * Parses {@code ipc} or {@code udp}, in any case.
 */
public final class TransportConverter implements CommandLine.ITypeConverter<Transport>
{
    /**
     * @param value text.
     * @return the transport.
     * @throws IllegalArgumentException for anything else.
     */
    public Transport convert(final String value)
    {
        return Transport.valueOf(value.trim().toUpperCase());
    }
}
