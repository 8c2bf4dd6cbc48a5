package io.v100.feed;

import io.v100.sbe.MarketType;
import io.v100.sbe.Selection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Test inputs: the bundled StatsBomb match, the synthetic fixtures, and fakes of {@link OddsQuote} and
 * {@link KidSource} whose outputs tests can recompute.
 */
final class FeedFixtures
{
    /** The real match shipped at the repository root, relative to the module directory Surefire runs in. */
    static final Path REAL_MATCH = Path.of("..", "data", "statsbomb", "15986-events.json.gz");

    private FeedFixtures()
    {
    }

    static StatsBombMatch realMatch() throws IOException
    {
        return StatsBombMatch.read(REAL_MATCH);
    }

    static StatsBombMatch synthetic(final String name) throws IOException
    {
        try (InputStream in = FeedFixtures.class.getResourceAsStream("/feed/" + name))
        {
            if (null == in)
            {
                throw new IOException("missing test resource /feed/" + name);
            }
            return StatsBombMatch.read(in, StatsBombMatch.NO_MATCH_ID);
        }
    }

    /**
     * Fake quote: 1.001 plus the stream position in ms modulo 1,000,000, so a test can tell which position a quote
     * was asked for.
     */
    static int fakeOdds(final long streamPositionNs)
    {
        return 1001 + (int)Math.floorMod(streamPositionNs / 1_000_000L, 1_000_000L);
    }

    static final OddsQuote FAKE_ODDS = (final MarketType market, final Selection selection, final long positionNs) ->
        fakeOdds(positionNs);

    /**
     * Fake KID: key period little-endian in bytes 0..7, content id little-endian in bytes 8..15.
     */
    static void fakeKid(final long keyPeriod, final long contentId, final byte[] dst16)
    {
        for (int i = 0; i < 8; i++)
        {
            dst16[i] = (byte)(keyPeriod >>> (8 * i));
            dst16[8 + i] = (byte)(contentId >>> (8 * i));
        }
    }

    static final KidSource FAKE_KIDS = FeedFixtures::fakeKid;
}
