package io.v100.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * Finds a torn or damaged input journal and cuts it back to its last whole entry before a core appends to it.
 * <p>
 * Entries are checked in order ({@link JournalReader}: stored length and CRC-32C; and each ring sequence must be
 * one more than the last). At the first entry that fails, everything from there on is unusable: inputs only mean
 * something in order. Chronicle Queue has no way to cut a queue in place (its files also hold an index that would
 * still point past the cut), so the whole entries are copied, verbatim and in order, into a fresh queue that
 * replaces the journal, and appends continue from the last whole entry: nothing new is ever written behind
 * garbage. The egress journal is cut to the same ring sequence, so it never holds answers for inputs the input
 * journal no longer has. The damaged directories are kept beside the new ones, renamed
 * {@code <name>.damaged-<UTC time>}, for forensics.
 * <p>
 * Run it before any {@link InputJournal} or {@link EgressJournal} is opened on the directories. Copying costs about
 * one pass over the journal; it only happens when damage is found.
 */
public final class JournalRepair
{
    private static final DateTimeFormatter STAMP =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private JournalRepair()
    {
    }

    /**
     * What a repair found and did.
     *
     * @param damagedIndex       Chronicle index of the first damaged entry.
     * @param reason             what was wrong with it.
     * @param keptEntries        whole entries kept.
     * @param nextRingSequence   ring sequence the next input will get: one past the last whole entry's.
     * @param droppedDocuments   documents dropped from the input journal: the damaged entry and all after it.
     * @param egressTicksDropped egress journal ticks dropped because they answer inputs at or after
     *                           {@code nextRingSequence}.
     * @param lastDroppedEgress  ring sequence of the last egress tick dropped, -1 if none.
     * @param damagedInput       where the damaged input journal was moved.
     * @param damagedEgress      where the egress journal as it was was moved, or null if it was not touched.
     */
    public record Result(
        long damagedIndex,
        String reason,
        long keptEntries,
        long nextRingSequence,
        long droppedDocuments,
        long egressTicksDropped,
        long lastDroppedEgress,
        Path damagedInput,
        Path damagedEgress)
    {
    }

    /**
     * @param input          the input journal.
     * @param egress         the egress journal, or null if the core keeps none.
     * @param maxFrameLength largest frame an entry may hold.
     * @return what was repaired, or null when the input journal is whole (or absent).
     * @throws UncheckedIOException if the directories cannot be rewritten.
     */
    public static Result repair(final JournalContext input, final JournalContext egress, final int maxFrameLength)
    {
        if (!hasQueueFiles(input.directory()))
        {
            return null;
        }

        final long[] kept = { 0 };
        final long[] lastRing = { Long.MIN_VALUE };
        final long[] lastIndex = { -1 };
        final String[] broken = { null };
        final long[] brokenIndex = { -1 };
        final long damagedIndex;
        final String reason;
        final long droppedDocuments;
        try (JournalReader reader = new JournalReader(input, maxFrameLength))
        {
            while (null == broken[0] && reader.read((index, ringSequence, receivedNs, frame, frameLength) ->
            {
                // An input takes the next ring sequence; a session entry (journaled, not an input) carries the
                // ring sequence of the input that follows it, so a step of 0 is whole too.
                if (Long.MIN_VALUE != lastRing[0] && ringSequence != lastRing[0] + 1 && ringSequence != lastRing[0])
                {
                    broken[0] = "ring sequence " + ringSequence + " follows " + lastRing[0];
                    brokenIndex[0] = index;
                    return;
                }
                lastRing[0] = ringSequence;
                lastIndex[0] = index;
                kept[0]++;
            }))
            {
                Thread.onSpinWait();
            }
            if (null == broken[0] && null == reader.damage())
            {
                return null;
            }
            damagedIndex = null != broken[0] ? brokenIndex[0] : reader.damage().index();
            reason = null != broken[0] ? broken[0] : reader.damage().reason();
            droppedDocuments = 1 + reader.countRemaining();
        }

        final long nextRingSequence = Long.MIN_VALUE == lastRing[0] ? 0 : lastRing[0] + 1;
        final String stamp = STAMP.format(Instant.now());
        final Path damagedInput = sibling(input.directory(), stamp);
        replace(input, damagedInput, lastIndex[0], Long.MAX_VALUE);

        long egressDropped = 0;
        long lastDroppedEgress = -1;
        Path damagedEgress = null;
        if (null != egress && hasQueueFiles(egress.directory()))
        {
            final long[] dropped = countEgressFrom(egress, nextRingSequence);
            egressDropped = dropped[0];
            lastDroppedEgress = dropped[1];
            if (egressDropped > 0)
            {
                damagedEgress = sibling(egress.directory(), stamp);
                replace(egress, damagedEgress, Long.MAX_VALUE, nextRingSequence);
            }
        }

        return new Result(damagedIndex, reason, kept[0], nextRingSequence, droppedDocuments, egressDropped,
            lastDroppedEgress, damagedInput, damagedEgress);
    }

