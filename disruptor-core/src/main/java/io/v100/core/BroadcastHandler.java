package io.v100.core;

import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.DetectorScoreDecoder;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.StatusRequestDecoder;
import io.v100.sbe.VideoFrameDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One of the five broadcast handlers run by {@link BroadcastTick} on every valid ingress message.
 * <p>
 * For each input the tick calls, handler by handler in ring order, first {@link #onTime(long)} and then the
 * {@code on*} method of the message type. Decoders arrive already wrapped over the ring event and validated
 * by {@link IngressValidator}: every enum holds a valid value and every block and group lies inside the frame,
 * so handlers never see a malformed frame and never need exceptions.
 * <p>
 * Contract, which the replay tool depends on:
 * <ul>
 *     <li>deterministic: time comes from the message ({@code timestampNs}) or {@link #onTime(long)}, never from
 *     a clock; any randomness is seeded from configuration;</li>
 *     <li>no allocation, no locks, no logging, no I/O per event: state lives in primitive arrays and Agrona
 *     collections sized at construction;</li>
 *     <li>outputs go only through the {@link EgressProxy} given at construction, which stamps them with the
 *     ring sequence of the current input.</li>
 * </ul>
 * Methods default to no-ops so each handler overrides only the messages it reacts to.
 */
public interface BroadcastHandler
{
    /**
     * Called first for every valid input.
     *
     * @param nowNs the core clock in ns since the Unix epoch ({@link CoreClock}): the largest {@code timestampNs}
     *              of an admitted input so far, so it never goes backwards even when an input's own stamp does,
     *              and no input stamped outside the clock window ever reaches a handler.
     */
    default void onTime(final long nowNs)
    {
    }

    default void onFixture(final FixtureDecoder fixture)
    {
    }

    default void onMatchEvent(final MatchEventDecoder matchEvent)
    {
    }

    /**
     * @param videoFrame wrapped at the start of its block; the {@code renditions} group may be iterated once.
     */
    default void onVideoFrame(final VideoFrameDecoder videoFrame)
    {
    }

    default void onCameraSignal(final CameraSignalDecoder cameraSignal)
    {
    }

    default void onDetectorScore(final DetectorScoreDecoder detectorScore)
    {
    }

    default void onBetRequest(final BetRequestDecoder betRequest)
    {
    }

    default void onEntitlementGrant(final EntitlementGrantDecoder entitlementGrant)
    {
    }

    default void onLicenseRequest(final LicenseRequestDecoder licenseRequest)
    {
    }

    default void onStatusRequest(final StatusRequestDecoder statusRequest)
    {
    }

    /**
     * Write every piece of state that affects later outputs, so that {@link #loadSnapshot} on a fresh instance
     * followed by the same later inputs gives byte-identical egress. Called on the ring thread between ticks;
     * may allocate (snapshots are rare). Counters that only feed monitoring may be left out.
     *
     * @param buffer   to write into.
     * @param offset   where to start.
     * @param capacity bytes available from offset.
     * @return bytes written, or -1 if capacity is too small (nothing meaningful written).
     */
    default int writeSnapshot(final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        return 0;
    }

    /**
     * Restore state written by {@link #writeSnapshot} into a freshly constructed handler with the same settings.
     *
     * @param buffer holding the snapshot.
     * @param offset where it starts.
     * @param length of the snapshot in bytes.
     * @throws IllegalArgumentException if the bytes are not a snapshot this handler wrote (wrong layout version,
     *                                  wrong length); the caller then falls back to an older snapshot.
     */
    default void loadSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        if (0 != length)
        {
            throw new IllegalArgumentException("stateless handler given a snapshot of " + length + " bytes");
        }
    }
}
