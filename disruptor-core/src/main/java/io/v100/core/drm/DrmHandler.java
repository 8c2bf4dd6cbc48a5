package io.v100.core.drm;

import io.v100.core.BroadcastHandler;
import io.v100.core.EgressProxy;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.LicenseResultCode;
import org.agrona.collections.Long2LongHashMap;

/**
 * DRM licensing: rotates the content key every key period and answers licence requests of entitled viewers.
 * <p>
 * Key periods (DASH-IF CPIX ContentKeyPeriod) lie on an absolute grid: period {@code p = floorDiv(nowNs,
 * keyPeriodNs)} covers {@code [p * keyPeriodNs, (p + 1) * keyPeriodNs)}, so every replica fed the same event
 * times agrees on it. When {@link #onTime(long)} enters a new period (the first time included) the handler
 * derives, with {@link KeyDeriver} (HKDF-SHA256, RFC 5869), the key and KID of that period if it does not hold
 * them yet and of the next period, then emits one KeyRotation for the new current period. Derivation happens
 * once per period, never per event ({@link #derivations()} counts it).
 * <p>
 * Three periods are held in preallocated arrays, and their keys are released to entitled viewers in these
 * windows:
 * <ul>
 *     <li>previous period: during the first {@link DrmContext#previousKeyGraceNs()} of the current period, for
 *     players behind the live edge still holding the previous KID at the boundary; the licence expires at the
 *     end of that grace (or the entitlement expiry, if earlier), since the previous period itself has ended;</li>
 *     <li>current period: throughout; the licence expires at the end of the period or of the entitlement,
 *     whichever is first;</li>
 *     <li>next period: during the last {@link DrmContext#nextKeyLeadNs()} of the current period, so a player
 *     that reads the next KID just before rotation is served; same expiry rule as the current period.</li>
 * </ul>
 * Outside these windows, and for any other KID, the answer is UNKNOWN_KID with key period -1.
 * <p>
 * Entitlements map viewerId to expiry in an Agrona {@link Long2LongHashMap} sized from
 * {@link DrmContext#maxViewers()}. A grant counts only when its eventId is the Fixture's matchId; before any
 * Fixture every grant is accepted, because the core cannot yet tell which event it serves and dropping early
 * buyers would deny paying viewers (grants already stored are kept when the Fixture arrives). A later grant for
 * the same viewer replaces the expiry. The Fixture's matchId is also the content id (HKDF salt); until then
 * {@link DrmContext#defaultContentId()} is used, and a Fixture with a different id re-derives the current and
 * next keys, forgets the previous one (it protected other content) and emits a KeyRotation for the new KID.
 * <p>
 * Steady state allocates nothing; a derivation allocates a few small arrays inside Bouncy Castle once per key
 * period. Time comes only from {@link #onTime(long)}. Single-threaded, owned by the ring's consumer thread.
 */
public final class DrmHandler implements BroadcastHandler
{
    private static final long NO_PERIOD = Long.MIN_VALUE;
    private static final long NO_ENTITLEMENT = Long.MIN_VALUE;
    private static final int SLOTS = 3;

    private final EgressProxy egress;
    private final KeyDeriver deriver;
    private final long keyPeriodNs;
    private final long nextKeyLeadNs;
    private final long previousKeyGraceNs;
    private final Long2LongHashMap entitlementExpiryByViewer;

    private final long[] slotPeriod = new long[SLOTS];
    private final byte[][] slotKey = new byte[SLOTS][KeyDeriver.KEY_LENGTH];
    private final byte[][] slotKid = new byte[SLOTS][KeyDeriver.KID_LENGTH];
    private final byte[] requestKid = new byte[KeyDeriver.KID_LENGTH];
    private final byte[] zeroKey = new byte[KeyDeriver.KEY_LENGTH];
    private final long[] deniedByCode = new long[256];

    private long contentId;
    private boolean fixtureSeen;
    private long nowNs;
    private long currentPeriod = NO_PERIOD;

    private long derivations;
    private long keyRotations;
    private long licensesGranted;
    private long entitlementsIgnored;

