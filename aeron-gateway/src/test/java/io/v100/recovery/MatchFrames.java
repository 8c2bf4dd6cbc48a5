package io.v100.recovery;

import io.v100.core.drm.DrmContext;
import io.v100.core.drm.KeyDeriver;
import io.v100.core.wagering.WageringContext;
import io.v100.demo.ShadowOddsQuote;
import io.v100.feed.FeedContext;
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
final class MatchFrames
{
    final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024 * 1024);
    final IntArrayList offsets = new IntArrayList();

    static MatchFrames generate() throws IOException
    {
        final StatsBombMatch match = StatsBombMatch.read(Path.of("..", "data", "statsbomb", "15986-events.json.gz"));
        final FeedContext context = new FeedContext().keyPeriodNs(new DrmContext().keyPeriodNs());
        final IngressStream stream = new IngressStream(
            match, context, new ShadowOddsQuote(match, context, new WageringContext()),
            new KeyDeriver(new DrmContext())::deriveKid);
        final MatchFrames frames = new MatchFrames();
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

    int count()
    {
        return offsets.size() - 1;
    }

    int offset(final int i)
    {
        return offsets.getInt(i);
    }

    int length(final int i)
    {
        return offsets.getInt(i + 1) - offsets.getInt(i);
    }
}
