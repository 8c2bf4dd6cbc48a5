package io.v100.demo;

import io.v100.feed.IngressStream;
import io.v100.feed.StatsBombMatch;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Every ingress frame of the shipped match, generated once and kept in memory for tests that feed a tick
 * directly.
 */
public final class EncodedMatch
{
    public final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024 * 1024);
    public final IntArrayList offsets = new IntArrayList();

    /**
     * @return every frame of the shipped match as the demo sends it.
     * @throws IOException if the match file cannot be read.
     */
    public static EncodedMatch generate() throws IOException
    {
        final StatsBombMatch match = StatsBombMatch.read(Path.of("..", "data", "statsbomb", "15986-events.json.gz"));
        final IngressStream stream = DemoFeed.stream(match, DemoFeed.context());
        final EncodedMatch frames = new EncodedMatch();
        final int[] limit = { 0 };
        while (stream.next((buffer, offset, length) ->
        {
            frames.buffer.putBytes(limit[0], buffer, offset, length);
            frames.offsets.addInt(limit[0]);
            limit[0] += length;
        }))
        {
            Thread.onSpinWait();
        }
        frames.offsets.addInt(limit[0]);
        return frames;
    }

    public int count()
    {
        return offsets.size() - 1;
    }

    public int offset(final int i)
    {
        return offsets.getInt(i);
    }

    public int length(final int i)
    {
        return offsets.getInt(i + 1) - offsets.getInt(i);
    }
}
