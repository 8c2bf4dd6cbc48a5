package io.v100.core;

import com.lmax.disruptor.EventHandler;
import io.v100.journal.InputJournal;
import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.DetectorScoreDecoder;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.StatusRequestDecoder;
import io.v100.sbe.VideoFrameDecoder;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The ring's consumer: one tick per input, in the fused layout.
 * <pre>
 *   Aeron ingress --> [ring slot] --> journal append --> validate --+--> wagering sync
 *                                                                   |    AI Director
 *                                                                   |    ABR segmentation
 *                                                                   |    deepfake detection
 *                                                                   |    DRM licensing --> egress
 *                                                                   +--> Rejected ------> egress
 * </pre>
 * The input is appended to the journal before any handler runs, so no output for an input can leave before the
 * input is journaled. Each handler then runs to completion for that input before the next one starts, all on
 * this thread, so everything the five handlers emit for one input carries the same ring sequence.
 * <p>
 * Two HdrHistograms measure each input: latency from receipt by the gateway to the end of its tick (which includes
 * any wait in the ring), and the tick's own service time. They are measurements and never reach a handler. Single-threaded; allocation-free in steady state.
 */
public final class BroadcastTick implements EventHandler<RingEvent>
{
    /** Highest latency the histogram tracks, ns; longer ticks are recorded as this value. */
    public static final long MAX_TRACKED_LATENCY_NS = TimeUnit.SECONDS.toNanos(10);

    private final InputJournal journal;
    private final IngressValidator validator = new IngressValidator();
    private final EgressProxy egress;
    private final BroadcastHandler[] handlers;
    private final Histogram latency = new Histogram(MAX_TRACKED_LATENCY_NS, 3);
    private final Histogram tickTime = new Histogram(MAX_TRACKED_LATENCY_NS, 3);

    private long nowNs;
    private long eventsJournaled;
    private long eventsProcessed;
    private long eventsRejected;
    private final long[] rejectedByReason = new long[256];

    /**
     * @param journal  appended to before each input is processed; null only for replay and tests, where the
     *                 inputs come from a journal already.
     * @param egress   through which the handlers emit; the tick stamps it with each input's ring sequence.
     * @param handlers run in this order on every valid input.
     */
    public BroadcastTick(final InputJournal journal, final EgressProxy egress, final BroadcastHandler... handlers)
    {
        this.journal = journal;
        this.egress = egress;
        this.handlers = handlers.clone();
    }

    public void onEvent(final RingEvent event, final long sequence, final boolean endOfBatch)
    {
        final long tickStartNs = System.nanoTime();
        if (null != journal)
        {
            journal.append(
                sequence, event.receivedEpochNs(), event.frame(), 0, event.frameLength(), event.storedLength());
            eventsJournaled++;
        }

        process(sequence, event.frame(), event.frameLength(), event.storedLength());

        final long tickEndNs = System.nanoTime();
        tickTime.recordValue(Math.min(tickEndNs - tickStartNs, MAX_TRACKED_LATENCY_NS));
        latency.recordValue(Math.max(0, Math.min(tickEndNs - event.receivedNanos(), MAX_TRACKED_LATENCY_NS)));
    }

    /**
     * Process an input that was journaled earlier, as the replay tool does.
     *
     * @param ringSequence the input had when it was journaled.
     * @param frame        holding the input from offset 0.
     * @param frameLength  length as received.
     * @param storedLength bytes present in the buffer.
     */
    public void onJournaledInput(
        final long ringSequence, final DirectBuffer frame, final int frameLength, final int storedLength)
    {
        eventsJournaled++;
        process(ringSequence, frame, frameLength, storedLength);
    }

    private void process(final long sequence, final DirectBuffer frame, final int frameLength, final int storedLength)
    {
        final int result = validator.validate(frame, frameLength, storedLength);
        if (IngressValidator.VALID != result)
        {
            eventsRejected++;
            rejectedByReason[result]++;
            egress.beginTick(sequence, nowNs);
            egress.rejected(
                RejectReason.get((short)result),
                validator.templateId(),
                validator.schemaId(),
                validator.version(),
                frameLength);
            return;
        }

        final long timestampNs = validator.timestampNs();
        nowNs = Math.max(nowNs, timestampNs);
        egress.beginTick(sequence, timestampNs);
        eventsProcessed++;
        dispatch(validator.templateId());
    }

    private void dispatch(final int templateId)
    {
        final BroadcastHandler[] handlers = this.handlers;
        final long nowNs = this.nowNs;
        switch (templateId)
        {
            case FixtureDecoder.TEMPLATE_ID:
            {
                final FixtureDecoder decoder = validator.fixture();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onFixture(decoder);
                }
                break;
            }

            case MatchEventDecoder.TEMPLATE_ID:
            {
                final MatchEventDecoder decoder = validator.matchEvent();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onMatchEvent(decoder);
                }
                break;
            }

            case VideoFrameDecoder.TEMPLATE_ID:
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onVideoFrame(validator.videoFrame());
                }
                break;

            case CameraSignalDecoder.TEMPLATE_ID:
            {
                final CameraSignalDecoder decoder = validator.cameraSignal();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onCameraSignal(decoder);
                }
                break;
            }

            case DetectorScoreDecoder.TEMPLATE_ID:
            {
                final DetectorScoreDecoder decoder = validator.detectorScore();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onDetectorScore(decoder);
                }
                break;
            }

            case BetRequestDecoder.TEMPLATE_ID:
            {
                final BetRequestDecoder decoder = validator.betRequest();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onBetRequest(decoder);
                }
                break;
            }

            case EntitlementGrantDecoder.TEMPLATE_ID:
            {
                final EntitlementGrantDecoder decoder = validator.entitlementGrant();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onEntitlementGrant(decoder);
                }
                break;
            }

            case LicenseRequestDecoder.TEMPLATE_ID:
            {
                final LicenseRequestDecoder decoder = validator.licenseRequest();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onLicenseRequest(decoder);
                }
                break;
            }

            default:
            {
                final StatusRequestDecoder decoder = validator.statusRequest();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onStatusRequest(decoder);
                }
                final long correlationId = decoder.correlationId();
                egress.coreCounters(correlationId, eventsJournaled, eventsProcessed, eventsRejected);
                egress.latencyReport(correlationId, latency, tickTime);
                break;
            }
        }
    }

    /**
     * @return inputs appended to the journal (or, on replay, read from it).
     */
    public long eventsJournaled()
    {
        return eventsJournaled;
    }

    /**
     * @return valid inputs that ran through the handlers.
     */
    public long eventsProcessed()
    {
        return eventsProcessed;
    }

    /**
     * @return inputs rejected by validation.
     */
    public long eventsRejected()
    {
        return eventsRejected;
    }

    /**
     * @param reason of rejection.
     * @return inputs rejected for that reason.
     */
    public long eventsRejected(final RejectReason reason)
    {
        return rejectedByReason[reason.value()];
    }

    /**
     * @return tick service time in ns: journal append, validation and the five handlers. Read it only from the
     * consumer thread or after the ring has stopped.
     */
    public Histogram tickTime()
    {
        return tickTime;
    }

    /**
     * @return receipt-to-end-of-tick latency in ns. Read it only from the consumer thread or after the ring
     * has stopped.
     */
    public Histogram latency()
    {
        return latency;
    }
}
