package io.v100.shell.gateway;

import com.aayushatharva.brotli4j.Brotli4jLoader;

/**
 * Whether Brotli can be offered: brotli4j ships its encoder as a native library per platform, loaded once.
 */
public final class BrotliSupport
{
    private BrotliSupport()
    {
    }

    /**
     * @return true when the native Brotli library loaded on this platform.
     */
    public static boolean available()
    {
        try
        {
            Brotli4jLoader.ensureAvailability();
            return true;
        }
        catch (final UnsatisfiedLinkError | RuntimeException ex)
        {
            return false;
        }
    }
}
