package io.v100.feed;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The seeded audience: who joins when, who bought the event, and each viewer's glass-to-glass latency.
 * <p>
 * Viewer i (0-based) has id {@code viewerIdBase + i + 1}. A fraction {@link ViewerFeedContext#joinBeforeKickoffFraction()}
 * joins uniformly between the Fixture and kick-off, the rest uniformly during normal time. A fraction
 * {@link ViewerFeedContext#entitledFraction()} holds an entitlement. Latency is drawn once per viewer from three
 * delivery classes (HLS, LL-HLS, slow) as mean * (1 + 0.1 N(0, 1)), at least half the mean.
 */
final class ViewerPlan
{
    private static final double LATENCY_RELATIVE_SD = 0.1;

    private final long viewerIdBase;
    private final long[] joinNs;
    private final boolean[] entitled;
    private final long[] latencyNs;
    private final long[] sessionIds;
    private final int[] entitledByJoin;
    private final long[] entitledJoinNs;

    ViewerPlan(
        final FeedContext context,
        final long fixtureNs,
        final long kickoffNs,
        final long endOfNormalTimeNs,
        final SplittableRandom random)
    {
        final ViewerFeedContext audience = context.viewers();
        final int count = audience.viewerCount();
        viewerIdBase = audience.viewerIdBase();
        joinNs = new long[count];
        entitled = new boolean[count];
        latencyNs = new long[count];
        sessionIds = new long[count];
        int entitledCount = 0;
        for (int i = 0; i < count; i++)
        {
            entitled[i] = random.nextDouble() < audience.entitledFraction();
            entitledCount += entitled[i] ? 1 : 0;
            if (random.nextDouble() < audience.joinBeforeKickoffFraction())
            {
                joinNs[i] = kickoffNs > fixtureNs ? fixtureNs + random.nextLong(kickoffNs - fixtureNs) : kickoffNs;
            }
            else
            {
                joinNs[i] = endOfNormalTimeNs > kickoffNs ? kickoffNs + random.nextLong(endOfNormalTimeNs - kickoffNs) : kickoffNs;
            }
            final double latencyClass = random.nextDouble();
            final long meanNs;
            if (latencyClass < audience.hlsFraction())
            {
                meanNs = audience.hlsLatencyNs();
            }
            else if (latencyClass < audience.hlsFraction() + audience.llHlsFraction())
            {
                meanNs = audience.llHlsLatencyNs();
            }
            else
            {
                meanNs = audience.slowLatencyNs();
            }
            final double latency = meanNs * (1.0 + LATENCY_RELATIVE_SD * FeedRandom.gaussian(random));
            latencyNs[i] = Math.max(meanNs / 2, (long)latency);
            sessionIds[i] = random.nextLong() & Long.MAX_VALUE;
        }

        entitledByJoin = new int[entitledCount];
        entitledJoinNs = new long[entitledCount];
        final Integer[] order = new Integer[entitledCount];
        for (int i = 0, e = 0; i < count; i++)
        {
            if (entitled[i])
            {
                order[e++] = i;
            }
        }
        Arrays.sort(order, (a, b) -> joinNs[a] != joinNs[b] ? Long.compare(joinNs[a], joinNs[b]) : Integer.compare(a, b));
        for (int e = 0; e < entitledCount; e++)
        {
            entitledByJoin[e] = order[e];
            entitledJoinNs[e] = joinNs[order[e]];
        }
    }

    int count()
    {
        return joinNs.length;
    }

    long viewerId(final int viewer)
    {
        return viewerIdBase + viewer + 1;
    }

    long joinNs(final int viewer)
    {
        return joinNs[viewer];
    }

    boolean entitled(final int viewer)
    {
        return entitled[viewer];
    }

    long latencyNs(final int viewer)
    {
        return latencyNs[viewer];
    }

    long sessionId(final int viewer)
    {
        return sessionIds[viewer];
    }

    /**
     * @return number of entitled viewers.
     */
    int entitledCount()
    {
        return entitledByJoin.length;
    }

    /**
     * @param rank 0-based rank in join order among entitled viewers.
     * @return the viewer index.
     */
    int entitledByJoin(final int rank)
    {
        return entitledByJoin[rank];
    }

    /**
     * @param timestampNs a time.
     * @return how many entitled viewers have joined at or before that time.
     */
    int entitledJoinedBy(final long timestampNs)
    {
        int low = 0;
        int high = entitledJoinNs.length;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (entitledJoinNs[mid] <= timestampNs)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
