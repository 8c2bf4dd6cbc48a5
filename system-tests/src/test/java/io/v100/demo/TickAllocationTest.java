package io.v100.demo;

import io.v100.core.BroadcastHandlers;
import io.v100.core.BroadcastTick;
import io.v100.core.EgressProxy;
import io.v100.core.RingEvent;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tick allocates nothing per event: the whole shipped match run through validation, the five handlers and the
 * egress encoders, measured with the JVM's per-thread allocation counter after a warm-up on throwaway handlers.
 * <p>
 * Measurement starts after the Fixture, whose HKDF extract for the new content id allocates once per match. The
 * journal is left out: Chronicle Queue allocates when it creates a cycle file and as the file grows, which is
 * the library's business and not per event. The bound is a few KB over half a million events, which admits the
 * odd object the JIT materialises on deoptimisation; anything per event, per segment or per key rotation
 * (25 in this match) exceeds it.
 */
@Tag("slow")
@Timeout(300)
class TickAllocationTest
{
    private static final long MAX_BYTES = 4096;

    @Test
    void shouldNotAllocatePerEventOverAWholeMatch() throws Exception
    {
        final EncodedMatch match = EncodedMatch.generate();
        final ExpandableArrayBuffer frames = match.buffer;
        final IntArrayList offsets = match.offsets;

        run(frames, offsets);
        final long bytes = run(frames, offsets);

        assertTrue(bytes <= MAX_BYTES, bytes + " bytes allocated by the tick over " + (offsets.size() - 2) + " events");
    }

    private static long run(final ExpandableArrayBuffer frames, final IntArrayList offsets) throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final EgressProxy egress = new EgressProxy((buffer, offset, length) -> { });
        final BroadcastTick tick = new BroadcastTick(null, egress, BroadcastHandlers.withDefaults(egress).inTickOrder());
        final RingEvent event = new RingEvent();
        final int events = offsets.size() - 1;

        event.set(frames, 0, offsets.getInt(1), 0, 0);
        tick.onEvent(event, 0, true);
        assertEquals(FixtureDecoder.TEMPLATE_ID, new MessageHeaderDecoder().wrap(frames, 0).templateId());

        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 1; i < events; i++)
        {
            final int offset = offsets.getInt(i);
            event.set(frames, offset, offsets.getInt(i + 1) - offset, 0, 0);
            tick.onEvent(event, i, true);
        }
        final long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(events, tick.eventsProcessed(), "every event processed, none rejected");
        return bytes;
    }
}
