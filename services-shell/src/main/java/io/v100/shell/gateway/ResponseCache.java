package io.v100.shell.gateway;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.openhft.chronicle.map.ChronicleMap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Rendered responses in two tiers: L1 in this process (Caffeine), L2 in a Chronicle Map file that every shell
 * process on the host given the same data directory maps and shares.
 * <p>
 * Each entry carries the projection version it was rendered from. A lookup takes an entry only if its version is
 * at least the current one, and the projection's change listener removes an event's entries from both tiers as
 * soon as the egress changes it ({@link #invalidate}), so nothing is served by a guessed TTL. Concurrent misses on
 * one key share one load: the L1 cache holds the loading future, and later callers get the same future
 * (coalescing). A failed load is dropped, never cached.
 * <p>
 * L2 reads and writes touch a memory-mapped file and take microseconds, so they run on the caller's thread.
 */
public final class ResponseCache implements AutoCloseable
{
    /**
     * One rendered response.
     *
     * @param version projection version it was rendered from.
     * @param etag    strong entity tag (RFC 9110 section 8.8.3), quoted: the version and a CRC-32 of the body.
     * @param body    JSON bytes.
     */
    public record Entry(long version, String etag, byte[] body)
    {
        /**
         * @param version projection version.
         * @param body    JSON bytes.
         * @return the entry with its entity tag.
         */
        public static Entry of(final long version, final byte[] body)
        {
            final CRC32 crc = new CRC32();
            crc.update(body);
            return new Entry(version, "\"" + version + "-" + Long.toHexString(crc.getValue()) + "\"", body);
        }
    }

    /**
     * @param entry  found or loaded.
     * @param result {@code hit-l1}, {@code hit-l2}, {@code coalesced} (joined a load in flight) or {@code miss}.
     */
    public record Lookup(Entry entry, String result)
    {
    }

    private final AsyncCache<String, Entry> l1;
    private final ChronicleMap<String, byte[]> l2;
    private final ShellMetrics metrics;
    private final AtomicLong loads = new AtomicLong();

    /**
     * Open the cache; creating the L2 file takes a couple of seconds (Chronicle Map compiles classes at run time).
     *
     * @param context the L1 size, the L2 file and size.
     * @param metrics counting lookups.
     * @throws IOException when the L2 file cannot be created or opened.
     */
    public ResponseCache(final ShellContext context, final ShellMetrics metrics) throws IOException
    {
        this.metrics = metrics;
        this.l1 = Caffeine.newBuilder().maximumSize(context.l1Entries()).buildAsync();
        final Path file = context.l2CacheFile();
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.l2 = ChronicleMap.of(String.class, byte[].class)
            .name("v100-shell-responses")
            .entries(context.l2Entries())
            .averageKey("event:0000000000000")
            .averageValueSize(4096)
            .createPersistedTo(file.toFile());
    }

    /**
     * @param key            of the response, e.g. {@code event:15986}.
     * @param currentVersion the projection's version now; older entries are not served.
     * @param loader         rendering the response on a miss in both tiers.
     * @return the entry and where it came from; fails as the loader failed.
     */
    public CompletableFuture<Lookup> get(
        final String key, final long currentVersion, final Supplier<CompletionStage<Entry>> loader)
    {
        final CompletableFuture<Entry> present = l1.getIfPresent(key);
        if (null != present)
        {
            if (!present.isDone())
            {
                metrics.cache("l1", "coalesced");
                return present.thenApply(entry -> new Lookup(entry, "coalesced"));
            }
            final Entry entry = present.getNow(null);
            if (null != entry && entry.version() >= currentVersion)
            {
                metrics.cache("l1", "hit");
                return CompletableFuture.completedFuture(new Lookup(entry, "hit-l1"));
            }
            l1.asMap().remove(key, present);
        }

        final String[] result = { "coalesced" };
        final CompletableFuture<Entry> loaded = l1.get(key, (k, executor) ->
        {
            final Entry shared = fromL2(k, currentVersion);
            if (null != shared)
            {
                result[0] = "hit-l2";
                return CompletableFuture.completedFuture(shared);
            }
            result[0] = "miss";
            loads.incrementAndGet();
            return loader.get().toCompletableFuture().thenApply(entry ->
            {
                toL2(k, entry);
                return entry;
            });
        });
        metrics.cache("l1", "miss");
        metrics.cache("l2", "hit-l2".equals(result[0]) ? "hit" : "miss".equals(result[0]) ? "miss" : "coalesced");
        final String outcome = result[0];
        return loaded.thenApply(entry -> new Lookup(entry, outcome));
    }

    /**
     * Drop a key from both tiers: called from the egress when the event behind it changes.
     *
     * @param key of the response.
     */
    public void invalidate(final String key)
    {
        l1.synchronous().invalidate(key);
        l2.remove(key);
    }

    /**
     * Drop everything this process holds in L1 (on losing the core; L2 is versioned and shared).
     */
    public void invalidateLocal()
    {
        l1.synchronous().invalidateAll();
    }

    /**
     * @return loads run (misses in both tiers that were not coalesced).
     */
    public long loads()
    {
        return loads.get();
    }

    public void close()
    {
        l2.close();
    }

    private Entry fromL2(final String key, final long currentVersion)
    {
        final byte[] stored = l2.get(key);
        if (null == stored || stored.length < Long.BYTES)
        {
            return null;
        }
        final long version = ByteBuffer.wrap(stored).getLong();
        if (version < currentVersion)
        {
            return null;
        }
        final byte[] body = new byte[stored.length - Long.BYTES];
        System.arraycopy(stored, Long.BYTES, body, 0, body.length);
        return Entry.of(version, body);
    }

    private void toL2(final String key, final Entry entry)
    {
        final byte[] stored = new byte[Long.BYTES + entry.body().length];
        ByteBuffer.wrap(stored).putLong(entry.version());
        System.arraycopy(entry.body(), 0, stored, Long.BYTES, entry.body().length);
        l2.put(key, stored);
    }
}
