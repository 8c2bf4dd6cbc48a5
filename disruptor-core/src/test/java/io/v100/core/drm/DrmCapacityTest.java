package io.v100.core.drm;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.core.SnapshotRoundTrip;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.EntitlementGrantEncoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.LicenseRequestEncoder;
import io.v100.sbe.LicenseResultCode;
import io.v100.sbe.LicenseResultDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.RejectedDecoder;
import io.v100.sbe.SnapshotDecoder;
import io.v100.sbe.SnapshotEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The entitlement table at its stated capacity ({@link DrmContext#MAX_VIEWERS_DEFAULT}): grants for new viewers are
 * refused with {@code Rejected(TABLE_FULL)}, renewals still count, and a full table's snapshot round-trips through
 * the handler and through the {@code Snapshot} message.
 */
class DrmCapacityTest
{
    private static final int CAPACITY = DrmContext.MAX_VIEWERS_DEFAULT;
    private static final int BEYOND = 500;
    private static final long MATCH_ID = 15_986L;
    private static final long T0_NS = 1_537_713_000_000_000_000L;
    private static final long FAR_FUTURE_NS = Long.MAX_VALUE / 2;
    private static final int SNAPSHOT_CAPACITY = 4 << 20;
    private static final byte[] KID = kid();

    /** Fixture, CAPACITY new viewers, BEYOND more, one renewal, then licences of an entitled and a refused viewer. */
    private static final int LENGTH = 1 + CAPACITY + BEYOND + 1 + 2;

    @Test
    void shouldRefuseNewViewersWhenFullAndKeepServingTheEntitledOnes()
    {
        final Runner runner = new Runner();
        runner.run(0, LENGTH);

        assertEquals(CAPACITY, runner.handler.entitlements());
        assertEquals(BEYOND, runner.handler.entitlementsRefused());
        assertEquals(BEYOND, runner.sink.count(RejectedDecoder.TEMPLATE_ID));
        final int firstRejected = firstOf(runner.sink, RejectedDecoder.TEMPLATE_ID);
        final RejectedDecoder rejected =
            new RejectedDecoder().wrapAndApplyHeader(runner.sink.message(firstRejected), 0, new MessageHeaderDecoder());
        assertEquals(RejectReason.TABLE_FULL, rejected.reason());
        assertEquals(EntitlementGrantDecoder.TEMPLATE_ID, rejected.templateId());
        assertEquals(1 + CAPACITY, rejected.ringSequence(), "the first grant beyond capacity");
        assertTrue(runner.egress.inputRefusal() == null, "licence requests are never refused");

        final int last = runner.sink.size() - 1;
        assertEquals(LicenseResultCode.NO_ENTITLEMENT, licenseResult(runner.sink, last).code(), "refused viewer");
        assertEquals(LicenseResultCode.GRANTED, licenseResult(runner.sink, last - 1).code(), "entitled viewer");
    }

    @Test
    void shouldRoundTripAFullTableThroughTheHandlerAndTheSnapshotMessage()
    {
        SnapshotRoundTrip.restoreAtPoints(Runner::new, LENGTH, new int[] { 1 + CAPACITY, LENGTH - 3 }, true);

        final Runner full = new Runner();
        full.run(0, 1 + CAPACITY);
        final byte[] drm = full.snapshot();
        assertTrue(drm.length >= 16 * CAPACITY, "a full table is " + drm.length + " bytes");

        final ExpandableArrayBuffer file = new ExpandableArrayBuffer(drm.length + 4096);
        final SnapshotEncoder encoder = new SnapshotEncoder().wrapAndApplyHeader(file, 0, new MessageHeaderEncoder())
            .nextRingSequence(1 + CAPACITY).journalIndex(-1).nowNs(T0_NS)
            .eventsProcessed(1 + CAPACITY).eventsRejected(0);
        encoder.clientsCount(0);
        encoder.putWagering(new byte[0], 0, 0).putDirector(new byte[0], 0, 0).putAbr(new byte[0], 0, 0)
            .putDeepfake(new byte[0], 0, 0).putDrm(drm, 0, drm.length);

        final SnapshotDecoder decoder = new SnapshotDecoder().wrapAndApplyHeader(file, 0, new MessageHeaderDecoder());
        decoder.clients();
        decoder.skipWagering();
        decoder.skipDirector();
        decoder.skipAbr();
        decoder.skipDeepfake();
        final byte[] decoded = new byte[decoder.drmLength()];
        decoder.getDrm(decoded, 0, decoded.length);
        final Runner restored = new Runner();
        restored.load(decoded);
        assertEquals(CAPACITY, restored.handler.entitlements());
        restored.run(1 + CAPACITY, LENGTH);
        full.sink.clear();
        full.run(1 + CAPACITY, LENGTH);
        assertEquals(full.handler.entitlementsRefused(), restored.handler.entitlementsRefused());
        SnapshotRoundTrip.assertSameEgress(full.sink, 0, restored.sink, 1 + CAPACITY);
    }

    private static int firstOf(final RecordingEgressSink sink, final int templateId)
    {
        for (int m = 0; m < sink.size(); m++)
        {
            if (sink.templateId(m) == templateId)
            {
                return m;
            }
        }
        throw new AssertionError("no message of template " + templateId);
    }

    private static LicenseResultDecoder licenseResult(final RecordingEgressSink sink, final int index)
    {
        assertEquals(LicenseResultDecoder.TEMPLATE_ID, sink.templateId(index));
        return new LicenseResultDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
    }

    private static byte[] kid()
    {
        try
        {
            return KeyDeriverTest.independentKid(
                DrmContext.DEMO_MASTER_KEY, Math.floorDiv(T0_NS, DrmContext.KEY_PERIOD_NS_DEFAULT), MATCH_ID);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static final class Runner implements SnapshotRoundTrip.Subject
    {
        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final DrmHandler handler = new DrmHandler(new DrmContext(), egress);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        final FixtureEncoder fixtureEncoder = new FixtureEncoder();
        final FixtureDecoder fixtureDecoder = new FixtureDecoder();
        final EntitlementGrantEncoder grantEncoder = new EntitlementGrantEncoder();
        final EntitlementGrantDecoder grantDecoder = new EntitlementGrantDecoder();
        final LicenseRequestEncoder licenseEncoder = new LicenseRequestEncoder();
        final LicenseRequestDecoder licenseDecoder = new LicenseRequestDecoder();

        @Override
        public void apply(final int index)
        {
            final long timestampNs = T0_NS + index * 1_000L;
            egress.beginTick(index, timestampNs);
            handler.onTime(timestampNs);
            if (index == 0)
            {
                fixtureEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).clientId(1).clientSequence(1)
                    .timestampNs(timestampNs).matchId(MATCH_ID).homeTeamId(1).awayTeamId(2).kickoffNs(timestampNs)
                    .homeGoalRate(1.5f).awayGoalRate(1.1f);
                egress.beginInput(FixtureDecoder.TEMPLATE_ID, FixtureDecoder.SCHEMA_ID, 1, 0);
                handler.onFixture(fixtureDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder));
            }
            else if (index < LENGTH - 2)
            {
                final long viewerId = index <= CAPACITY + BEYOND ? index : 1;    // the last one renews viewer 1
                grantEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).clientId(2).clientSequence(index)
                    .timestampNs(timestampNs).viewerId(viewerId).eventId(MATCH_ID).expiryNs(FAR_FUTURE_NS);
                egress.beginInput(EntitlementGrantDecoder.TEMPLATE_ID, EntitlementGrantDecoder.SCHEMA_ID, 1,
                    MessageHeaderEncoder.ENCODED_LENGTH + grantEncoder.encodedLength());
                handler.onEntitlementGrant(grantDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder));
            }
            else
            {
                final long viewerId = index == LENGTH - 2 ? CAPACITY : CAPACITY + 1;
                licenseEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).clientId(3).clientSequence(index)
                    .timestampNs(timestampNs).viewerId(viewerId).sessionId(index).putKid(KID, 0, KID.length);
                egress.beginInput(LicenseRequestDecoder.TEMPLATE_ID, LicenseRequestDecoder.SCHEMA_ID, 1, 0);
                handler.onLicenseRequest(licenseDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder));
            }
        }

        @Override
        public byte[] snapshot()
        {
            return SnapshotRoundTrip.snapshotOf(handler, SNAPSHOT_CAPACITY, 0);
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
            return new long[] {
                handler.entitlements(), handler.licensesGranted(), handler.keyRotations(), handler.contentId(),
                handler.licensesDenied(LicenseResultCode.NO_ENTITLEMENT) };
        }
    }
}
