package io.v100.perf;

import picocli.CommandLine;

import java.time.Duration;

/**
 * Parses durations such as {@code 5s}, {@code 500ms}, {@code 2m} or ISO-8601 {@code PT5S}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    /**
     * @param value text.
     * @return the duration.
     * @throws IllegalArgumentException if the text is not a duration.
     */
    public Duration convert(final String value)
    {
        final String text = value.trim().toLowerCase();
        if (text.startsWith("pt"))
        {
            return Duration.parse(value.trim());
        }
        if (text.endsWith("ms"))
        {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s"))
        {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        if (text.endsWith("m"))
        {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
        }
        throw new IllegalArgumentException("not a duration (e.g. 5s, 500ms, 2m): " + value);
    }
}
