package io.v100.feed;

/**
 * The KID of each key period, as the DRM key deriver of the core computes it, so that viewers ask for keys the
 * core knows. Tests use a fake.
 */
@FunctionalInterface
public interface KidSource
{
    /**
     * @param keyPeriod period index, floorDiv(timestampNs, keyPeriodNs) (DASH-IF CPIX ContentKeyPeriod).
     * @param contentId the content, the match id here.
     * @param dst16     receives the 16-byte KID (ISO/IEC 23001-7 §8.2) at offsets 0..15.
     */
    void kid(long keyPeriod, long contentId, byte[] dst16);
}
