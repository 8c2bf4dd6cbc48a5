package io.v100.shell.gateway;

/**
 * What the shell knows about an event before the core says anything: its id and its teams. The core's egress
 * carries team ids and no names, so names come from the fixture the feed was built from.
 *
 * @param eventId      the event's id (the StatsBomb match id for the shipped match).
 * @param homeTeamId   as on the egress.
 * @param homeTeamName display name.
 * @param awayTeamId   as on the egress.
 * @param awayTeamName display name.
 * @param kickoffNs    scheduled kick-off, ns since the Unix epoch.
 */
public record EventInfo(
    long eventId, int homeTeamId, String homeTeamName, int awayTeamId, String awayTeamName, long kickoffNs)
{
}
