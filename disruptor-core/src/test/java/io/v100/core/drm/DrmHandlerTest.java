package io.v100.core.drm;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
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

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrmHandlerTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long KEY_PERIOD_NS = 300 * SECOND_NS;
    private static final long MATCH_ID = 9_876_543_210L;
    private static final long PERIOD = 5_833_334L;
    private static final long PERIOD_START_NS = PERIOD * KEY_PERIOD_NS;
    private static final long FAR_FUTURE_NS = Long.MAX_VALUE / 2;

    private final RecordingEgressSink sink = new RecordingEgressSink();
    private final EgressProxy egress = new EgressProxy(sink);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private long ringSequence;

    @Test
    void shouldRotateOncePerPeriodBoundaryAndDeriveOnlyPeriodsCrossedPlusLookahead() throws Exception
    {
        final DrmHandler handler = new DrmHandler(new DrmContext(), egress);
        final long startNs = PERIOD_START_NS + 123 * SECOND_NS + 456;
        final long stepNs = 700_000_000L;
        final int events = 2_000;

        long expectedPeriods = 0;
        long lastPeriod = Long.MIN_VALUE;
        final long[] firstSequenceOfPeriod = new long[16];
        for (int i = 0; i < events; i++)
        {
            final long nowNs = startNs + i * stepNs;
            final long period = Math.floorDiv(nowNs, KEY_PERIOD_NS);
            if (period != lastPeriod)
            {
                firstSequenceOfPeriod[(int)expectedPeriods++] = ringSequence;
                lastPeriod = period;
            }
            entitlement(handler, nowNs, 1_000 + i, 0, FAR_FUTURE_NS);
        }

        // 123 s into the first period plus 1999 steps of 0.7 s ends 1522.3 s after its start: periods 0..5.
        assertEquals(6, expectedPeriods);
        assertEquals(expectedPeriods, handler.keyRotations());
        assertEquals(expectedPeriods + 1, handler.derivations());
        assertEquals(expectedPeriods, sink.size());

        for (int i = 0; i < sink.size(); i++)
        {
            final KeyRotationDecoder rotation = keyRotation(i);
            final long period = PERIOD + i;
            final byte[] kid = new byte[16];
            rotation.getKid(kid, 0, 16);

            assertEquals(firstSequenceOfPeriod[i], rotation.ringSequence());
            assertEquals(period, rotation.keyPeriod());
            assertArrayEquals(KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, period, 0), kid);
            assertEquals(period * KEY_PERIOD_NS, rotation.validFromNs());
            assertEquals((period + 1) * KEY_PERIOD_NS, rotation.validToNs());
        }
    }

    @Test
    void shouldGrantEntitledViewerTheIndependentlyDerivedKey() throws Exception
    {
        final DrmHandler handler = startedHandler();
        final long nowNs = PERIOD_START_NS + 10 * SECOND_NS;
        final long earlyExpiryNs = PERIOD_START_NS + 100 * SECOND_NS;
        entitlement(handler, nowNs, 1, MATCH_ID, FAR_FUTURE_NS);
        entitlement(handler, nowNs, 2, MATCH_ID, earlyExpiryNs);
        sink.clear();

        final byte[] kid = KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, PERIOD, MATCH_ID);
        final byte[] key = KeyDeriverTest.independentKey(DrmContext.DEMO_MASTER_KEY, PERIOD, MATCH_ID);
        license(handler, nowNs, 1, 11, kid);
        license(handler, nowNs, 2, 22, kid);

        assertLicense(0, 1, 11, LicenseResultCode.GRANTED, kid, PERIOD, key, PERIOD_START_NS + KEY_PERIOD_NS);
        assertLicense(1, 2, 22, LicenseResultCode.GRANTED, kid, PERIOD, key, earlyExpiryNs);
        assertEquals(2, handler.licensesGranted());
    }

    @Test
    void shouldDenyMissingExpiredWrongEventAndUnknownKid() throws Exception
    {
        final DrmHandler handler = startedHandler();
        final long nowNs = PERIOD_START_NS + 10 * SECOND_NS;
        entitlement(handler, nowNs, 3, MATCH_ID, nowNs);
        entitlement(handler, nowNs, 4, MATCH_ID + 1, FAR_FUTURE_NS);
        entitlement(handler, nowNs, 5, MATCH_ID, Long.MIN_VALUE);
        sink.clear();

        final byte[] kid = KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, PERIOD, MATCH_ID);
        final byte[] wrongContentKid = KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, PERIOD, 0);
        final byte[] zeros = new byte[16];
        license(handler, nowNs, 2, 20, kid);
        license(handler, nowNs, 3, 30, kid);
        license(handler, nowNs, 4, 40, kid);
        license(handler, nowNs, 5, 50, kid);
        license(handler, nowNs, 3, 31, wrongContentKid);

        assertLicense(0, 2, 20, LicenseResultCode.NO_ENTITLEMENT, kid, PERIOD, zeros, 0);
        assertLicense(1, 3, 30, LicenseResultCode.EXPIRED, kid, PERIOD, zeros, nowNs);
        assertLicense(2, 4, 40, LicenseResultCode.NO_ENTITLEMENT, kid, PERIOD, zeros, 0);
        assertLicense(3, 5, 50, LicenseResultCode.EXPIRED, kid, PERIOD, zeros, Long.MIN_VALUE + 1);
        assertLicense(4, 3, 31, LicenseResultCode.UNKNOWN_KID, wrongContentKid, -1, zeros, 0);

        assertEquals(0, handler.licensesGranted());
        assertEquals(2, handler.licensesDenied(LicenseResultCode.NO_ENTITLEMENT));
        assertEquals(2, handler.licensesDenied(LicenseResultCode.EXPIRED));
        assertEquals(1, handler.licensesDenied(LicenseResultCode.UNKNOWN_KID));
        assertEquals(1, handler.entitlementsIgnored());
    }

    @Test
    void shouldReplaceExpiryOnLaterGrantAndAcceptAnyEventBeforeFixture() throws Exception
    {
        final DrmHandler handler = new DrmHandler(new DrmContext(), egress);
        final long nowNs = PERIOD_START_NS + SECOND_NS;
        entitlement(handler, nowNs, 7, 424242, nowNs - SECOND_NS);
        entitlement(handler, nowNs, 7, 515151, PERIOD_START_NS + 200 * SECOND_NS);
        assertEquals(0, handler.entitlementsIgnored());
        assertEquals(1, handler.entitlements());
        sink.clear();

        final byte[] kid = KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, PERIOD, 0);
        final byte[] key = KeyDeriverTest.independentKey(DrmContext.DEMO_MASTER_KEY, PERIOD, 0);
        license(handler, nowNs, 7, 70, kid);

        assertLicense(0, 7, 70, LicenseResultCode.GRANTED, kid, PERIOD, key, PERIOD_START_NS + 200 * SECOND_NS);
    }

    @Test
    void shouldGrantPreviousPeriodKidDuringGraceAfterRotation() throws Exception
    {
        final DrmHandler handler = startedHandler();
        entitlement(handler, PERIOD_START_NS + SECOND_NS, 1, MATCH_ID, FAR_FUTURE_NS);
        final byte[] previousKid = KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, PERIOD, MATCH_ID);
        final byte[] previousKey = KeyDeriverTest.independentKey(DrmContext.DEMO_MASTER_KEY, PERIOD, MATCH_ID);
        final long nextStartNs = PERIOD_START_NS + KEY_PERIOD_NS;
        final long graceEndNs = nextStartNs + DrmContext.PREVIOUS_KEY_GRACE_NS_DEFAULT;
        sink.clear();

        license(handler, nextStartNs + 1, 1, 10, previousKid);
        license(handler, graceEndNs - 1, 1, 11, previousKid);
        license(handler, graceEndNs, 1, 12, previousKid);

        assertEquals(1, sink.count(KeyRotationDecoder.TEMPLATE_ID));
        assertLicense(1, 1, 10, LicenseResultCode.GRANTED, previousKid, PERIOD, previousKey, graceEndNs);
        assertLicense(2, 1, 11, LicenseResultCode.GRANTED, previousKid, PERIOD, previousKey, graceEndNs);
        assertLicense(3, 1, 12, LicenseResultCode.UNKNOWN_KID, previousKid, -1, new byte[16], 0);
    }

    @Test
    void shouldReleaseNextPeriodKidOnlyWithinLeadBeforeRotation() throws Exception
    {
        final DrmHandler handler = startedHandler();
        entitlement(handler, PERIOD_START_NS + SECOND_NS, 1, MATCH_ID, FAR_FUTURE_NS);
        final byte[] nextKid = KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, PERIOD + 1, MATCH_ID);
        final byte[] nextKey = KeyDeriverTest.independentKey(DrmContext.DEMO_MASTER_KEY, PERIOD + 1, MATCH_ID);
        final long nextStartNs = PERIOD_START_NS + KEY_PERIOD_NS;
        final long releaseNs = nextStartNs - DrmContext.NEXT_KEY_LEAD_NS_DEFAULT;
        sink.clear();

        license(handler, releaseNs - 1, 1, 10, nextKid);
        license(handler, releaseNs, 1, 11, nextKid);

        assertLicense(0, 1, 10, LicenseResultCode.UNKNOWN_KID, nextKid, -1, new byte[16], 0);
        assertLicense(
            1, 1, 11, LicenseResultCode.GRANTED, nextKid, PERIOD + 1, nextKey, nextStartNs + KEY_PERIOD_NS);
        assertEquals(2, handler.derivations());
    }

    @Test
    void shouldRekeyWhenFixtureChangesContentId() throws Exception
    {
        final DrmHandler handler = new DrmHandler(new DrmContext(), egress);
        fixture(handler, PERIOD_START_NS + SECOND_NS, MATCH_ID);

        assertEquals(4, handler.derivations());
        assertEquals(2, sink.size());
        final byte[] kid = new byte[16];
        keyRotation(0).getKid(kid, 0, 16);
        assertArrayEquals(KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, PERIOD, 0), kid);
        keyRotation(1).getKid(kid, 0, 16);
        assertArrayEquals(KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, PERIOD, MATCH_ID), kid);

        fixture(handler, PERIOD_START_NS + 2 * SECOND_NS, MATCH_ID);
        assertEquals(4, handler.derivations());
        assertEquals(2, sink.size());
    }

    @Test
    void shouldProduceIdenticalEgressForIdenticalInput() throws Exception
    {
        final byte[] first = runRecorded();
        final byte[] second = runRecorded();

        assertTrue(first.length > 0);
        assertArrayEquals(first, second);
    }

    private byte[] runRecorded() throws Exception
    {
        sink.clear();
        ringSequence = 0;
        final DrmHandler handler = startedHandler();
        for (int i = 0; i < 1_000; i++)
        {
            final long nowNs = PERIOD_START_NS + i * 2 * SECOND_NS;
            entitlement(handler, nowNs, i % 50, MATCH_ID, nowNs + 600 * SECOND_NS);
            final long period = Math.floorDiv(nowNs, KEY_PERIOD_NS);
            license(handler, nowNs, i % 60, i,
                KeyDeriverTest.independentKid(DrmContext.DEMO_MASTER_KEY, period - (i % 3), MATCH_ID));
        }

        final int last = sink.size() - 1;
        final byte[] bytes = new byte[sink.offset(last) + sink.length(last)];
        sink.buffer().getBytes(0, bytes);
        return Arrays.copyOf(bytes, bytes.length);
    }

    private DrmHandler startedHandler()
    {
        final DrmHandler handler = new DrmHandler(new DrmContext().defaultContentId(MATCH_ID), egress);
        fixture(handler, PERIOD_START_NS, MATCH_ID);
        return handler;
    }

    private void fixture(final DrmHandler handler, final long nowNs, final long matchId)
    {
        new FixtureEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientId(1)
            .clientSequence(ringSequence)
            .timestampNs(nowNs)
            .matchId(matchId)
            .homeTeamId(1)
            .awayTeamId(2)
            .kickoffNs(nowNs)
            .homeGoalRate(1.5f)
            .awayGoalRate(1.1f);
        final FixtureDecoder decoder = new FixtureDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        egress.beginTick(ringSequence++, nowNs);
        handler.onTime(nowNs);
        handler.onFixture(decoder);
    }

    private void entitlement(
        final DrmHandler handler, final long nowNs, final long viewerId, final long eventId, final long expiryNs)
    {
        new EntitlementGrantEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientId(2)
            .clientSequence(ringSequence)
            .timestampNs(nowNs)
            .viewerId(viewerId)
            .eventId(eventId)
            .expiryNs(expiryNs);
        final EntitlementGrantDecoder decoder =
            new EntitlementGrantDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        egress.beginTick(ringSequence++, nowNs);
        handler.onTime(nowNs);
        handler.onEntitlementGrant(decoder);
    }

    private void license(
        final DrmHandler handler, final long nowNs, final long viewerId, final long sessionId, final byte[] kid)
    {
        new LicenseRequestEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientId(3)
            .clientSequence(ringSequence)
            .timestampNs(nowNs)
            .viewerId(viewerId)
            .sessionId(sessionId)
            .putKid(kid, 0, 16);
        final LicenseRequestDecoder decoder = new LicenseRequestDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        egress.beginTick(ringSequence++, nowNs);
        handler.onTime(nowNs);
        handler.onLicenseRequest(decoder);
    }

    private KeyRotationDecoder keyRotation(final int index)
    {
        assertEquals(KeyRotationDecoder.TEMPLATE_ID, sink.templateId(index));
        return new KeyRotationDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
    }

    private void assertLicense(
        final int index,
        final long viewerId,
        final long sessionId,
        final LicenseResultCode code,
        final byte[] kid,
        final long keyPeriod,
        final byte[] key,
        final long expiryNs)
    {
        assertEquals(LicenseResultDecoder.TEMPLATE_ID, sink.templateId(index));
        final LicenseResultDecoder result =
            new LicenseResultDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
        final byte[] actualKid = new byte[16];
        final byte[] actualKey = new byte[16];
        result.getKid(actualKid, 0, 16);
        result.getKey(actualKey, 0, 16);

        assertEquals(viewerId, result.viewerId());
        assertEquals(sessionId, result.sessionId());
        assertEquals(code, result.code());
        assertArrayEquals(kid, actualKid);
        assertEquals(keyPeriod, result.keyPeriod());
        assertArrayEquals(key, actualKey);
        assertEquals(expiryNs, result.expiryNs());
    }
}
