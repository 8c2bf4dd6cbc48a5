package io.v100.shell.billing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The core's viewer id of a shell viewer: the first 8 bytes of SHA-256 over {@code tenant + "\n" + subject},
 * folded into {@code [2^62, 2^63)}. The demo feed numbers its invented viewers from
 * {@code FeedContext.VIEWER_ID_BASE_DEFAULT + 1} (one million and up), far below 2^62, so a viewer who buys
 * through the shell never shares an id with one the feed entitles. The tenant is part of the hash, so one subject
 * in two tenants is two viewers.
 */
public final class ViewerIds
{
    /** Lowest id the shell hands out: 2^62. */
    public static final long SHELL_VIEWER_ID_BASE = 1L << 62;

    private ViewerIds()
    {
    }

    /**
     * @param tenant  the tenant id.
     * @param subject the viewer's token subject.
     * @return the viewer id in {@code [2^62, 2^63)}.
     */
    public static long of(final String tenant, final String subject)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((tenant + "\n" + subject).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++)
            {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return SHELL_VIEWER_ID_BASE | (value & (SHELL_VIEWER_ID_BASE - 1));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
