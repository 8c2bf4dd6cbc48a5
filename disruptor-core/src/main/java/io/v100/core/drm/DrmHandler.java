package io.v100.core.drm;

import io.v100.core.BroadcastHandler;
import io.v100.core.EgressProxy;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.LicenseResultCode;
import io.v100.sbe.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.nio.ByteOrder;
import java.util.Arrays;

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
 * Entitlements map viewerId to expiry in an Agrona {@link Long2LongHashMap} pre-sized for
 * {@link DrmContext#maxViewers()}, its stated capacity: it never grows past it, so it never rehashes or allocates.
 * A grant counts only when its eventId is the Fixture's matchId; before any
 * Fixture every grant is accepted, because the core cannot yet tell which event it serves and dropping early
 * buyers would deny paying viewers (grants already stored are kept when the Fixture arrives). A later grant for
 * the same viewer replaces the expiry. The Fixture's matchId is also the content id (HKDF salt); until then
 * {@link DrmContext#defaultContentId()} is used, and a Fixture with a different id re-derives the current and
 * next keys, forgets the previous one (it protected other content) and emits a KeyRotation for the new KID.
 * <p>
 * Steady state allocates nothing; a derivation allocates a few small arrays inside Bouncy Castle once per key
 * period. Time comes only from {@link #onTime(long)}. Single-threaded, owned by the ring's consumer thread.
 * <p>
 * {@link #writeSnapshot} and {@link #loadSnapshot} save and restore the key period, content id, Fixture flag,
 * tick time, held periods with their public KIDs, every entitlement and the counters (layout {@code DRM1}).
 * Snapshots carry no key material: content keys are re-derived on load from the context's master key.
 */
public final class DrmHandler implements BroadcastHandler
{
    /**
     * First int32 of a DRM snapshot, layout version 1: the ASCII bytes {@code "DRM1"} read as a little-endian
     * int32.
     */
    public static final int SNAPSHOT_MAGIC = 'D' | 'R' << 8 | 'M' << 16 | '1' << 24;

    /** Bytes of a DRM snapshot before the denial counters and the entitlements; see {@link #writeSnapshot}. */
    public static final int SNAPSHOT_HEADER_LENGTH = 168;

    private static final ByteOrder SNAPSHOT_ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int FIXTURE_SEEN_FLAG = 1;
    private static final int SLOTS_OFFSET = 88;
    private static final int SLOT_LENGTH = Long.BYTES + KeyDeriver.KID_LENGTH;
    private static final int DENIAL_LENGTH = Integer.BYTES + Long.BYTES;
    private static final int ENTITLEMENT_LENGTH = 2 * Long.BYTES;
    private static final long NO_PERIOD = Long.MIN_VALUE;
    private static final long NO_ENTITLEMENT = Long.MIN_VALUE;
    private static final int SLOTS = 3;

    private final EgressProxy egress;
    private final KeyDeriver deriver;
    private final long keyPeriodNs;
    private final long nextKeyLeadNs;
    private final long previousKeyGraceNs;
    private final Long2LongHashMap entitlementExpiryByViewer;
    private final int maxViewers;

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
    private long entitlementsRefused;

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
        this.maxViewers = context.maxViewers();
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
     * in {@link #entitlementsIgnored()} and dropped. The table holds at most {@link DrmContext#maxViewers()}
     * viewers: a grant for a new viewer when it is full is refused with {@code Rejected(TABLE_FULL)}, counted in
     * {@link #entitlementsRefused()}, and changes nothing (a viewer already in the table may still be renewed).
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

        final long viewerId = entitlementGrant.viewerId();
        if (entitlementExpiryByViewer.size() >= maxViewers && !entitlementExpiryByViewer.containsKey(viewerId))
        {
            entitlementsRefused++;
            egress.refuseInput(RejectReason.TABLE_FULL);
            return;
        }
        // Long.MIN_VALUE is the map's missing value; an expiry that far in the past means the same thing.
        final long expiryNs = Math.max(entitlementGrant.expiryNs(), NO_ENTITLEMENT + 1);
        entitlementExpiryByViewer.put(viewerId, expiryNs);
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
     * Write the licensing state, layout {@code DRM1}, little-endian:
     * <pre>
     *   offset  type     field
     *        0  int32    magic "DRM1" ({@link #SNAPSHOT_MAGIC})
     *        4  int32    flags: bit 0 a Fixture has been seen
     *        8  int64    key period, next-key lead, previous-key grace, ns (3 x int64; settings, checked on load)
     *       32  int64    content id (HKDF salt)
     *       40  int64    tick time, ns since the Unix epoch
     *       48  int64    current key period, or Long.MIN_VALUE before the first tick
     *       56  int64    derivations, key rotations, licences granted, entitlements ignored (4 x int64)
     *       88  3 slots x (int64 key period or Long.MIN_VALUE, 16-byte KID; zeros for an empty slot)
     *      160  int32    D = denial codes with a non-zero count
     *      164  int32    E = entitlements
     *      168  D x (int32 LicenseResultCode value, int64 count), codes ascending
     *  168+12D  E x (int64 viewerId, int64 expiry ns since the Unix epoch), viewerIds ascending
     * </pre>
     * Total {@code 168 + 12 D + 16 E} bytes. No key material is written: neither the master key, which comes
     * from the {@link DrmContext}, nor the content keys, which {@link #loadSnapshot} re-derives from it with
     * {@link KeyDeriver} for each held slot's period and the content id. KIDs are written because they are
     * public (every KeyRotation carries one) and because a mismatch between a stored KID and the re-derived one
     * reveals a different master key. Entries are sorted so that equal states give equal bytes.
     * <p>
     * Allocates (a sorted copy of the viewerIds); snapshots are rare and taken between ticks.
     *
     * @param buffer   to write into.
     * @param offset   where to start.
     * @param capacity bytes available from offset.
     * @return bytes written, or -1 if {@code capacity} is below {@code 168 + 12 D + 16 E} (nothing written).
     */
    public int writeSnapshot(final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        int denialCodes = 0;
        for (final long count : deniedByCode)
        {
            if (count != 0)
            {
                denialCodes++;
            }
        }
        final int entitlementCount = entitlementExpiryByViewer.size();
        final long length =
            SNAPSHOT_HEADER_LENGTH + (long)DENIAL_LENGTH * denialCodes + (long)ENTITLEMENT_LENGTH * entitlementCount;
        if (capacity < length)
        {
            return -1;
        }

        buffer.putInt(offset, SNAPSHOT_MAGIC, SNAPSHOT_ORDER);
        buffer.putInt(offset + 4, fixtureSeen ? FIXTURE_SEEN_FLAG : 0, SNAPSHOT_ORDER);
        buffer.putLong(offset + 8, keyPeriodNs, SNAPSHOT_ORDER);
        buffer.putLong(offset + 16, nextKeyLeadNs, SNAPSHOT_ORDER);
        buffer.putLong(offset + 24, previousKeyGraceNs, SNAPSHOT_ORDER);
        buffer.putLong(offset + 32, contentId, SNAPSHOT_ORDER);
        buffer.putLong(offset + 40, nowNs, SNAPSHOT_ORDER);
        buffer.putLong(offset + 48, currentPeriod, SNAPSHOT_ORDER);
        buffer.putLong(offset + 56, derivations, SNAPSHOT_ORDER);
        buffer.putLong(offset + 64, keyRotations, SNAPSHOT_ORDER);
        buffer.putLong(offset + 72, licensesGranted, SNAPSHOT_ORDER);
        buffer.putLong(offset + 80, entitlementsIgnored, SNAPSHOT_ORDER);
        for (int i = 0; i < SLOTS; i++)
        {
            final int slotOffset = offset + SLOTS_OFFSET + i * SLOT_LENGTH;
            buffer.putLong(slotOffset, slotPeriod[i], SNAPSHOT_ORDER);
            buffer.putBytes(slotOffset + Long.BYTES, slotPeriod[i] == NO_PERIOD ? zeroKey : slotKid[i]);
        }
        buffer.putInt(offset + 160, denialCodes, SNAPSHOT_ORDER);
        buffer.putInt(offset + 164, entitlementCount, SNAPSHOT_ORDER);

        int index = offset + SNAPSHOT_HEADER_LENGTH;
        for (int code = 0; code < deniedByCode.length; code++)
        {
            if (deniedByCode[code] != 0)
            {
                buffer.putInt(index, code, SNAPSHOT_ORDER);
                buffer.putLong(index + Integer.BYTES, deniedByCode[code], SNAPSHOT_ORDER);
                index += DENIAL_LENGTH;
            }
        }

        final long[] viewerIds = new long[entitlementCount];
        final Long2LongHashMap.KeyIterator keys = entitlementExpiryByViewer.keySet().iterator();
        for (int i = 0; i < entitlementCount; i++)
        {
            viewerIds[i] = keys.nextValue();
        }
        Arrays.sort(viewerIds);
        for (final long viewerId : viewerIds)
        {
            buffer.putLong(index, viewerId, SNAPSHOT_ORDER);
            buffer.putLong(index + Long.BYTES, entitlementExpiryByViewer.get(viewerId), SNAPSHOT_ORDER);
            index += ENTITLEMENT_LENGTH;
        }

        return index - offset;
    }

    /**
     * Restore the state written by {@link #writeSnapshot} (layout {@code DRM1}): the key period, content id,
     * Fixture flag, tick time, counters and every entitlement, and the key and KID of each held slot re-derived
     * from this handler's master key. Everything is checked, and the keys derived, before anything is changed,
     * so a refused snapshot leaves this handler as it was. Allocates (derivation, a staging copy).
     *
     * @param buffer holding the snapshot.
     * @param offset where it starts.
     * @param length of the snapshot in bytes; must be exactly {@code 168 + 12 D + 16 E}.
     * @throws IllegalArgumentException if the range lies outside the buffer, the magic is not {@code "DRM1"},
     *                                  the length is not exact, the key period settings differ from this
     *                                  handler's, a re-derived KID differs from the stored one (another master
     *                                  key), or a flag, slot, denial code or entitlement is malformed (repeated
     *                                  or unsorted ids, an expiry of Long.MIN_VALUE).
     */
    public void loadSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            throw new IllegalArgumentException("snapshot range outside the buffer");
        }
        if (length < SNAPSHOT_HEADER_LENGTH || buffer.getInt(offset, SNAPSHOT_ORDER) != SNAPSHOT_MAGIC)
        {
            throw new IllegalArgumentException("not a DRM1 snapshot");
        }
        final int flags = buffer.getInt(offset + 4, SNAPSHOT_ORDER);
        final int denialCodes = buffer.getInt(offset + 160, SNAPSHOT_ORDER);
        final int entitlementCount = buffer.getInt(offset + 164, SNAPSHOT_ORDER);
        if (denialCodes < 0 || denialCodes > deniedByCode.length || entitlementCount < 0 ||
            entitlementCount > maxViewers ||
            length != SNAPSHOT_HEADER_LENGTH + (long)DENIAL_LENGTH * denialCodes +
            (long)ENTITLEMENT_LENGTH * entitlementCount)
        {
            throw new IllegalArgumentException("DRM1 snapshot of " + length + " bytes does not match its counts");
        }
        if (buffer.getLong(offset + 8, SNAPSHOT_ORDER) != keyPeriodNs ||
            buffer.getLong(offset + 16, SNAPSHOT_ORDER) != nextKeyLeadNs ||
            buffer.getLong(offset + 24, SNAPSHOT_ORDER) != previousKeyGraceNs)
        {
            throw new IllegalArgumentException("DRM1 snapshot taken under other key period settings");
        }
        if ((flags & ~FIXTURE_SEEN_FLAG) != 0)
        {
            throw new IllegalArgumentException("DRM1 snapshot with unknown flags");
        }

        final long loadedContentId = buffer.getLong(offset + 32, SNAPSHOT_ORDER);
        final long[] loadedPeriod = new long[SLOTS];
        final byte[][] loadedKey = new byte[SLOTS][KeyDeriver.KEY_LENGTH];
        final byte[][] loadedKid = new byte[SLOTS][KeyDeriver.KID_LENGTH];
        final byte[] storedKid = new byte[KeyDeriver.KID_LENGTH];
        for (int i = 0; i < SLOTS; i++)
        {
            final int slotOffset = offset + SLOTS_OFFSET + i * SLOT_LENGTH;
            final long period = buffer.getLong(slotOffset, SNAPSHOT_ORDER);
            loadedPeriod[i] = period;
            if (period == NO_PERIOD)
            {
                continue;
            }
            for (int j = 0; j < i; j++)
            {
                if (loadedPeriod[j] == period)
                {
                    throw new IllegalArgumentException("DRM1 snapshot holds key period " + period + " twice");
                }
            }
            buffer.getBytes(slotOffset + Long.BYTES, storedKid);
            deriver.deriveKey(period, loadedContentId, loadedKey[i]);
            deriver.deriveKid(period, loadedContentId, loadedKid[i]);
            if (!Arrays.equals(storedKid, loadedKid[i]))
            {
                throw new IllegalArgumentException("DRM1 snapshot KID differs from this master key's");
            }
        }

        final int denialsOffset = offset + SNAPSHOT_HEADER_LENGTH;
        int previousCode = -1;
        for (int i = 0; i < denialCodes; i++)
        {
            final int code = buffer.getInt(denialsOffset + i * DENIAL_LENGTH, SNAPSHOT_ORDER);
            final long count = buffer.getLong(denialsOffset + i * DENIAL_LENGTH + Integer.BYTES, SNAPSHOT_ORDER);
            if (code <= previousCode || code >= deniedByCode.length || count <= 0)
            {
                throw new IllegalArgumentException("DRM1 snapshot with a malformed denial counter");
            }
            previousCode = code;
        }

        final int entitlementsOffset = denialsOffset + DENIAL_LENGTH * denialCodes;
        for (int i = 0; i < entitlementCount; i++)
        {
            final int entryOffset = entitlementsOffset + i * ENTITLEMENT_LENGTH;
            final long viewerId = buffer.getLong(entryOffset, SNAPSHOT_ORDER);
            if ((i > 0 && viewerId <= buffer.getLong(entryOffset - ENTITLEMENT_LENGTH, SNAPSHOT_ORDER)) ||
                buffer.getLong(entryOffset + Long.BYTES, SNAPSHOT_ORDER) == NO_ENTITLEMENT)
            {
                throw new IllegalArgumentException("DRM1 snapshot with a malformed entitlement");
            }
        }

        fixtureSeen = (flags & FIXTURE_SEEN_FLAG) != 0;
        contentId = loadedContentId;
        nowNs = buffer.getLong(offset + 40, SNAPSHOT_ORDER);
        currentPeriod = buffer.getLong(offset + 48, SNAPSHOT_ORDER);
        derivations = buffer.getLong(offset + 56, SNAPSHOT_ORDER);
        keyRotations = buffer.getLong(offset + 64, SNAPSHOT_ORDER);
        licensesGranted = buffer.getLong(offset + 72, SNAPSHOT_ORDER);
        entitlementsIgnored = buffer.getLong(offset + 80, SNAPSHOT_ORDER);
        for (int i = 0; i < SLOTS; i++)
        {
            slotPeriod[i] = loadedPeriod[i];
            System.arraycopy(loadedKey[i], 0, slotKey[i], 0, KeyDeriver.KEY_LENGTH);
            System.arraycopy(loadedKid[i], 0, slotKid[i], 0, KeyDeriver.KID_LENGTH);
            Arrays.fill(loadedKey[i], (byte)0);
        }
        Arrays.fill(deniedByCode, 0);
        for (int i = 0; i < denialCodes; i++)
        {
            final int code = buffer.getInt(denialsOffset + i * DENIAL_LENGTH, SNAPSHOT_ORDER);
            deniedByCode[code] = buffer.getLong(denialsOffset + i * DENIAL_LENGTH + Integer.BYTES, SNAPSHOT_ORDER);
        }
        entitlementExpiryByViewer.clear();
        for (int i = 0; i < entitlementCount; i++)
        {
            final int entryOffset = entitlementsOffset + i * ENTITLEMENT_LENGTH;
            entitlementExpiryByViewer.put(
                buffer.getLong(entryOffset, SNAPSHOT_ORDER), buffer.getLong(entryOffset + Long.BYTES, SNAPSHOT_ORDER));
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
     * @return entitlement grants for new viewers refused because the table held {@link DrmContext#maxViewers()}.
     */
    public long entitlementsRefused()
    {
        return entitlementsRefused;
    }

    /**
     * @return viewers holding an entitlement, at most {@link DrmContext#maxViewers()}.
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
