package io.v100.core.drm;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class KeyDeriverTest
{
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void shouldMatchRfc5869TestCase1()
    {
        assertRfcVector(
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            "000102030405060708090a0b0c",
            "f0f1f2f3f4f5f6f7f8f9",
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void shouldMatchRfc5869TestCase2()
    {
        assertRfcVector(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" +
            "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f" +
            "404142434445464748494a4b4c4d4e4f",
            "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f" +
            "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f" +
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
            "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf" +
            "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef" +
            "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c" +
            "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71" +
            "cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    @Test
    void shouldMatchRfc5869TestCase3WithEmptySaltAndInfo()
    {
        assertRfcVector(
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            "",
            "",
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void shouldDeriveKeyAndKidAsSpecifiedWithLabelsPeriodAndContentSalt() throws Exception
    {
        final byte[] master = DrmContext.DEMO_MASTER_KEY.clone();
        final KeyDeriver deriver = new KeyDeriver(master);
        final long keyPeriod = 5_833_333L;
        final long contentId = 0x0102030405060708L;

        final byte[] key = new byte[16];
        final byte[] kid = new byte[16];
        deriver.deriveKey(keyPeriod, contentId, key);
        deriver.deriveKid(keyPeriod, contentId, kid);

        assertArrayEquals(independentKey(master, keyPeriod, contentId), key);
        assertArrayEquals(independentKid(master, keyPeriod, contentId), kid);
        assertFalse(Arrays.equals(key, kid));

        final byte[] otherPeriod = new byte[16];
        deriver.deriveKid(keyPeriod + 1, contentId, otherPeriod);
        assertFalse(Arrays.equals(kid, otherPeriod));
    }

    @Test
    void shouldPlaceKeyPeriodsOnAbsoluteEpochGrid()
    {
        final long period = 300_000_000_000L;
        assertEquals(0, KeyDeriver.keyPeriod(0, period));
        assertEquals(0, KeyDeriver.keyPeriod(period - 1, period));
        assertEquals(1, KeyDeriver.keyPeriod(period, period));
        assertEquals(-1, KeyDeriver.keyPeriod(-1, period));
    }

    static byte[] independentKey(final byte[] master, final long keyPeriod, final long contentId) throws Exception
    {
        return independentHkdf(master, salt(contentId), info("v100 content key", keyPeriod), 16);
    }

    static byte[] independentKid(final byte[] master, final long keyPeriod, final long contentId) throws Exception
    {
        return independentHkdf(master, salt(contentId), info("v100 kid", keyPeriod), 16);
    }

    /**
     * RFC 5869 §2.2 and §2.3 written directly over the JDK's HMAC-SHA256, independent of Bouncy Castle.
     */
    static byte[] independentHkdf(final byte[] ikm, final byte[] salt, final byte[] info, final int length)
        throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
        final byte[] prk = mac.doFinal(ikm);

        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        final byte[] okm = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, filled = 0; filled < length; i++)
        {
            mac.update(t);
            mac.update(info);
            mac.update((byte)i);
            t = mac.doFinal();
            final int n = Math.min(t.length, length - filled);
            System.arraycopy(t, 0, okm, filled, n);
            filled += n;
        }
        return okm;
    }

    private static byte[] salt(final long contentId)
    {
        return ByteBuffer.allocate(8).putLong(contentId).array();
    }

    private static byte[] info(final String label, final long keyPeriod)
    {
        final byte[] ascii = label.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(ascii.length + 8).put(ascii).putLong(keyPeriod).array();
    }

    private static void assertRfcVector(final String ikm, final String salt, final String info, final String okm)
    {
        final byte[] expected = HEX.parseHex(okm);
        final byte[] actual = new byte[expected.length];
        KeyDeriver.hkdfSha256(HEX.parseHex(ikm), HEX.parseHex(salt), HEX.parseHex(info), actual, 0, actual.length);
        assertArrayEquals(expected, actual);

        try
        {
            assertArrayEquals(
                expected, independentHkdf(HEX.parseHex(ikm), HEX.parseHex(salt), HEX.parseHex(info), expected.length));
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }
}