    private static boolean hasQueueFiles(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory, ex);
        }
    }

    private static Path sibling(final Path directory, final String stamp)
    {
        return directory.resolveSibling(directory.getFileName() + ".damaged-" + stamp);
    }

    /**
     * @return { egress ticks whose ring sequence is at or after {@code fromRingSequence}, the last such ring
     * sequence or -1 }.
     */
    private static long[] countEgressFrom(final JournalContext egress, final long fromRingSequence)
    {
        final long[] result = { 0, -1 };
        try (ChronicleQueue queue = InputJournal.open(egress))
        {
            final ExcerptTailer tailer = queue.createTailer();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    if (bytes.readRemaining() >= Long.BYTES)
                    {
                        final long ringSequence = bytes.readLong(bytes.readPosition());
                        if (ringSequence >= fromRingSequence)
                        {
                            result[0]++;
                            result[1] = ringSequence;
                        }
                    }
                }
            }
        }
        return result;
    }

    /**
     * Copy the documents to keep into a fresh queue, then swap it in and move the original aside.
     *
     * @param lastIndexKept     copy documents up to this index; Long.MAX_VALUE for no limit.
     * @param belowRingSequence copy only documents whose leading ring sequence is below this.
     */
    private static void replace(
        final JournalContext context, final Path movedTo, final long lastIndexKept, final long belowRingSequence)
    {
        final Path directory = context.directory();
        final Path fresh = directory.resolveSibling(directory.getFileName() + ".repairing");
        try
        {
            if (Files.exists(fresh))
            {
                org.agrona.IoUtil.delete(fresh.toFile(), false);
            }
            Files.createDirectories(fresh);
            final Path marker = directory.resolve(JournalKind.MARKER_FILE);
            if (Files.exists(marker))
            {
                Files.copy(marker, fresh.resolve(JournalKind.MARKER_FILE));
            }
            final JournalContext freshContext = new JournalContext().directory(fresh).rollCycle(context.rollCycle());
            try (ChronicleQueue from = InputJournal.open(context);
                ChronicleQueue to = InputJournal.open(freshContext))
            {
                final ExcerptTailer tailer = from.createTailer();
                final ExcerptAppender appender = to.createAppender();
                while (true)
                {
                    try (DocumentContext dc = tailer.readingDocument())
                    {
                        if (!dc.isPresent() || dc.index() > lastIndexKept)
                        {
                            break;
                        }
                        final Bytes<?> bytes = dc.wire().bytes();
                        if (bytes.readRemaining() >= Long.BYTES &&
                            bytes.readLong(bytes.readPosition()) >= belowRingSequence)
                        {
                            break;
                        }
                        appender.writeBytes(bytes);
                    }
                }
            }
            Files.move(directory, movedTo);
            Files.move(fresh, directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot rewrite journal " + directory, ex);
        }
    }
}
