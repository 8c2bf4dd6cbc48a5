package io.v100.shell.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@Timeout(60)
class ResponseCacheTest
{
    @TempDir
    Path directory;

    private final List<ResponseCache> caches = new ArrayList<>();

    @AfterEach
    void close()
    {
        caches.forEach(ResponseCache::close);
    }

    @Test
    void shouldLoadOnceForConcurrentMissesOnOneKey() throws Exception
    {
        final ResponseCache cache = open();
        final AtomicInteger loads = new AtomicInteger();
        final CompletableFuture<ResponseCache.Entry> slowLoad = new CompletableFuture<>();
        final int callers = 32;
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        final CountDownLatch asked = new CountDownLatch(callers);
        final List<CompletableFuture<ResponseCache.Lookup>> lookups = new ArrayList<>();
        try
        {
            final List<java.util.concurrent.Future<CompletableFuture<ResponseCache.Lookup>>> submitted = new ArrayList<>();
            for (int i = 0; i < callers; i++)
            {
                submitted.add(pool.submit(() ->
                {
                    final CompletableFuture<ResponseCache.Lookup> lookup = cache.get("event:1", 7, () ->
                    {
                        loads.incrementAndGet();
                        return slowLoad;
                    });
                    asked.countDown();
                    return lookup;
                }));
            }
            asked.await();
            for (final java.util.concurrent.Future<CompletableFuture<ResponseCache.Lookup>> future : submitted)
            {
                lookups.add(future.get());
            }
        }
        finally
        {
            pool.shutdown();
        }
        // Every caller asked while the one load was still running.
        assertEquals(1, loads.get());
        slowLoad.complete(ResponseCache.Entry.of(7, "{\"v\":7}".getBytes(StandardCharsets.UTF_8)));
        final ResponseCache.Entry first = lookups.get(0).join().entry();
        for (final CompletableFuture<ResponseCache.Lookup> lookup : lookups)
        {
            assertSame(first, lookup.join().entry());
        }
        assertEquals(1, lookups.stream().filter(l -> "miss".equals(l.join().result())).count());
        assertEquals(1, cache.loads());
        assertEquals("hit-l1", cache.get("event:1", 7, CompletableFuture::new).join().result());
    }

    @Test
    void shouldNotServeEntriesOlderThanTheProjection()
    {
        final ResponseCache cache = open();
        cache.get("event:1", 3, () -> done(3, "three")).join();
        final ResponseCache.Lookup newer = cache.get("event:1", 4, () -> done(4, "four")).join();
        assertEquals("miss", newer.result());
        assertEquals(4, newer.entry().version());
        assertEquals(2, cache.loads());
    }

    @Test
    void shouldShareEntriesThroughTheL2FileAndDropThemOnInvalidation()
    {
        final ResponseCache one = open();
        final ResponseCache two = open();
        final ResponseCache.Entry loaded = one.get("event:9", 5, () -> done(5, "nine")).join().entry();

        final ResponseCache.Lookup shared = two.get("event:9", 5, () -> done(5, "other")).join();
        assertEquals("hit-l2", shared.result(), "a second shell process finds the first one's entry");
        assertArrayEquals(loaded.body(), shared.entry().body());
        assertEquals(loaded.etag(), shared.entry().etag());

        one.invalidate("event:9");
        two.invalidateLocal();
        final ResponseCache.Lookup reloaded = two.get("event:9", 5, () -> done(5, "reloaded")).join();
        assertEquals("miss", reloaded.result(), "invalidation reached the shared tier");
        assertNotEquals(loaded.etag(), reloaded.entry().etag());
    }

    @Test
    void shouldNotCacheFailedLoads()
    {
        final ResponseCache cache = open();
        final CompletableFuture<ResponseCache.Lookup> failed =
            cache.get("event:2", 1, () -> CompletableFuture.failedFuture(new ApiException(503, "down", "down")));
        assertEquals(true, failed.isCompletedExceptionally());
        assertEquals("miss", cache.get("event:2", 1, () -> done(1, "up")).join().result());
    }

    private ResponseCache open()
    {
        try
        {
            final ResponseCache cache = new ResponseCache(new ShellContext().dataDirectory(directory), new ShellMetrics());
            caches.add(cache);
            return cache;
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static CompletableFuture<ResponseCache.Entry> done(final long version, final String body)
    {
        return CompletableFuture.completedFuture(
            ResponseCache.Entry.of(version, ("\"" + body + "\"").getBytes(StandardCharsets.UTF_8)));
    }
}
