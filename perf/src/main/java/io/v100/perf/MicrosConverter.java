package io.v100.perf;

import picocli.CommandLine;

/**
 * Parses a latency such as {@code 100us}, {@code 1ms} or {@code 500ns} into ns.
 */
public final class MicrosConverter implements CommandLine.ITypeConverter<Long>
{
    /**
     * @param value text; a bare number is µs.
     * @return ns.
     * @throws IllegalArgumentException if the text is not a latency.
     */
    public Long convert(final String value)
    {
        final String text = value.trim().toLowerCase();
        if (text.endsWith("ns"))
        {
            return Long.parseLong(text.substring(0, text.length() - 2));
        }
        if (text.endsWith("us") || text.endsWith("µs"))
        {
            return Math.round(Double.parseDouble(text.substring(0, text.length() - 2)) * 1_000);
        }
        if (text.endsWith("ms"))
        {
            return Math.round(Double.parseDouble(text.substring(0, text.length() - 2)) * 1_000_000);
        }
        return Math.round(Double.parseDouble(text) * 1_000);
    }
}