    /**
     * @param context settings; {@link DrmContext#conclude()} is called here.
     * @param egress  receives KeyRotation and LicenseResult messages.
     * @throws IllegalArgumentException if the context is invalid.
     */
    public DrmHandler(final DrmContext context, final EgressProxy egress)
    {
        context.conclude();
        this.egress = egress;
        this.deriver = new KeyDeriver(context);
        this.keyPeriodNs = context.keyPeriodNs();
        this.nextKeyLeadNs = context.nextKeyLeadNs();
        this.previousKeyGraceNs = context.previousKeyGraceNs();
        this.contentId = context.defaultContentId();
        this.entitlementExpiryByViewer = new Long2LongHashMap(
            (int)Math.min(1 << 30, (long)Math.ceil(context.maxViewers() / 0.65)), 0.65f, NO_ENTITLEMENT);
        for (int i = 0; i < SLOTS; i++)
        {
            slotPeriod[i] = NO_PERIOD;
        }
    }

    /**
     * Track the tick time and rotate keys when it enters a new key period.
     *
     * @param nowNs tick time in ns since the Unix epoch, never decreasing.
     */
    public void onTime(final long nowNs)
    {
        this.nowNs = nowNs;
        final long period = KeyDeriver.keyPeriod(nowNs, keyPeriodNs);
        if (period != currentPeriod)
        {
            enterPeriod(period);
        }
    }

    /**
     * Take the match id as content id; re-key if it differs from the one in use.
     *
     * @param fixture a validated Fixture.
     */
    public void onFixture(final FixtureDecoder fixture)
    {
        final long matchId = fixture.matchId();
        fixtureSeen = true;
        if (matchId == contentId)
        {
            return;
        }

        contentId = matchId;
        if (currentPeriod != NO_PERIOD)
        {
            for (int i = 0; i < SLOTS; i++)
            {
                slotPeriod[i] = NO_PERIOD;
            }
            final long period = currentPeriod;
            currentPeriod = NO_PERIOD;
            enterPeriod(period);
        }
    }

    /**
     * Store or replace a viewer's entitlement expiry; grants for another event than the Fixture's are counted
     * in {@link #entitlementsIgnored()} and dropped.
     *
     * @param entitlementGrant viewerId, eventId and expiryNs (ns since the Unix epoch).
     */
    public void onEntitlementGrant(final EntitlementGrantDecoder entitlementGrant)
    {
        if (fixtureSeen && entitlementGrant.eventId() != contentId)
        {
            entitlementsIgnored++;
            return;
        }

        // Long.MIN_VALUE is the map's missing value; an expiry that far in the past means the same thing.
        final long expiryNs = Math.max(entitlementGrant.expiryNs(), NO_ENTITLEMENT + 1);
        entitlementExpiryByViewer.put(entitlementGrant.viewerId(), expiryNs);
    }

    /**
     * Answer a licence request with one LicenseResult: UNKNOWN_KID (key period -1, expiry 0) when the KID is
     * not released now, NO_ENTITLEMENT (expiry 0) when the viewer has no entitlement, EXPIRED (expiry = the
     * entitlement's) when it ended at or before now, else GRANTED with the key. Denials carry a zero key.
     *
     * @param licenseRequest viewerId, sessionId and the 16-byte KID.
     */
    public void onLicenseRequest(final LicenseRequestDecoder licenseRequest)
    {
        licenseRequest.getKid(requestKid, 0, KeyDeriver.KID_LENGTH);
        final long viewerId = licenseRequest.viewerId();
        final long sessionId = licenseRequest.sessionId();

        final int slot = releasedSlot(requestKid);
        if (slot < 0)
        {
            deny(viewerId, sessionId, LicenseResultCode.UNKNOWN_KID, -1, 0);
            return;
        }

        final long period = slotPeriod[slot];
        final long entitlementExpiryNs = entitlementExpiryByViewer.get(viewerId);
        if (entitlementExpiryNs == NO_ENTITLEMENT)
        {
            deny(viewerId, sessionId, LicenseResultCode.NO_ENTITLEMENT, period, 0);
        }
        else if (entitlementExpiryNs <= nowNs)
        {
            deny(viewerId, sessionId, LicenseResultCode.EXPIRED, period, entitlementExpiryNs);
        }
        else
        {
            final long keyEndNs = period < currentPeriod ?
                periodStartNs(currentPeriod) + previousKeyGraceNs : periodStartNs(period + 1);
            licensesGranted++;
            egress.licenseResult(
                viewerId,
                sessionId,
                LicenseResultCode.GRANTED,
                requestKid,
                period,
                slotKey[slot],
                Math.min(entitlementExpiryNs, keyEndNs));
        }
    }

