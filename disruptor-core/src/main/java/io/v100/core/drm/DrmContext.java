package io.v100.core.drm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Settings of the {@link DrmHandler} and {@link KeyDeriver}, with documented defaults, read once at construction.
 * <p>
 * Numeric defaults can be overridden by the system property named next to them; the master key cannot, since a
 * system property is no place for a secret. Setters return {@code this} for chaining; {@link #conclude()}
 * validates the whole set and is called by the handler's constructor.
 */
public final class DrmContext
{
    /**
     * Length of a key period in ns: 300 s. Key periods sit on an absolute grid, {@code floorDiv(nowNs,
     * keyPeriodNs)} from the Unix epoch, so every replica that sees the same event times agrees on the period,
     * its bounds and therefore its key, with no coordination (DASH-IF CPIX ContentKeyPeriod).
     */
    public static final long KEY_PERIOD_NS_DEFAULT = 300_000_000_000L;

    /** System property overriding {@link #KEY_PERIOD_NS_DEFAULT}. */
    public static final String KEY_PERIOD_NS_PROP_NAME = "v100.drm.key.period.ns";

    /**
     * How long before its period starts the next period's key is released to entitled players: 60 s, enough
     * for a player or packager that reads the KID of upcoming segments ahead of the live edge.
     */
    public static final long NEXT_KEY_LEAD_NS_DEFAULT = 60_000_000_000L;

    /** System property overriding {@link #NEXT_KEY_LEAD_NS_DEFAULT}. */
    public static final String NEXT_KEY_LEAD_NS_PROP_NAME = "v100.drm.next.key.lead.ns";

    /**
     * How long after its period ends the previous period's key is still released: 60 s, covering players that
     * play behind the live edge and still hold segments of the previous period at the boundary.
     */
    public static final long PREVIOUS_KEY_GRACE_NS_DEFAULT = 60_000_000_000L;

    /** System property overriding {@link #PREVIOUS_KEY_GRACE_NS_DEFAULT}. */
    public static final String PREVIOUS_KEY_GRACE_NS_PROP_NAME = "v100.drm.previous.key.grace.ns";

    /** Content id (HKDF salt) used until a Fixture gives the match id. */
    public static final long DEFAULT_CONTENT_ID_DEFAULT = 0;

    /** System property overriding {@link #DEFAULT_CONTENT_ID_DEFAULT}. */
    public static final String DEFAULT_CONTENT_ID_PROP_NAME = "v100.drm.default.content.id";

    /**
     * Capacity of the entitlement table: 131,072 viewers. A grant for one more viewer is refused with
     * {@code Rejected(TABLE_FULL)}; the map is pre-sized so it never grows. A full table's snapshot section is
     * {@code 168 + 12 D + 16 x 131,072} bytes, about 2 MiB, far inside the {@code Snapshot} message's var data limit.
     */
    public static final int MAX_VIEWERS_DEFAULT = 1 << 17;

    /**
     * Largest capacity {@link #maxViewers(int)} accepts: 2^24 viewers, whose full snapshot section (16 bytes a
     * viewer, 256 MiB) stays inside the {@code Snapshot} message's var data limit of 2^30 bytes.
     */
    public static final int MAX_VIEWERS_LIMIT = 1 << 24;

    /** System property overriding {@link #MAX_VIEWERS_DEFAULT}. */
    public static final String MAX_VIEWERS_PROP_NAME = "v100.drm.max.viewers";

    /**
     * DEMO master key (HKDF input keying material), 32 ASCII bytes "v100-demo-master-key-NOT-SECRET!". It is
     * public, so content protected with it is not protected: deployments replace it with a key delivered by
     * their key management system (e.g. in a DASH-IF CPIX document or from a KMS) via {@link #masterKey(byte[])}.
     */
    public static final byte[] DEMO_MASTER_KEY = "v100-demo-master-key-NOT-SECRET!".getBytes(StandardCharsets.US_ASCII);

    private long keyPeriodNs = Long.getLong(KEY_PERIOD_NS_PROP_NAME, KEY_PERIOD_NS_DEFAULT);
    private long nextKeyLeadNs = Long.getLong(NEXT_KEY_LEAD_NS_PROP_NAME, NEXT_KEY_LEAD_NS_DEFAULT);
    private long previousKeyGraceNs = Long.getLong(PREVIOUS_KEY_GRACE_NS_PROP_NAME, PREVIOUS_KEY_GRACE_NS_DEFAULT);
    private long defaultContentId = Long.getLong(DEFAULT_CONTENT_ID_PROP_NAME, DEFAULT_CONTENT_ID_DEFAULT);
    private int maxViewers = Integer.getInteger(MAX_VIEWERS_PROP_NAME, MAX_VIEWERS_DEFAULT);
    private byte[] masterKey = DEMO_MASTER_KEY.clone();

    /**
     * Validate the settings.
     *
     * @return this.
     * @throws IllegalArgumentException if the key period is not positive, the lead or grace is negative or
     *                                  longer than a key period, max viewers is outside [1, 2^24], or the master key is
     *                                  shorter than 16 bytes.
     */
    public DrmContext conclude()
    {
        if (keyPeriodNs <= 0)
        {
            throw new IllegalArgumentException("keyPeriodNs must be > 0: " + keyPeriodNs);
        }
        if (nextKeyLeadNs < 0 || nextKeyLeadNs > keyPeriodNs)
        {
            throw new IllegalArgumentException("nextKeyLeadNs must be 0..keyPeriodNs: " + nextKeyLeadNs);
        }
        if (previousKeyGraceNs < 0 || previousKeyGraceNs > keyPeriodNs)
        {
            throw new IllegalArgumentException("previousKeyGraceNs must be 0..keyPeriodNs: " + previousKeyGraceNs);
        }
        if (maxViewers < 1 || maxViewers > MAX_VIEWERS_LIMIT)
        {
            throw new IllegalArgumentException("maxViewers must be in [1, 2^24]: " + maxViewers);
        }
        if (masterKey.length < 16)
        {
            throw new IllegalArgumentException("masterKey must be at least 16 bytes: " + masterKey.length);
        }

        return this;
    }

    /**
     * @return key period length in ns.
     */
    public long keyPeriodNs()
    {
        return keyPeriodNs;
    }

    /**
     * @param keyPeriodNs key period length in ns, {@code > 0}.
     * @return this.
     */
    public DrmContext keyPeriodNs(final long keyPeriodNs)
    {
        this.keyPeriodNs = keyPeriodNs;
        return this;
    }

    /**
     * @return ns before its start that the next period's key is released.
     */
    public long nextKeyLeadNs()
    {
        return nextKeyLeadNs;
    }

    /**
     * @param nextKeyLeadNs ns before its start that the next period's key is released, 0..keyPeriodNs.
     * @return this.
     */
    public DrmContext nextKeyLeadNs(final long nextKeyLeadNs)
    {
        this.nextKeyLeadNs = nextKeyLeadNs;
        return this;
    }

    /**
     * @return ns after its end that the previous period's key is still released.
     */
    public long previousKeyGraceNs()
    {
        return previousKeyGraceNs;
    }

    /**
     * @param previousKeyGraceNs ns after its end that the previous period's key is still released,
     *                           0..keyPeriodNs.
     * @return this.
     */
    public DrmContext previousKeyGraceNs(final long previousKeyGraceNs)
    {
        this.previousKeyGraceNs = previousKeyGraceNs;
        return this;
    }

    /**
     * @return content id used as HKDF salt before any Fixture.
     */
    public long defaultContentId()
    {
        return defaultContentId;
    }

    /**
     * @param defaultContentId content id used as HKDF salt before any Fixture.
     * @return this.
     */
    public DrmContext defaultContentId(final long defaultContentId)
    {
        this.defaultContentId = defaultContentId;
        return this;
    }

    /**
     * @return viewers the entitlement map holds without growing.
     */
    public int maxViewers()
    {
        return maxViewers;
    }

    /**
     * @param maxViewers capacity of the entitlement table, in [1, {@link #MAX_VIEWERS_LIMIT}]; a grant for one more
     *                   viewer is refused with {@code Rejected(TABLE_FULL)}.
     * @return this.
     */
    public DrmContext maxViewers(final int maxViewers)
    {
        this.maxViewers = maxViewers;
        return this;
    }

    /**
     * @return a copy of the master key (HKDF IKM).
     */
    public byte[] masterKey()
    {
        return masterKey.clone();
    }

    /**
     * @param masterKey HKDF input keying material, at least 16 bytes (32 recommended); copied.
     * @return this.
     */
    public DrmContext masterKey(final byte[] masterKey)
    {
        this.masterKey = Arrays.copyOf(masterKey, masterKey.length);
        return this;
    }
}
