package io.v100.core;

import io.v100.sbe.SessionCode;
import io.v100.sbe.SessionClosedDecoder;
import io.v100.sbe.SessionOpenedDecoder;

import java.util.Arrays;

/**
 * Sessions, client ids and client sequences: the tick's sequencing job.
 * <p>
 * <b>Client ids.</b> The core assigns them: the first session a principal opens gets the next client id, 1, 2, 3...
 * up to {@code maxClients}; every later session of that principal gets the same id, so its client sequences carry
 * on across sessions and core restarts. A principal arriving when every id is taken is refused with
 * {@code SESSION_LIMIT}. One session per client id is open at a time: a new open supersedes the old one (that is
 * how a client takes its id back after a core restart, when its old connection is gone). Session ids count opens,
 * 1, 2, 3...
 * <p>
 * <b>Client sequences.</b> A client's inputs are taken strictly in order: sequence 1 first, then each one exactly
 * one more than the last journaled. A sequence at or below the last is a resend (a duplicate) and is ignored; one
 * beyond the next is after a gap and is dropped until the client resends in order; a sequence below 1 is refused
 * with {@code INVALID_SEQUENCE}. Duplicates and gaps are answered with an {@code Ack} naming the last sequence
 * journaled and the next one expected. None of these is journaled, so the journal holds each client's inputs
 * exactly once, in order, and recovery and replay never meet an out-of-range sequence.
 * <p>
 * Session opens and closes are journaled inputs (see {@code SessionOpened} and {@code SessionClosed}) that take
 * no ring sequence, so replay and recovery rebuild this table exactly and a client's inputs keep their ring
 * sequences however often it reconnected. Acknowledgements are coalesced: one per run of inputs from the same
 * client, flushed at the end of a ring batch. Tables are arrays indexed by client id, allocated up front.
 * Ring thread only.
 */
public final class ClientSequencer
{
    /** The input is next in its client's order: journal and process it. */
    public static final int ACCEPT = 0;
    /** At or below the last journaled sequence: ignore it. */
    public static final int DUPLICATE = 1;
    /** Beyond the next expected sequence: drop it until the client resends in order. */
    public static final int GAP = 2;
    /** Below 1: refuse it with {@code INVALID_SEQUENCE}. */
    public static final int INVALID_SEQUENCE = 3;
    /** A client id outside 1..maxClients: refuse it with {@code NO_SESSION}. */
    public static final int INVALID_CLIENT = 4;

    /** Bytes of a principal, NUL-padded. */
    public static final int PRINCIPAL_LENGTH = 32;

    private static final int NO_CLIENT = 0;

    private final int maxClients;
    private final SessionRegistry registry;
    private final EgressProxy egress;
    private final long[] lastSequence;
    private final long[] lastRingSequence;
    private final long[] sessionIds;
    private final int[] roles;
    private final byte[] principals;
    private final byte[] principalScratch = new byte[PRINCIPAL_LENGTH];
    private int clients;
    private int sessionsOpen;
    private long lastSessionId;

    private long sessionsOpened;
    private long authenticationFailures;
    private long sessionLimitRefusals;
    private long duplicatesIgnored;
    private long gapsDropped;
    private long invalidSequences;

    private int ackClientId = NO_CLIENT;
    private long ackClientSequence;
    private long ackRingSequence;

    /**
     * @param registry where bindings are published for the gateway; its size is the client capacity.
     * @param egress   for acknowledgements and session events.
     */
    public ClientSequencer(final SessionRegistry registry, final EgressProxy egress)
    {
        this.registry = registry;
        this.egress = egress;
        this.maxClients = registry.maxClients();
        lastSequence = new long[maxClients + 1];
        lastRingSequence = new long[maxClients + 1];
        Arrays.fill(lastRingSequence, -1);
        sessionIds = new long[maxClients + 1];
        roles = new int[maxClients + 1];
        principals = new byte[(maxClients + 1) * PRINCIPAL_LENGTH];
    }

    /**
     * Decide what to do with a client's input. On {@link #DUPLICATE} or {@link #GAP} an acknowledgement is queued.
     *
     * @param clientId       as the frame names it (the gateway checked it against the connection).
     * @param clientSequence as the frame names it.
     * @return {@link #ACCEPT}, {@link #DUPLICATE}, {@link #GAP}, {@link #INVALID_SEQUENCE} or {@link #INVALID_CLIENT}.
     */
    public int sequence(final int clientId, final long clientSequence)
    {
        if (clientId < 1 || clientId > maxClients)
        {
            return INVALID_CLIENT;
        }
        if (clientSequence < 1)
        {
            invalidSequences++;
            return INVALID_SEQUENCE;
        }
        final long last = lastSequence[clientId];
        if (clientSequence == last + 1)
        {
            return ACCEPT;
        }
        if (clientSequence <= last)
        {
            duplicatesIgnored++;
        }
        else
        {
            gapsDropped++;
        }
        pendingAck(clientId, last, lastRingSequence[clientId]);
        return clientSequence <= last ? DUPLICATE : GAP;
    }