    /**
     * @return key periods whose key and KID were derived (each derivation computes both).
     */
    public long derivations()
    {
        return derivations;
    }

    /**
     * @return KeyRotation messages emitted.
     */
    public long keyRotations()
    {
        return keyRotations;
    }

    /**
     * @return licences granted.
     */
    public long licensesGranted()
    {
        return licensesGranted;
    }

    /**
     * @param code a denial code.
     * @return licences denied with that code; 0 for GRANTED.
     */
    public long licensesDenied(final LicenseResultCode code)
    {
        return deniedByCode[code.value()];
    }

    /**
     * @return entitlement grants dropped because their eventId was not the Fixture's matchId.
     */
    public long entitlementsIgnored()
    {
        return entitlementsIgnored;
    }

    /**
     * @return viewers holding an entitlement.
     */
    public int entitlements()
    {
        return entitlementExpiryByViewer.size();
    }

    /**
     * @return the current key period, or {@link Long#MIN_VALUE} before the first {@link #onTime(long)}.
     */
    public long currentKeyPeriod()
    {
        return currentPeriod;
    }

    /**
     * @return content id (HKDF salt) in use.
     */
    public long contentId()
    {
        return contentId;
    }

    private void enterPeriod(final long period)
    {
        for (int i = 0; i < SLOTS; i++)
        {
            final long held = slotPeriod[i];
            if (held != period - 1 && held != period && held != period + 1)
            {
                slotPeriod[i] = NO_PERIOD;
            }
        }

        currentPeriod = period;
        final int currentSlot = ensureDerived(period);
        ensureDerived(period + 1);

        keyRotations++;
        egress.keyRotation(period, slotKid[currentSlot], periodStartNs(period), periodStartNs(period + 1));
    }

    private int ensureDerived(final long period)
    {
        int free = -1;
        for (int i = 0; i < SLOTS; i++)
        {
            if (slotPeriod[i] == period)
            {
                return i;
            }
            if (free < 0 && slotPeriod[i] == NO_PERIOD)
            {
                free = i;
            }
        }

        deriver.deriveKey(period, contentId, slotKey[free]);
        deriver.deriveKid(period, contentId, slotKid[free]);
        slotPeriod[free] = period;
        derivations++;
        return free;
    }

    private int releasedSlot(final byte[] kid)
    {
        for (int i = 0; i < SLOTS; i++)
        {
            final long period = slotPeriod[i];
            if (period == NO_PERIOD || !equals16(slotKid[i], kid))
            {
                continue;
            }
            if (period == currentPeriod - 1 && nowNs >= periodStartNs(currentPeriod) + previousKeyGraceNs)
            {
                return -1;
            }
            if (period == currentPeriod + 1 && nowNs < periodStartNs(period) - nextKeyLeadNs)
            {
                return -1;
            }
            return i;
        }
        return -1;
    }

    private void deny(
        final long viewerId, final long sessionId, final LicenseResultCode code, final long period, final long expiryNs)
    {
        deniedByCode[code.value()]++;
        egress.licenseResult(viewerId, sessionId, code, requestKid, period, zeroKey, expiryNs);
    }

    private long periodStartNs(final long period)
    {
        return period * keyPeriodNs;
    }

    private static boolean equals16(final byte[] a, final byte[] b)
    {
        int diff = 0;
        for (int i = 0; i < KeyDeriver.KID_LENGTH; i++)
        {
            diff |= a[i] ^ b[i];
        }
        return diff == 0;
    }
}
