package io.v100.feed;

import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * The single Fixture frame, sent {@link FeedContext#fixtureLeadNs()} before kick-off.
 */
final class FixtureSource implements FrameSource
{
    private final FixtureEncoder encoder = new FixtureEncoder();
    private final long timestampNs;
    private final long matchId;
    private final int homeTeamId;
    private final int awayTeamId;
    private final long kickoffNs;
    private final float homeGoalRate;
    private final float awayGoalRate;
    private boolean sent;

    FixtureSource(final long matchId, final StatsBombMatch match, final FeedContext context)
    {
        this.timestampNs = context.kickoffNs() - context.fixtureLeadNs();
        this.matchId = matchId;
        this.homeTeamId = match.homeTeamId();
        this.awayTeamId = match.awayTeamId();
        this.kickoffNs = context.kickoffNs();
        this.homeGoalRate = context.homeGoalRate();
        this.awayGoalRate = context.awayGoalRate();
    }

    public long nextTimestampNs()
    {
        return sent ? Long.MAX_VALUE : timestampNs;
    }

    public int encodeNext(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final int clientId,
        final long clientSequence)
    {
        sent = true;
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .clientId(clientId)
            .clientSequence(clientSequence)
            .timestampNs(timestampNs)
            .matchId(matchId)
            .homeTeamId(homeTeamId)
            .awayTeamId(awayTeamId)
            .kickoffNs(kickoffNs)
            .homeGoalRate(homeGoalRate)
            .awayGoalRate(awayGoalRate);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public long count()
    {
        return 1;
    }

    public int templateId()
    {
        return FixtureEncoder.TEMPLATE_ID;
    }
}
