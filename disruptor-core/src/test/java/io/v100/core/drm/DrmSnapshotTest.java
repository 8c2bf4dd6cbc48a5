package io.v100.core.drm;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.core.SnapshotRoundTrip;
import io.v100.core.deepfake.DeepfakeContext;
import io.v100.core.deepfake.DeepfakeHandler;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.EntitlementGrantEncoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.KeyRotationDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.LicenseRequestEncoder;
import io.v100.sbe.LicenseResultCode;
import io.v100.sbe.LicenseResultDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot and restore of the {@link DrmHandler}: a handler restored from a snapshot and fed the same later
 * inputs must send byte-identical KeyRotation and LicenseResult messages to one that never stopped, across key
 * rotations and with previous-period and next-period KIDs, and the snapshot must carry no key material.
 */
class DrmSnapshotTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long KEY_PERIOD_NS = DrmContext.KEY_PERIOD_NS_DEFAULT;
    private static final long MATCH_ID = 9_876_543_210L;
    private static final long OTHER_EVENT_ID = 424_242L;
    private static final long FIRST_PERIOD = 5_833_334L;
    private static final long START_NS = FIRST_PERIOD * KEY_PERIOD_NS + 170 * SECOND_NS;
    private static final long END_NS = START_NS + 1_000 * SECOND_NS;
    private static final long FAR_FUTURE_NS = Long.MAX_VALUE / 2;
    private static final byte[] MASTER_KEY = masterKey(new SplittableRandom(0x6D61_7374L));
    private static final int CAPACITY = 16 * 1024;

    private static final Input[] SCRIPT = script(new SplittableRandom(0xD12A_2024L));

    @Test
    void shouldContinueByteIdenticalAfterRestoreAroundKeyRotations() throws Exception
    {
        final Runner reference = new Runner();
        final List<Integer> rotations = new ArrayList<>();
        final long[] grantedByOffset = new long[3];
        for (int i = 0; i < SCRIPT.length; i++)
        {
            final int before = reference.sink.size();
            reference.apply(i);
            for (int m = before; m < reference.sink.size(); m++)
            {
                if (reference.sink.templateId(m) == KeyRotationDecoder.TEMPLATE_ID)
                {
                    rotations.add(i);
                }
                else
                {
                    final LicenseResultDecoder result = licenseResult(reference.sink, m);
                    if (result.code() == LicenseResultCode.GRANTED)
                    {
                        final long tickPeriod = Math.floorDiv(SCRIPT[i].timestampNs, KEY_PERIOD_NS);
                        grantedByOffset[(int)(result.keyPeriod() - tickPeriod + 1)]++;
                    }
                }
            }
        }
        // Fixture-less first period (content 0), re-key on the Fixture, then three period boundaries.
        assertEquals(5, rotations.size());
        assertTrue(grantedByOffset[0] > 0, "previous-period KID granted during grace");
        assertTrue(grantedByOffset[1] > 0, "current-period KID granted");
        assertTrue(grantedByOffset[2] > 0, "next-period KID granted within the lead");
        for (final LicenseResultCode code : new LicenseResultCode[] {
            LicenseResultCode.NO_ENTITLEMENT, LicenseResultCode.EXPIRED, LicenseResultCode.UNKNOWN_KID })
        {
            assertTrue(reference.handler.licensesDenied(code) > 0, code.name());
        }
        assertTrue(reference.handler.entitlementsIgnored() > 0);

        final int firstBoundary = rotations.get(2);
        final int[] points = {
            0,                                              // fresh handler, no key period yet
            1,                                              // entitlement taken before any Fixture
            rotations.get(1) + 1,                           // just after the Fixture re-keyed
            firstIndexAtOrAfter(startOfPeriod(1) - DrmContext.NEXT_KEY_LEAD_NS_DEFAULT + SECOND_NS),
            firstBoundary,                                  // just before the first rotation
            firstBoundary + 1,                              // just after it
            firstIndexAtOrAfter(startOfPeriod(1) + 30 * SECOND_NS),     // within the previous-key grace
            rotations.get(3),
            rotations.get(4) + 1,
            SCRIPT.length - 2,
        };

        SnapshotRoundTrip.restoreAtPoints(Runner::new, SCRIPT.length, points, true);
    }

    @Test
    void shouldMatchNeverStoppedEgressWhenRestoredAtEveryTickBoundary()
    {
        SnapshotRoundTrip.restoreAtEveryBoundary(Runner::new, SCRIPT.length, 0, SCRIPT.length, 80);
    }

    @Test
    void shouldSaveEveryEntitlementEntryByEntry()
    {
        final Runner runner = new Runner();
        runner.run(0, SCRIPT.length);
        final byte[] snapshot = runner.snapshot();
        final UnsafeBuffer view = new UnsafeBuffer(snapshot);

        // Independently: the last accepted grant per viewer; before the Fixture any event, afterwards MATCH_ID.
        final TreeMap<Long, Long> expected = new TreeMap<>();
        boolean fixtureSeen = false;
        for (final Input input : SCRIPT)
        {
            if (input.kind == Kind.FIXTURE)
            {
                fixtureSeen = true;
            }
            else if (input.kind == Kind.GRANT && (!fixtureSeen || input.eventId == MATCH_ID))
            {
                expected.put(input.viewerId, Math.max(input.expiryNs, Long.MIN_VALUE + 1));
            }
        }

        final int denialCodes = view.getInt(160, ByteOrder.LITTLE_ENDIAN);
        final int entitlements = view.getInt(164, ByteOrder.LITTLE_ENDIAN);
        assertEquals(expected.size(), entitlements);
        assertEquals(expected.size(), runner.handler.entitlements());
        assertEquals(168 + 12 * denialCodes + 16 * entitlements, snapshot.length);
        int index = 168 + 12 * denialCodes;
        for (final var entry : expected.entrySet())
        {
            assertEquals(entry.getKey(), view.getLong(index, ByteOrder.LITTLE_ENDIAN));
            assertEquals(entry.getValue(), view.getLong(index + 8, ByteOrder.LITTLE_ENDIAN));
            index += 16;
        }

        assertArrayEquals(new byte[] {'D', 'R', 'M', '1'}, Arrays.copyOf(snapshot, 4));
        assertEquals(1, view.getInt(4, ByteOrder.LITTLE_ENDIAN));
        assertEquals(KEY_PERIOD_NS, view.getLong(8, ByteOrder.LITTLE_ENDIAN));
        assertEquals(MATCH_ID, view.getLong(32, ByteOrder.LITTLE_ENDIAN));
        assertEquals(runner.handler.currentKeyPeriod(), view.getLong(48, ByteOrder.LITTLE_ENDIAN));
        assertEquals(runner.handler.derivations(), view.getLong(56, ByteOrder.LITTLE_ENDIAN));
        assertEquals(runner.handler.keyRotations(), view.getLong(64, ByteOrder.LITTLE_ENDIAN));
        assertEquals(runner.handler.licensesGranted(), view.getLong(72, ByteOrder.LITTLE_ENDIAN));
        assertEquals(runner.handler.entitlementsIgnored(), view.getLong(80, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void shouldCarryNeitherTheMasterKeyNorAnyContentKey() throws Exception
    {
        final long lastPeriod = Math.floorDiv(END_NS, KEY_PERIOD_NS);
        final List<byte[]> secrets = new ArrayList<>();
        for (int i = 0; i + 8 <= MASTER_KEY.length; i++)
        {
            secrets.add(Arrays.copyOfRange(MASTER_KEY, i, i + 8));
        }
        for (long period = FIRST_PERIOD - 1; period <= lastPeriod + 2; period++)
        {
            for (final long contentId : new long[] { 0, MATCH_ID })
            {
                final byte[] key = KeyDeriverTest.independentKey(MASTER_KEY, period, contentId);
                for (int i = 0; i + 8 <= key.length; i++)
                {
                    secrets.add(Arrays.copyOfRange(key, i, i + 8));
                }
            }
        }

        final Runner runner = new Runner();
        int checked = 0;
        for (int i = 0; i < SCRIPT.length; i++)
        {
            runner.apply(i);
            if (i % 7 == 0 || i == SCRIPT.length - 1)
            {
                final byte[] snapshot = runner.snapshot();
                for (final byte[] secret : secrets)
                {
                    assertFalse(contains(snapshot, secret), "key material in the snapshot after input " + i);
                }
                checked++;
            }
        }
        assertTrue(checked > 20);

        final byte[] last = runner.snapshot();
        final byte[] currentKid = KeyDeriverTest.independentKid(MASTER_KEY, lastPeriod, MATCH_ID);
        assertTrue(contains(last, currentKid), "positive control: the public KID is stored and found");
    }

    @Test
    void shouldRejectASnapshotTakenUnderAnotherMasterKey()
    {
        final Runner runner = new Runner();
        runner.run(0, SCRIPT.length / 2);
        final byte[] snapshot = runner.snapshot();

        final DrmHandler demoKeyed = new DrmHandler(new DrmContext(), new EgressProxy(new RecordingEgressSink()));
        assertThrows(IllegalArgumentException.class,
            () -> demoKeyed.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length));
        assertEquals(Long.MIN_VALUE, demoKeyed.currentKeyPeriod());
        assertEquals(0, demoKeyed.entitlements());
    }

    @Test
    void shouldRejectTruncatedForeignAndMalformedSnapshots()
    {
        final Runner runner = new Runner();
        runner.run(0, SCRIPT.length / 2);
        final byte[] snapshot = runner.snapshot();
        final DrmHandler fresh = new Runner().handler;
        final int entitlementsOffset = snapshot.length - 16 * runner.handler.entitlements();
        assertTrue(runner.handler.entitlements() >= 2);

        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length - 1));
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length - 16));
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(snapshot), 0, 100));
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(snapshot), 0, 3));
        final byte[] longer = Arrays.copyOf(snapshot, snapshot.length + 16);
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(longer), 0, longer.length));

        final byte[] wrongMagic = snapshot.clone();
        wrongMagic[2] = 'X';
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(wrongMagic), 0, wrongMagic.length));

        final UnsafeBuffer deepfakeSnapshot = new UnsafeBuffer(new byte[CAPACITY]);
        final int deepfakeLength = new DeepfakeHandler(new DeepfakeContext(), new EgressProxy(new RecordingEgressSink()))
            .writeSnapshot(deepfakeSnapshot, 0, CAPACITY);
        assertThrows(IllegalArgumentException.class, () -> fresh.loadSnapshot(deepfakeSnapshot, 0, deepfakeLength));

        final DrmHandler otherPeriod = new DrmHandler(
            new DrmContext().masterKey(MASTER_KEY).keyPeriodNs(KEY_PERIOD_NS / 2),
            new EgressProxy(new RecordingEgressSink()));
        assertThrows(IllegalArgumentException.class,
            () -> otherPeriod.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length));

        final byte[] duplicateViewer = snapshot.clone();
        final UnsafeBuffer duplicateView = new UnsafeBuffer(duplicateViewer);
        duplicateView.putLong(entitlementsOffset + 16,
            duplicateView.getLong(entitlementsOffset, ByteOrder.LITTLE_ENDIAN), ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(duplicateView, 0, duplicateViewer.length));

        final byte[] missingExpiry = snapshot.clone();
        new UnsafeBuffer(missingExpiry).putLong(entitlementsOffset + 8, Long.MIN_VALUE, ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(missingExpiry), 0, missingExpiry.length));

        final byte[] badFlags = snapshot.clone();
        badFlags[4] = 3;
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(badFlags), 0, badFlags.length));
    }

    @Test
    void shouldLeaveStateUntouchedWhenASnapshotIsRefused()
    {
        final Runner runner = new Runner();
        runner.run(0, SCRIPT.length / 3);
        final byte[] before = runner.snapshot();

        final Runner other = new Runner();
        other.run(0, SCRIPT.length);
        final byte[] corrupt = other.snapshot();
        final UnsafeBuffer corruptView = new UnsafeBuffer(corrupt);
        corruptView.putLong(corrupt.length - 8, Long.MIN_VALUE, ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class,
            () -> runner.handler.loadSnapshot(corruptView, 0, corrupt.length));

        assertArrayEquals(before, runner.snapshot());
    }

    @Test
    void shouldReturnMinusOneAndWriteNothingWhenCapacityIsTooSmall()
    {
        final Runner runner = new Runner();
        runner.run(0, SCRIPT.length / 2);
        final int length = runner.snapshot().length;
        final byte[] target = new byte[CAPACITY];
        final UnsafeBuffer buffer = new UnsafeBuffer(target);

        assertEquals(-1, runner.handler.writeSnapshot(buffer, 32, length - 1));
        assertArrayEquals(new byte[CAPACITY], target);
        assertEquals(length, runner.handler.writeSnapshot(buffer, 32, length));
    }

    private static LicenseResultDecoder licenseResult(final RecordingEgressSink sink, final int index)
    {
        assertEquals(LicenseResultDecoder.TEMPLATE_ID, sink.templateId(index));
        return new LicenseResultDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
    }

    private static boolean contains(final byte[] haystack, final byte[] needle)
    {
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length))
            {
                return true;
            }
        }
        return false;
    }

    private static long startOfPeriod(final int periodsAfterFirst)
    {
        return (FIRST_PERIOD + periodsAfterFirst) * KEY_PERIOD_NS;
    }

    private static int firstIndexAtOrAfter(final long timeNs)
    {
        for (int i = 0; i < SCRIPT.length; i++)
        {
            if (SCRIPT[i].timestampNs >= timeNs)
            {
                return i;
            }
        }
        throw new IllegalStateException("script ends before " + timeNs);
    }

    private static byte[] masterKey(final SplittableRandom random)
    {
        final byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++)
        {
            key[i] = (byte)random.nextInt(256);
        }
        return key;
    }

    /**
     * An entitlement and a licence request before the Fixture, the Fixture, then for 1000 s (three key period
     * boundaries) grants (some for another event, some already expired or expiring during the run) and licence
     * requests for the previous, current and next period's KIDs, the old content's KID and unknown KIDs, from
     * entitled and unentitled viewers. KIDs are computed independently of the handler.
     */
    private static Input[] script(final SplittableRandom random)
    {
        try
        {
            final List<Input> script = new ArrayList<>();
            final long firstPeriod = Math.floorDiv(START_NS, KEY_PERIOD_NS);
            script.add(Input.grant(START_NS, 100, OTHER_EVENT_ID, FAR_FUTURE_NS));
            script.add(Input.license(START_NS + SECOND_NS, 100, 1,
                KeyDeriverTest.independentKid(MASTER_KEY, firstPeriod, 0)));
            script.add(Input.fixture(START_NS + 2 * SECOND_NS));

            long nowNs = START_NS + 3 * SECOND_NS;
            long sessionId = 2;
            while (nowNs < END_NS)
            {
                final long period = Math.floorDiv(nowNs, KEY_PERIOD_NS);
                if (random.nextInt(10) < 3)
                {
                    final long viewerId = 1 + random.nextInt(40);
                    final long eventId = random.nextInt(10) == 0 ? OTHER_EVENT_ID : MATCH_ID;
                    final int expiryKind = random.nextInt(4);
                    final long expiryNs = expiryKind == 0 ? FAR_FUTURE_NS :
                        expiryKind == 1 ? nowNs - SECOND_NS : nowNs + (30 + random.nextInt(400)) * SECOND_NS;
                    script.add(Input.grant(nowNs, viewerId, eventId, expiryNs));
                }
                else
                {
                    final long viewerId = 1 + random.nextInt(45);
                    final int kidKind = random.nextInt(10);
                    final byte[] kid;
                    if (kidKind < 4)
                    {
                        kid = KeyDeriverTest.independentKid(MASTER_KEY, period, MATCH_ID);
                    }
                    else if (kidKind < 6)
                    {
                        kid = KeyDeriverTest.independentKid(MASTER_KEY, period - 1, MATCH_ID);
                    }
                    else if (kidKind < 8)
                    {
                        kid = KeyDeriverTest.independentKid(MASTER_KEY, period + 1, MATCH_ID);
                    }
                    else if (kidKind < 9)
                    {
                        kid = KeyDeriverTest.independentKid(MASTER_KEY, period, 0);
                    }
                    else
                    {
                        kid = new byte[16];
                        for (int b = 0; b < kid.length; b++)
                        {
                            kid[b] = (byte)random.nextInt(256);
                        }
                    }
                    script.add(Input.license(nowNs, viewerId, sessionId++, kid));
                }
                nowNs += (1 + random.nextInt(6)) * SECOND_NS + random.nextInt(1_000_000);
            }
            return script.toArray(new Input[0]);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private enum Kind
    {
        FIXTURE, GRANT, LICENSE
    }

    private record Input(Kind kind, long timestampNs, long viewerId, long eventId, long expiryNs, long sessionId,
        byte[] kid)
    {
        static Input fixture(final long timestampNs)
        {
            return new Input(Kind.FIXTURE, timestampNs, 0, MATCH_ID, 0, 0, null);
        }

        static Input grant(final long timestampNs, final long viewerId, final long eventId, final long expiryNs)
        {
            return new Input(Kind.GRANT, timestampNs, viewerId, eventId, expiryNs, 0, null);
        }

        static Input license(final long timestampNs, final long viewerId, final long sessionId, final byte[] kid)
        {
            return new Input(Kind.LICENSE, timestampNs, viewerId, 0, 0, sessionId, kid);
        }
    }

    /**
     * One handler with its own egress, fed script inputs as the tick would: ring sequence = script index.
     */
    private static final class Runner implements SnapshotRoundTrip.Subject
    {
        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final DrmHandler handler = new DrmHandler(new DrmContext().masterKey(MASTER_KEY), egress);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

        @Override
        public void apply(final int index)
        {
            final Input input = SCRIPT[index];
            egress.beginTick(index, input.timestampNs);
            handler.onTime(input.timestampNs);
            switch (input.kind)
            {
                case FIXTURE ->
                {
                    new FixtureEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                        .clientId(1)
                        .clientSequence(index)
                        .timestampNs(input.timestampNs)
                        .matchId(input.eventId)
                        .homeTeamId(1)
                        .awayTeamId(2)
                        .kickoffNs(input.timestampNs)
                        .homeGoalRate(1.5f)
                        .awayGoalRate(1.1f);
                    handler.onFixture(new FixtureDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder));
                }
                case GRANT ->
                {
                    new EntitlementGrantEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                        .clientId(2)
                        .clientSequence(index)
                        .timestampNs(input.timestampNs)
                        .viewerId(input.viewerId)
                        .eventId(input.eventId)
                        .expiryNs(input.expiryNs);
                    handler.onEntitlementGrant(
                        new EntitlementGrantDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder));
                }
                case LICENSE ->
                {
                    new LicenseRequestEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                        .clientId(3)
                        .clientSequence(index)
                        .timestampNs(input.timestampNs)
                        .viewerId(input.viewerId)
                        .sessionId(input.sessionId)
                        .putKid(input.kid, 0, 16);
                    handler.onLicenseRequest(
                        new LicenseRequestDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder));
                }
                default -> throw new IllegalStateException();
            }
        }

        @Override
        public byte[] snapshot()
        {
            return SnapshotRoundTrip.snapshotOf(handler, CAPACITY, 0);
        }

        @Override
        public void load(final byte[] snapshot)
        {
            handler.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length);
        }

        @Override
        public RecordingEgressSink sink()
        {
            return sink;
        }

        @Override
        public long[] accessors()
        {
            final LicenseResultCode[] codes = LicenseResultCode.values();
            final long[] values = new long[7 + codes.length];
            values[0] = handler.derivations();
            values[1] = handler.keyRotations();
            values[2] = handler.licensesGranted();
            values[3] = handler.entitlementsIgnored();
            values[4] = handler.entitlements();
            values[5] = handler.currentKeyPeriod();
            values[6] = handler.contentId();
            int i = 7;
            for (final LicenseResultCode code : codes)
            {
                values[i++] = code == LicenseResultCode.NULL_VAL ? 0 : handler.licensesDenied(code);
            }
            return values;
        }
    }
}