    /**
     * Record an accepted input, live or replayed from the journal, and queue its acknowledgement.
     *
     * @param clientId       1..maxClients.
     * @param clientSequence the input's.
     * @param ringSequence   it was given.
     */
    public void onAccepted(final int clientId, final long clientSequence, final long ringSequence)
    {
        lastSequence[clientId] = clientSequence;
        lastRingSequence[clientId] = ringSequence;
        pendingAck(clientId, clientSequence, ringSequence);
    }

    /**
     * Record an input replayed from the journal (recovery, the replay tool), without acknowledging it. Entries with
     * a client id outside the table or a sequence below 1 (possible only in journals written before sequences were
     * checked) leave the table as it is; the input itself is still processed.
     *
     * @param clientId       as journaled.
     * @param clientSequence as journaled.
     * @param ringSequence   as journaled.
     */
    public void onReplayed(final int clientId, final long clientSequence, final long ringSequence)
    {
        if (clientId >= 1 && clientId <= maxClients && clientSequence >= 1)
        {
            lastSequence[clientId] = clientSequence;
            lastRingSequence[clientId] = ringSequence;
        }
    }

    /**
     * A journaled session open: assign or find the principal's client id, bind it, and answer.
     *
     * @param decoder wrapped over the entry.
     */
    public void onSessionOpened(final SessionOpenedDecoder decoder)
    {
        flushAck();
        final long correlationId = decoder.correlationId();
        if (decoder.outcome() != SessionCode.OPEN)
        {
            authenticationFailures++;
            egress.sessionEvent(correlationId, 0, 0, SessionCode.AUTHENTICATION_FAILED, SessionRole.NONE, 0);
            return;
        }
        Arrays.fill(principalScratch, (byte)0);
        decoder.getPrincipal(principalScratch, 0);
        int clientId = find(principalScratch);
        if (NO_CLIENT == clientId)
        {
            if (clients == maxClients)
            {
                sessionLimitRefusals++;
                egress.sessionEvent(correlationId, 0, 0, SessionCode.SESSION_LIMIT, SessionRole.NONE, 0);
                return;
            }
            clientId = ++clients;
            System.arraycopy(principalScratch, 0, principals, clientId * PRINCIPAL_LENGTH, PRINCIPAL_LENGTH);
        }
        if (0 == sessionIds[clientId])
        {
            sessionsOpen++;
        }
        final int roleMask = decoder.roles().getRaw() & SessionRole.ALL;
        final long sessionId = ++lastSessionId;
        sessionIds[clientId] = sessionId;
        roles[clientId] = roleMask;
        sessionsOpened++;
        registry.bind(clientId, decoder.connectionId(), roleMask);
        egress.sessionEvent(
            correlationId, clientId, sessionId, SessionCode.OPEN, roleMask, lastSequence[clientId] + 1);
    }

    /**
     * A journaled session close: unbind the client id if the session is still its open one.
     *
     * @param decoder wrapped over the entry.
     */
    public void onSessionClosed(final SessionClosedDecoder decoder)
    {
        flushAck();
        final int clientId = decoder.clientId();
        if (clientId < 1 || clientId > maxClients || sessionIds[clientId] != decoder.sessionId() ||
            0 == sessionIds[clientId])
        {
            return;
        }
        sessionIds[clientId] = 0;
        roles[clientId] = SessionRole.NONE;
        sessionsOpen--;
        registry.unbind(clientId);
        egress.sessionEvent(
            decoder.correlationId(), clientId, decoder.sessionId(), SessionCode.CLOSED, SessionRole.NONE,
            lastSequence[clientId] + 1);
    }

    /**
     * Send the queued acknowledgement, if any.
     */
    public void flushAck()
    {
        if (NO_CLIENT != ackClientId)
        {
            egress.ack(ackClientId, ackClientSequence, ackRingSequence);
            ackClientId = NO_CLIENT;
        }
    }

    private void pendingAck(final int clientId, final long clientSequence, final long ringSequence)
    {
        if (clientId != ackClientId)
        {
            flushAck();
        }
        ackClientId = clientId;
        ackClientSequence = clientSequence;
        ackRingSequence = ringSequence;
    }

