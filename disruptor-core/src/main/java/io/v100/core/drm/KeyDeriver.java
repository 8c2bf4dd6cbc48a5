package io.v100.core.drm;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.HKDFParameters;

import java.nio.charset.StandardCharsets;

/**
 * Derives the content key and KID of a key period from the master key with HKDF-SHA256 (RFC 5869), so that
 * the core, its replicas, feeders and tests compute the same values from configuration alone.
 * <p>
 * For key period {@code p} of content {@code c}:
 * <pre>
 *   IKM  = master key (see {@link DrmContext#masterKey()})
 *   salt = c as 8 bytes big-endian (the Fixture's matchId)
 *   key  = HKDF-SHA256(IKM, salt, "v100 content key" || p as 8 bytes big-endian, L = 16)
 *   KID  = HKDF-SHA256(IKM, salt, "v100 kid"         || p as 8 bytes big-endian, L = 16)
 * </pre>
 * Distinct info strings separate the key from the KID (RFC 5869 §3.2), so publishing a KID reveals nothing
 * about its key. Uses Bouncy Castle's {@link HKDFBytesGenerator}; the generator and the salt and info arrays
 * are reused, while {@link HKDFParameters} copies its inputs, so each derivation allocates a few small arrays:
 * callers derive once per key period, never per event. Not thread-safe.
 */
public final class KeyDeriver
{
    /** Content key length in bytes (AES-128). */
    public static final int KEY_LENGTH = 16;

    /** KID length in bytes (ISO/IEC 23001-7 §8.2). */
    public static final int KID_LENGTH = 16;

    private static final byte[] KEY_LABEL = "v100 content key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KID_LABEL = "v100 kid".getBytes(StandardCharsets.US_ASCII);

    private final HMac expandMac = new HMac(new SHA256Digest());
    private final byte[] block = new byte[32];
    private long prkContentId;
    private boolean hasPrk;
    private final byte[] masterKey;
    private final byte[] salt = new byte[Long.BYTES];
    private final byte[] keyInfo = new byte[KEY_LABEL.length + Long.BYTES];
    private final byte[] kidInfo = new byte[KID_LABEL.length + Long.BYTES];

    /**
     * @param masterKey HKDF input keying material; copied.
     * @throws IllegalArgumentException if the master key is empty.
     */
    public KeyDeriver(final byte[] masterKey)
    {
        if (masterKey.length == 0)
        {
            throw new IllegalArgumentException("empty master key");
        }
        this.masterKey = masterKey.clone();
        System.arraycopy(KEY_LABEL, 0, keyInfo, 0, KEY_LABEL.length);
        System.arraycopy(KID_LABEL, 0, kidInfo, 0, KID_LABEL.length);
    }

    /**
     * @param context whose master key is used.
     */
    public KeyDeriver(final DrmContext context)
    {
        this(context.masterKey());
    }

    /**
     * @param nowNs       time in ns since the Unix epoch.
     * @param keyPeriodNs key period length in ns, {@code > 0}.
     * @return the key period holding {@code nowNs} on the absolute epoch grid: {@code floorDiv(nowNs,
     * keyPeriodNs)}.
     */
    public static long keyPeriod(final long nowNs, final long keyPeriodNs)
    {
        return Math.floorDiv(nowNs, keyPeriodNs);
    }

    /**
     * Write the 16-byte content key of a key period into {@code dst[0..16)}.
     *
     * @param keyPeriod key period index.
     * @param contentId content id (the match id), the HKDF salt.
     * @param dst       at least 16 bytes.
     */
    public void deriveKey(final long keyPeriod, final long contentId, final byte[] dst)
    {
        derive(keyInfo, KEY_LABEL.length, keyPeriod, contentId, dst, KEY_LENGTH);
    }

    /**
     * Write the 16-byte KID of a key period into {@code dst[0..16)}.
     *
     * @param keyPeriod key period index.
     * @param contentId content id (the match id), the HKDF salt.
     * @param dst       at least 16 bytes.
     */
    public void deriveKid(final long keyPeriod, final long contentId, final byte[] dst)
    {
        derive(kidInfo, KID_LABEL.length, keyPeriod, contentId, dst, KID_LENGTH);
    }

    /**
     * One-shot HKDF-SHA256 (RFC 5869 §2.2 extract then §2.3 expand) with Bouncy Castle, as used by
     * {@link #deriveKey(long, long, byte[])}; allocates, for tests and tools.
     *
     * @param ikm    input keying material.
     * @param salt   salt; empty or null means HashLen zero bytes (RFC 5869 §2.2).
     * @param info   context information; may be empty.
     * @param okm    destination of the output keying material.
     * @param offset into {@code okm}.
     * @param length L in bytes, at most 255 * 32.
     */
    public static void hkdfSha256(
        final byte[] ikm, final byte[] salt, final byte[] info, final byte[] okm, final int offset, final int length)
    {
        final HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        generator.generateBytes(okm, offset, length);
    }

    /**
     * HKDF-SHA256 with L &lt;= 32, written out on Bouncy Castle's {@link HMac} so a rotation allocates nothing:
     * extract (RFC 5869 §2.2) depends only on the salt, so PRK and the HMAC keyed with it are kept per content id;
     * expand (§2.3) for one block is T(1) = HMAC(PRK, info || 0x01).
     */
    private void derive(
        final byte[] info,
        final int labelLength,
        final long keyPeriod,
        final long contentId,
        final byte[] dst,
        final int length)
    {
        if (!hasPrk || contentId != prkContentId)
        {
            extract(contentId);
        }
        putLongBigEndian(info, labelLength, keyPeriod);
        expandMac.update(info, 0, info.length);
        expandMac.update((byte)1);
        expandMac.doFinal(block, 0);
        System.arraycopy(block, 0, dst, 0, length);
    }

    private void extract(final long contentId)
    {
        putLongBigEndian(salt, 0, contentId);
        final HMac extractMac = new HMac(new SHA256Digest());
        extractMac.init(new KeyParameter(salt));
        extractMac.update(masterKey, 0, masterKey.length);
        extractMac.doFinal(block, 0);
        expandMac.init(new KeyParameter(block, 0, block.length));
        prkContentId = contentId;
        hasPrk = true;
    }

    private static void putLongBigEndian(final byte[] dst, final int offset, final long value)
    {
        for (int i = 0; i < Long.BYTES; i++)
        {
            dst[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }
}
