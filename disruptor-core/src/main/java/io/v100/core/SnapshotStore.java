package io.v100.core;

import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.SnapshotDecoder;
import io.v100.sbe.SnapshotEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshots of the tick and its five handlers, one file each, taken at a tick boundary on the ring thread.
 * <p>
 * A file holds one SBE {@code Snapshot} message (schema template 90: the ring sequence and journal index it
 * covers, the tick's counters, each client's last journaled sequence, and each handler's state as var data)
 * followed by the CRC-32C of those bytes, little-endian. It is written to a temporary file, forced to disk and
 * renamed, so a crash leaves either the whole file or none; a file that is nonetheless short or fails its CRC is
 * skipped on load and the previous one is used. Named {@code snapshot-<nextRingSequence>.snapshot}, so names sort
 * in ring order.
 * <p>
 * The ring thread only serialises the handlers' state into memory (a copy of the encoded message is the one
 * allocation, once per snapshot); the file write, the fsync, the rename, pruning old snapshots and the listener
 * (journal retention) run on a background thread, so a snapshot does not stall the tick that takes it.
 * {@link #close()} waits for writes still pending.
 */
public final class SnapshotStore implements TickSnapshotter, AutoCloseable
{
    /** File name suffix of a snapshot. */
    public static final String SUFFIX = ".snapshot";

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final int HANDLERS = 5;
    private static final int CRC_LENGTH = Integer.BYTES;

    private final Path directory;
    private final int keep;
    private final Listener listener;
    private final ExpandableArrayBuffer sections = new ExpandableArrayBuffer(1 << 20);
    private final ExpandableArrayBuffer file = new ExpandableArrayBuffer(1 << 20);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SnapshotEncoder encoder = new SnapshotEncoder();
    private final byte[] principal = new byte[ClientSequencer.PRINCIPAL_LENGTH];
    private final int[] sectionOffsets = new int[HANDLERS];
    private final int[] sectionLengths = new int[HANDLERS];
    private final AtomicLong written = new AtomicLong();
    private final ExecutorService writer;

    /**
     * Told about each snapshot written, e.g. to prune journal cycles it makes unnecessary.
     */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * @param nextRingSequence first input not covered.
         * @param journalIndex     journal index of the last input covered, -1 if none.
         */
        void onSnapshot(long nextRingSequence, long journalIndex);
    }

    /**
     * A snapshot loaded into fresh handlers.
     *
     * @param file             it came from.
     * @param handlers         restored, in tick order.
     * @param nextRingSequence first input not covered.
     * @param journalIndex     journal index of the last input covered, -1 if none.
     * @param nowNs            the tick's event time then.
     * @param eventsProcessed  the tick's counter then.
     * @param eventsRejected   the tick's counter then.
     * @param lastSessionId    the last session id assigned.
     * @param clients          each client's sequence and session.
     */
    public record Loaded(
        Path file,
        BroadcastHandler[] handlers,
        long nextRingSequence,
        long journalIndex,
        long nowNs,
        long eventsProcessed,
        long eventsRejected,
        long lastSessionId,
        List<Client> clients)
    {
        /**
         * Put the tick-level part of the snapshot into a tick built over {@link #handlers()}.
         *
         * @param tick to restore.
         * @throws IllegalArgumentException if a client id exceeds the tick's client capacity.
         */
        public void restoreInto(final BroadcastTick tick)
        {
            tick.restore(nextRingSequence, journalIndex, nowNs, eventsProcessed, eventsRejected);
            final ClientSequencer sequencer = tick.sequencer();
            sequencer.restoreLastSessionId(lastSessionId);
            for (final Client client : clients)
            {
                sequencer.restoreClient(
                    client.clientId(), client.clientSequence(), client.sessionId(), client.roles(), client.principal());
            }
        }
    }

    /**
     * One entry of a snapshot's client table.
     *
     * @param clientId       1..maxClients.
     * @param clientSequence last journaled.
     * @param sessionId      open session, 0 if none.
     * @param roles          that session's roles mask.
     * @param principal      {@link ClientSequencer#PRINCIPAL_LENGTH} bytes, NUL-padded.
     */
    public record Client(int clientId, long clientSequence, long sessionId, int roles, byte[] principal)
    {
    }

    /**
     * @param directory where snapshot files go; created if missing.
     * @param keep      newest snapshots to keep (at least 2, so a corrupt newest one has a fallback).
     * @param listener  told about each snapshot written; may be null.
     */
    public SnapshotStore(final Path directory, final int keep, final Listener listener)
    {
        this(directory, keep, listener, CpuBinding.threadFactory(false, "v100-snapshot-writer"));
    }

    /**
     * @param directory     where snapshot files go; created if missing.
     * @param keep          newest snapshots to keep (at least 2, so a corrupt newest one has a fallback).
     * @param listener      told about each snapshot written; may be null.
     * @param writerThreads makes the background writer thread (e.g. one kept off the ring's CPU).
     */
    public SnapshotStore(
        final Path directory, final int keep, final Listener listener, final java.util.concurrent.ThreadFactory writerThreads)
    {
        this.writer = Executors.newSingleThreadExecutor(writerThreads);
        if (keep < 2)
        {
            throw new IllegalArgumentException("keep at least 2 snapshots, so a corrupt one has a fallback: " + keep);
        }
        this.directory = directory;
        this.keep = keep;
        this.listener = listener;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create snapshot directory " + directory, ex);
        }
    }

    public void snapshot(final BroadcastTick tick)
    {
        final BroadcastHandler[] handlers = tick.handlers();
        if (handlers.length != HANDLERS)
        {
            throw new IllegalStateException("snapshots need the five broadcast handlers, got " + handlers.length);
        }

        int limit = 0;
        for (int i = 0; i < HANDLERS; i++)
        {
            int length;
            while ((length = handlers[i].writeSnapshot(sections, limit, sections.capacity() - limit)) < 0)
            {
                sections.checkLimit(sections.capacity() * 2);
            }
            sectionOffsets[i] = limit;
            sectionLengths[i] = length;
            limit += length;
        }
        final ClientSequencer sequencer = tick.sequencer();
        final int clientIdLimit = sequencer.clientIdLimit();
        int clientCount = 0;
        for (int clientId = 1; clientId <= clientIdLimit; clientId++)
        {
            clientCount += sequencer.inUse(clientId) ? 1 : 0;
        }
        file.checkLimit(limit + 4096 + clientCount * SnapshotEncoder.ClientsEncoder.sbeBlockLength());

        encoder.wrapAndApplyHeader(file, 0, headerEncoder)
            .nextRingSequence(tick.nextRingSequence())
            .journalIndex(tick.lastJournalIndex())
            .nowNs(tick.nowNs())
            .eventsProcessed(tick.eventsProcessed())
            .eventsRejected(tick.eventsRejected())
            .lastSessionId(sequencer.lastSessionId());
        // At most maxClients entries, and SessionContext caps that below the group's uint16 count.
        final SnapshotEncoder.ClientsEncoder clients = encoder.clientsCount(clientCount);
        for (int clientId = 1; clientId <= clientIdLimit; clientId++)
        {
            if (sequencer.inUse(clientId))
            {
                sequencer.principal(clientId, principal);
                clients.next()
                    .clientId(clientId)
                    .clientSequence(sequencer.lastClientSequence(clientId))
                    .sessionId(sequencer.sessionId(clientId))
                    .putPrincipal(principal, 0)
                    .roles()
                    .clear();
                file.putByte(clients.roles().offset(), (byte)sequencer.roles(clientId));
            }
        }
        encoder.putWagering(sections, sectionOffsets[0], sectionLengths[0]);
        encoder.putDirector(sections, sectionOffsets[1], sectionLengths[1]);
        encoder.putAbr(sections, sectionOffsets[2], sectionLengths[2]);
        encoder.putDeepfake(sections, sectionOffsets[3], sectionLengths[3]);
        encoder.putDrm(sections, sectionOffsets[4], sectionLengths[4]);
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final CRC32C crc = new CRC32C();
        crc.update(file.byteArray(), 0, messageLength);
        file.putInt(messageLength, (int)crc.getValue());

        final long nextRingSequence = tick.nextRingSequence();
        final long journalIndex = tick.lastJournalIndex();
        final byte[] bytes = Arrays.copyOf(file.byteArray(), messageLength + CRC_LENGTH);
        writer.execute(() ->
        {
            try
            {
                write(directory.resolve(String.format("snapshot-%020d%s", nextRingSequence, SUFFIX)), bytes);
                written.incrementAndGet();
                prune();
                if (null != listener)
                {
                    listener.onSnapshot(nextRingSequence, journalIndex);
                }
            }
            catch (final RuntimeException ex)
            {
                LOG.error("snapshot covering ring sequences below {} not written", nextRingSequence, ex);
            }
        });
    }

    /**
     * Wait for snapshot writes still pending, then stop the writer thread.
     */
    public void close()
    {
        writer.shutdown();
        try
        {
            if (!writer.awaitTermination(60, TimeUnit.SECONDS))
            {
                LOG.warn("snapshot writes still pending after 60 s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return snapshot files written by this store so far (writes happen in the background).
     */
    public long written()
    {
        return written.get();
    }

    /**
     * @return snapshot files in the directory, newest first.
     */
    public List<Path> files()
    {
        return list(directory);
    }

    /**
     * Load the newest snapshot that is whole and that every handler accepts.
     *
     * @param directory of snapshot files; may not exist.
     * @param handlers  makes a fresh set of the five handlers, in tick order, for each attempt.
     * @return the snapshot loaded, or null if there is none usable.
     */
    public static Loaded loadNewest(final Path directory, final Supplier<BroadcastHandler[]> handlers)
    {
        for (final Path path : list(directory))
        {
            try
            {
                final Loaded loaded = load(path, handlers.get());
                LOG.info("loaded snapshot {} (covers ring sequences below {})", path, loaded.nextRingSequence());
                return loaded;
            }
            catch (final IOException | IllegalArgumentException | IndexOutOfBoundsException ex)
            {
                LOG.warn("skipping snapshot {}: {}", path, ex.getMessage());
            }
        }
        return null;
    }

    /**
     * Delete the snapshots that cover inputs at or after a ring sequence: after the input journal was cut back to
     * that ring sequence they describe state the journal no longer supports.
     *
     * @param directory        of snapshot files; may not exist.
     * @param nextRingSequence the first ring sequence the journal no longer holds.
     * @return snapshots deleted.
     * @throws UncheckedIOException if one cannot be deleted.
     */
    public static int discardBeyond(final Path directory, final long nextRingSequence)
    {
        int deleted = 0;
        for (final Path path : list(directory))
        {
            final String name = path.getFileName().toString();
            final long covers = Long.parseLong(name.substring("snapshot-".length(), name.length() - SUFFIX.length()));
            if (covers > nextRingSequence)
            {
                try
                {
                    Files.delete(path);
                    deleted++;
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot delete snapshot " + path, ex);
                }
            }
        }
        return deleted;
    }

    private static Loaded load(final Path path, final BroadcastHandler[] handlers) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < MessageHeaderDecoder.ENCODED_LENGTH + CRC_LENGTH)
        {
            throw new IllegalArgumentException("too short (" + bytes.length + " bytes)");
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int messageLength = bytes.length - CRC_LENGTH;
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, messageLength);
        if ((int)crc.getValue() != buffer.getInt(messageLength))
        {
            throw new IllegalArgumentException("CRC-32C mismatch");
        }

        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        if (header.schemaId() != SnapshotDecoder.SCHEMA_ID || header.templateId() != SnapshotDecoder.TEMPLATE_ID)
        {
            throw new IllegalArgumentException("not a snapshot message");
        }
        final SnapshotDecoder decoder = new SnapshotDecoder().wrapAndApplyHeader(buffer, 0, header);
        final long nextRingSequence = decoder.nextRingSequence();
        final long journalIndex = decoder.journalIndex();
        final long nowNs = decoder.nowNs();
        final long processed = decoder.eventsProcessed();
        final long rejected = decoder.eventsRejected();
        final long lastSessionId = decoder.lastSessionId();
        final List<Client> clients = new ArrayList<>();
        for (final SnapshotDecoder.ClientsDecoder client : decoder.clients())
        {
            final byte[] principal = new byte[ClientSequencer.PRINCIPAL_LENGTH];
            client.getPrincipal(principal, 0);
            clients.add(new Client(
                client.clientId(), client.clientSequence(), client.sessionId(), client.roles().getRaw(), principal));
        }
        load(handlers[0], buffer, decoder.limit() + 4, decoder.wageringLength());
        decoder.skipWagering();
        load(handlers[1], buffer, decoder.limit() + 4, decoder.directorLength());
        decoder.skipDirector();
        load(handlers[2], buffer, decoder.limit() + 4, decoder.abrLength());
        decoder.skipAbr();
        load(handlers[3], buffer, decoder.limit() + 4, decoder.deepfakeLength());
        decoder.skipDeepfake();
        load(handlers[4], buffer, decoder.limit() + 4, decoder.drmLength());
        decoder.skipDrm();
        if (decoder.limit() != messageLength)
        {
            throw new IllegalArgumentException("trailing bytes after the last section");
        }
        return new Loaded(
            path, handlers, nextRingSequence, journalIndex, nowNs, processed, rejected, lastSessionId, clients);
    }

    private static void load(final BroadcastHandler handler, final DirectBuffer buffer, final int offset, final int length)
    {
        handler.loadSnapshot(buffer, offset, length);
    }

    private static void write(final Path target, final byte[] bytes)
    {
        final Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(
            temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            final ByteBuffer content = ByteBuffer.wrap(bytes);
            while (content.hasRemaining())
            {
                channel.write(content);
            }
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot " + temporary, ex);
        }
        try
        {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot rename snapshot into place " + target, ex);
        }
    }

    private void prune()
    {
        final List<Path> files = list(directory);
        for (int i = keep; i < files.size(); i++)
        {
            try
            {
                Files.deleteIfExists(files.get(i));
            }
            catch (final IOException ex)
            {
                LOG.warn("cannot delete old snapshot {}: {}", files.get(i), ex.getMessage());
            }
        }
    }

    private static List<Path> list(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(directory))
        {
            final List<Path> files = new ArrayList<>(paths
                .filter(path -> path.getFileName().toString().endsWith(SUFFIX))
                .toList());
            files.sort(Comparator.comparing((Path path) -> path.getFileName().toString()).reversed());
            return files;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + directory, ex);
        }
    }
}