    private int find(final byte[] principal)
    {
        for (int clientId = 1; clientId <= clients; clientId++)
        {
            if (Arrays.equals(
                principals, clientId * PRINCIPAL_LENGTH, (clientId + 1) * PRINCIPAL_LENGTH,
                principal, 0, PRINCIPAL_LENGTH))
            {
                return clientId;
            }
        }
        return NO_CLIENT;
    }

    /**
     * Restore one client from a snapshot, before any input.
     *
     * @param clientId       1..maxClients.
     * @param clientSequence its last journaled sequence.
     * @param sessionId      its open session, 0 if none.
     * @param roleMask       that session's roles.
     * @param principal      {@link #PRINCIPAL_LENGTH} bytes, NUL-padded; all zeros for a client never opened
     *                       through a session (inputs that reached the tick without the gateway, e.g. in tests).
     * @throws IllegalArgumentException if the client id is outside this table's capacity.
     */
    public void restoreClient(
        final int clientId, final long clientSequence, final long sessionId, final int roleMask, final byte[] principal)
    {
        if (clientId < 1 || clientId > maxClients)
        {
            throw new IllegalArgumentException("client id " + clientId + " outside 1.." + maxClients);
        }
        lastSequence[clientId] = clientSequence;
        System.arraycopy(principal, 0, principals, clientId * PRINCIPAL_LENGTH, PRINCIPAL_LENGTH);
        clients = Math.max(clients, clientId);
        if (0 != sessionId)
        {
            sessionIds[clientId] = sessionId;
            roles[clientId] = roleMask;
            sessionsOpen++;
            lastSessionId = Math.max(lastSessionId, sessionId);
        }
    }

    /**
     * @param lastSessionId the last session id assigned, from a snapshot.
     */
    public void restoreLastSessionId(final long lastSessionId)
    {
        this.lastSessionId = Math.max(this.lastSessionId, lastSessionId);
    }

    /**
     * @return the highest client id in use: entries 1..this hold every client (for snapshots).
     */
    public int clientIdLimit()
    {
        int limit = clients;
        for (int clientId = maxClients; clientId > limit; clientId--)
        {
            if (0 != lastSequence[clientId])
            {
                return clientId;
            }
        }
        return limit;
    }

    /**
     * @param clientId 1..maxClients.
     * @return true if it has any state worth a snapshot entry.
     */
    public boolean inUse(final int clientId)
    {
        return 0 != lastSequence[clientId] || clientId <= clients;
    }

    /**
     * @param clientId 1..maxClients.
     * @return its last journaled client sequence, 0 before its first input.
     */
    public long lastClientSequence(final int clientId)
    {
        return clientId < 1 || clientId > maxClients ? 0 : lastSequence[clientId];
    }

    /**
     * @param clientId 1..maxClients.
     * @return its open session id, 0 if none.
     */
    public long sessionId(final int clientId)
    {
        return sessionIds[clientId];
    }

    /**
     * @param clientId 1..maxClients.
     * @return its open session's roles.
     */
    public int roles(final int clientId)
    {
        return roles[clientId];
    }

    /**
     * @param clientId 1..maxClients.
     * @param dst      receiving {@link #PRINCIPAL_LENGTH} bytes.
     */
    public void principal(final int clientId, final byte[] dst)
    {
        System.arraycopy(principals, clientId * PRINCIPAL_LENGTH, dst, 0, PRINCIPAL_LENGTH);
    }

    public int maxClients()
    {
        return maxClients;
    }

    /**
     * @return client ids assigned to principals.
     */
    public int clients()
    {
        return clients;
    }

    public int sessionsOpen()
    {
        return sessionsOpen;
    }

    public long lastSessionId()
    {
        return lastSessionId;
    }

    public long sessionsOpened()
    {
        return sessionsOpened;
    }

    public long authenticationFailures()
    {
        return authenticationFailures;
    }

    public long sessionLimitRefusals()
    {
        return sessionLimitRefusals;
    }

    /**
     * @return resent inputs that were already journaled and so were ignored.
     */
    public long duplicatesIgnored()
    {
        return duplicatesIgnored;
    }

    /**
     * @return inputs that arrived after a gap in their client's sequence and were dropped until resent in order.
     */
    public long gapsDropped()
    {
        return gapsDropped;
    }

    /**
     * @return inputs refused for a client sequence below 1.
     */
    public long invalidSequences()
    {
        return invalidSequences;
    }
}
