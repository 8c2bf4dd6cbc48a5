package io.v100.core;

import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;
import io.v100.journal.JournalReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Rebuilds a tick after a restart: the newest valid snapshot, then the journal tail after it.
 * <p>
 * Inputs whose egress the egress journal already holds are replayed with the egress muted, so handlers rebuild
 * their state without repeating themselves. Inputs after that (journaled before a crash, but whose tick never
 * reached the egress journal) are replayed with egress on: their answers are regenerated, journaled and sent,
 * exactly as they would have been. Handlers are deterministic, so either way the state is the one the core had.
 */
public final class TickRecovery
{
    private static final Logger LOG = LoggerFactory.getLogger(TickRecovery.class);

    private TickRecovery()
    {
    }

    /**
     * What recovery did.
     *
     * @param tick            rebuilt, ready for new inputs.
     * @param snapshot        the snapshot it started from, or null for the start of the journal.
     * @param replayedInputs  journal entries replayed after the snapshot.
     * @param regeneratedFrom first ring sequence whose egress was regenerated rather than muted.
     */
    public record Result(BroadcastTick tick, SnapshotStore.Loaded snapshot, long replayedInputs, long regeneratedFrom)
    {
    }

    /**
     * @param journal             appender for the inputs that will come after recovery; may be null (replay tool).
     * @param journalContext      the input journal to read; may name an empty or missing directory.
     * @param snapshotDirectory   where snapshots are, or null to ignore snapshots.
     * @param lastRecordedEgress  ring sequence of the last tick in the egress journal; -1 if none; use
     *                            {@link Long#MAX_VALUE} to mute every replayed input.
     * @param egress              the proxy the handlers emit through.
     * @param handlers            makes a fresh set of the five handlers over {@code egress}, in tick order.
     * @return the rebuilt tick.
     */
    public static Result recover(
        final InputJournal journal,
        final JournalContext journalContext,
        final Path snapshotDirectory,
        final long lastRecordedEgress,
        final EgressProxy egress,
        final Supplier<BroadcastHandler[]> handlers)
    {
        return recover(
            journal, journalContext, snapshotDirectory, lastRecordedEgress, egress,
            new SessionRegistry(SessionContext.MAX_CLIENTS_DEFAULT), handlers);
    }

    /**
     * @param journal             appender for the inputs that will come after recovery; may be null (replay tool).
     * @param journalContext      the input journal to read; may name an empty or missing directory.
     * @param snapshotDirectory   where snapshots are, or null to ignore snapshots.
     * @param lastRecordedEgress  ring sequence of the last tick in the egress journal; -1 if none; use
     *                            {@link Long#MAX_VALUE} to mute every replayed input.
     * @param egress              the proxy the handlers emit through.
     * @param registry            receiving the recovered session bindings; its size is the client capacity.
     * @param handlers            makes a fresh set of the five handlers over {@code egress}, in tick order.
     * @return the rebuilt tick.
     */
    public static Result recover(
        final InputJournal journal,
        final JournalContext journalContext,
        final Path snapshotDirectory,
        final long lastRecordedEgress,
        final EgressProxy egress,
        final SessionRegistry registry,
        final Supplier<BroadcastHandler[]> handlers)
    {
        final SnapshotStore.Loaded snapshot = null == snapshotDirectory ?
            null : SnapshotStore.loadNewest(snapshotDirectory, handlers);
        final BroadcastTick tick = new BroadcastTick(
            journal, egress, registry, null != snapshot ? snapshot.handlers() : handlers.get());
        if (null != snapshot)
        {
            snapshot.restoreInto(tick);
        }

        final long[] replayed = { 0 };
        final JournalReader.Damage damage;
        try (JournalReader reader = new JournalReader(journalContext, RingEvent.FRAME_CAPACITY))
        {
            if (null != snapshot && snapshot.journalIndex() >= 0 &&
                coversIndex(journalContext, snapshot.journalIndex(), snapshot.nextRingSequence() - 1))
            {
                reader.moveToIndex(snapshot.journalIndex());
            }
            // Entries the snapshot covers are skipped by ring sequence: after a repair rewrote the journal the
            // snapshot's journal index no longer names its entry, and the scan starts from the journal's start.
            while (reader.read((index, ringSequence, receivedNs, frame, frameLength) ->
            {
                if (ringSequence < tick.nextRingSequence())
                {
                    return;
                }
                if (ringSequence != tick.nextRingSequence())
                {
                    throw new IllegalStateException(
                        "journal entry " + index + " has ring sequence " + ringSequence + ", expected " +
                        tick.nextRingSequence());
                }
                egress.mute(ringSequence <= lastRecordedEgress);
                tick.onJournaledInput(ringSequence, index, frame, frameLength, frame.capacity());
                replayed[0]++;
            }))
            {
                Thread.onSpinWait();
            }
            damage = reader.damage();
        }
        finally
        {
            egress.mute(false);
        }
        if (null != damage)
        {
            LOG.warn("input journal damaged at index {} ({}): recovery stopped at ring sequence {}",
                damage.index(), damage.reason(), tick.nextRingSequence());
        }
        final long regeneratedFrom = Math.max(lastRecordedEgress + 1, null == snapshot ? 0 : snapshot.nextRingSequence());
        if (replayed[0] > 0 || null != snapshot)
        {
            LOG.info("recovered: snapshot {}, {} journal entries replayed, next ring sequence {}, egress regenerated " +
                "from ring sequence {}", null == snapshot ? "none" : snapshot.file().getFileName(), replayed[0],
                tick.nextRingSequence(), Math.min(regeneratedFrom, tick.nextRingSequence()));
        }
        return new Result(tick, snapshot, replayed[0], regeneratedFrom);
    }

    private static boolean coversIndex(final JournalContext context, final long index, final long ringSequence)
    {
        try (JournalReader probe = new JournalReader(context, RingEvent.FRAME_CAPACITY))
        {
            final boolean[] matches = { false };
            return probe.moveToIndex(index) &&
                probe.read((i, entryRingSequence, receivedNs, frame, frameLength) ->
                    matches[0] = entryRingSequence == ringSequence) &&
                matches[0];
        }
    }
}
