package io.v100.gateway;

import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.v100.core.BroadcastRing;
import io.v100.core.SessionRegistry;
import io.v100.core.SessionRole;
import io.v100.core.SnapshotRequestGate;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.ReplayRequestDecoder;
import io.v100.sbe.SessionCloseRequestDecoder;
import io.v100.sbe.SessionClosedEncoder;
import io.v100.sbe.SessionCode;
import io.v100.sbe.SessionConnectRequestDecoder;
import io.v100.sbe.SessionOpenedDecoder;
import io.v100.sbe.SessionOpenedEncoder;
import io.v100.sbe.SessionClosedDecoder;
import io.v100.sbe.SnapshotRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The trust boundary: checks who sent each ingress fragment, then copies it into the ring unchanged, or turns it
 * away with a typed refusal.
 * <p>
 * <b>Connections.</b> Each Aeron image (one client publication) is a connection, named by a connection id: this
 * gateway's incarnation (random, drawn at start) in the high 32 bits and the image's session id in the low 32.
 * So a connection id never names a connection of an earlier run of the core, and after a restart every client
 * must open its session again. A connection is what Aeron calls a publication: clients that share one (Aeron's
 * {@code addPublication} on one media driver, channel and stream) share a connection, so each client uses an
 * exclusive publication ({@code V100Client} does). The rule rests on Aeron's image identity: over UDP, a peer that
 * can inject datagrams carrying another publication's session id could pose as it, as with any unauthenticated
 * datagram transport; ingress from untrusted networks belongs on IPC or behind a protected link.
 * <p>
 * <b>Sessions</b> (on the model of Aeron Cluster's {@code SessionConnectRequest} and {@code Authenticator}). A
 * {@code SessionConnectRequest} is checked here against the {@link CredentialStore}; what goes into the ring, and
 * so into the journal, is a {@code SessionOpened} holding the principal, the roles and the outcome, never the
 * secret. The ring's consumer assigns the client id and session id and binds the client id to the connection in
 * the {@link SessionRegistry}.
 * <p>
 * <b>The rule for every other frame</b> that names a client (every client template, at least long enough to hold
 * the client id and sequence): it is taken only if the client id it names is bound to the connection it arrived
 * on ({@code NO_SESSION} if that id is bound to none, {@code SESSION_MISMATCH} if it is bound to another), and
 * only if that session's roles allow its template ({@code NOT_AUTHORISED}). A connection therefore cannot send
 * under another session's client id: the binding is made only through a checked secret, and it names the
 * connection, not anything the frame says about itself. Frames that name no client (too short, another schema,
 * an unknown or egress template) are taken into the ring for validation to answer only from a connection that has
 * a session; from any other connection they are refused with {@code NO_SESSION}. The gateway-only templates
 * {@code SessionOpened} and {@code SessionClosed} are refused with {@code NOT_AUTHORISED} whoever sends them.
 * <p>
 * <b>Administrative requests</b> are taken off the stream here: a snapshot request becomes a snapshot command in
 * the ring if the {@link SnapshotRequestGate} grants it ({@code RATE_LIMITED} otherwise), a replay request goes to
 * the replay agent, a close request becomes a journaled {@code SessionClosed}.
 * <p>
 * Refusals travel through the ring as refusal slots (not journaled, no ring sequence) so that the ring's consumer,
 * the egress's only writer, answers and counts them. When the ring is full this answers {@code ABORT}: Aeron keeps
 * the fragment and offers it again on the next poll, so back-pressure reaches the client's publication instead of
 * dropping input. Gateway poller thread only; allocates only to check a secret.
 */
public final class IngressAdapter implements ControlledFragmentHandler
{
    private static final int CLIENT_ID_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + FixtureDecoder.clientIdEncodingOffset();
    private static final int CLIENT_FIELDS_END = MessageHeaderDecoder.ENCODED_LENGTH +
        FixtureDecoder.clientSequenceEncodingOffset() + FixtureDecoder.clientSequenceEncodingLength();

    private final BroadcastRing ring;
    private final ReplayAgent replayAgent;
    private final SessionRegistry registry;
    private final CredentialStore credentials;
    private final SnapshotRequestGate snapshotGate;
    private final long incarnation;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ReplayRequestDecoder replayRequest = new ReplayRequestDecoder();
    private final SessionConnectRequestDecoder connectRequest = new SessionConnectRequestDecoder();
    private final SessionCloseRequestDecoder closeRequest = new SessionCloseRequestDecoder();
    private final SessionOpenedEncoder sessionOpened = new SessionOpenedEncoder();
    private final SessionClosedEncoder sessionClosed = new SessionClosedEncoder();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[128]);
    private final byte[] principalBytes = new byte[SessionConnectRequestDecoder.principalLength()];
    private final byte[] secret = new byte[SessionConnectRequestDecoder.secretLength()];
    private long ringFull;
    private long replaysRefused;
    private long authenticationFailures;

    /**
     * @param ring         receiving the frames.
     * @param replayAgent  serving replay requests; null when there is no egress journal (requests are ignored).
     * @param registry     the session bindings the ring's consumer publishes.
     * @param credentials  what session opens are checked against.
     * @param snapshotGate coalescing and rate-limiting snapshot requests.
     * @param incarnation  this run's id, the high 32 bits of every connection id; not 0.
     */
    public IngressAdapter(
        final BroadcastRing ring,
        final ReplayAgent replayAgent,
        final SessionRegistry registry,
        final CredentialStore credentials,
        final SnapshotRequestGate snapshotGate,
        final int incarnation)
    {
        this.ring = ring;
        this.replayAgent = replayAgent;
        this.registry = registry;
        this.credentials = credentials;
        this.snapshotGate = snapshotGate;
        this.incarnation = ((long)incarnation) << 32;
    }

    /**
     * @param imageSessionId the Aeron image's session id.
     * @return the connection id of that image in this run.
     */
    public long connectionId(final int imageSessionId)
    {
        return incarnation | (imageSessionId & 0xFFFF_FFFFL);
    }

    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long connectionId = connectionId(header.sessionId());
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return unattributed(buffer, offset, length, connectionId, 0, 0, 0);
        }
        headerDecoder.wrap(buffer, offset);
        final int templateId = headerDecoder.templateId();
        final int schemaId = headerDecoder.schemaId();
        final int version = headerDecoder.version();
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            return unattributed(buffer, offset, length, connectionId, templateId, schemaId, version);
        }
        if (templateId == SessionConnectRequestDecoder.TEMPLATE_ID &&
            length >= MessageHeaderDecoder.ENCODED_LENGTH + SessionConnectRequestDecoder.BLOCK_LENGTH)
        {
            return openSession(buffer, offset, connectionId);
        }
        if (templateId == SessionOpenedDecoder.TEMPLATE_ID || templateId == SessionClosedDecoder.TEMPLATE_ID)
        {
            return refuse(RejectReason.NOT_AUTHORISED, templateId, schemaId, version, length);
        }
        if (!namesClient(templateId) || length < CLIENT_FIELDS_END)
        {
            return unattributed(buffer, offset, length, connectionId, templateId, schemaId, version);
        }

        final int clientId = buffer.getInt(offset + CLIENT_ID_OFFSET, LITTLE_ENDIAN);
        final long boundConnection = registry.connection(clientId);
        if (boundConnection != connectionId)
        {
            return refuse(SessionRegistry.NO_CONNECTION == boundConnection ?
                RejectReason.NO_SESSION : RejectReason.SESSION_MISMATCH, templateId, schemaId, version, length);
        }
        if (templateId == SessionCloseRequestDecoder.TEMPLATE_ID)
        {
            return closeSession(buffer, offset, length, clientId, schemaId, version);
        }
        if (!SessionRole.allows(registry.roles(clientId), templateId))
        {
            return refuse(RejectReason.NOT_AUTHORISED, templateId, schemaId, version, length);
        }
        if (templateId == SnapshotRequestDecoder.TEMPLATE_ID)
        {
            return requestSnapshot(templateId, schemaId, version, length);
        }
        if (templateId == ReplayRequestDecoder.TEMPLATE_ID)
        {
            if (length < MessageHeaderDecoder.ENCODED_LENGTH + ReplayRequestDecoder.BLOCK_LENGTH)
            {
                return refuse(RejectReason.TRUNCATED, templateId, schemaId, version, length);
            }
            replayRequest.wrapAndApplyHeader(buffer, offset, headerDecoder);
            if (null == replayAgent ||
                !replayAgent.request(replayRequest.fromRingSequence(), replayRequest.correlationId()))
            {
                replaysRefused++;
            }
            return Action.CONTINUE;
        }
        return publish(buffer, offset, length);
    }

    private static boolean namesClient(final int templateId)
    {
        return (templateId >= FixtureDecoder.TEMPLATE_ID && templateId <= ReplayRequestDecoder.TEMPLATE_ID) ||
            templateId == SessionCloseRequestDecoder.TEMPLATE_ID;
    }

    /**
     * A frame that names no client: validation answers it, but only for a connection that has a session, so a
     * connection without one cannot write to the journal.
     */
    private Action unattributed(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long connectionId,
        final int templateId,
        final int schemaId,
        final int version)
    {
        if (0 == registry.clientOf(connectionId))
        {
            return refuse(RejectReason.NO_SESSION, templateId, schemaId, version, length);
        }
        return publish(buffer, offset, length);
    }

    private Action openSession(final DirectBuffer buffer, final int offset, final long connectionId)
    {
        connectRequest.wrapAndApplyHeader(buffer, offset, headerDecoder);
        connectRequest.getPrincipal(principalBytes, 0);
        connectRequest.getSecret(secret, 0, secret.length);
        int principalLength = 0;
        while (principalLength < principalBytes.length && 0 != principalBytes[principalLength])
        {
            principalLength++;
        }
        final int roles = credentials.authenticate(
            new String(principalBytes, 0, principalLength, StandardCharsets.US_ASCII), secret);
        java.util.Arrays.fill(secret, (byte)0);
        if (CredentialStore.NOT_AUTHENTICATED == roles)
        {
            authenticationFailures++;
        }

        sessionOpened.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(connectRequest.correlationId())
            .connectionId(connectionId)
            .outcome(CredentialStore.NOT_AUTHENTICATED == roles ? SessionCode.AUTHENTICATION_FAILED : SessionCode.OPEN)
            .putPrincipal(principalBytes, 0)
            .roles()
            .clear();
        scratch.putByte(sessionOpened.roles().offset(),
            (byte)(CredentialStore.NOT_AUTHENTICATED == roles ? SessionRole.NONE : roles));
        return publish(scratch, 0, MessageHeaderEncoder.ENCODED_LENGTH + sessionOpened.encodedLength());
    }

    private Action closeSession(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int clientId,
        final int schemaId,
        final int version)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + SessionCloseRequestDecoder.BLOCK_LENGTH)
        {
            return refuse(RejectReason.TRUNCATED, SessionCloseRequestDecoder.TEMPLATE_ID, schemaId, version, length);
        }
        closeRequest.wrapAndApplyHeader(buffer, offset, headerDecoder);
        sessionClosed.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .clientId(clientId)
            .sessionId(closeRequest.sessionId())
            .correlationId(closeRequest.correlationId());
        return publish(scratch, 0, MessageHeaderEncoder.ENCODED_LENGTH + sessionClosed.encodedLength());
    }

    private Action requestSnapshot(final int templateId, final int schemaId, final int version, final int length)
    {
        if (!snapshotGate.tryGrant(ring.cursor()))
        {
            return refuse(RejectReason.RATE_LIMITED, templateId, schemaId, version, length);
        }
        if (ring.tryPublishSnapshot())
        {
            return Action.CONTINUE;
        }
        snapshotGate.withdraw();
        ringFull++;
        return Action.ABORT;
    }

    private Action refuse(
        final RejectReason reason, final int templateId, final int schemaId, final int version, final int length)
    {
        if (ring.tryPublishRefused(reason.value(), templateId, schemaId, version, length))
        {
            return Action.CONTINUE;
        }
        ringFull++;
        return Action.ABORT;
    }

    private Action publish(final DirectBuffer buffer, final int offset, final int length)
    {
        if (ring.tryPublish(buffer, offset, length, System.nanoTime(), System.currentTimeMillis() * 1_000_000L))
        {
            return Action.CONTINUE;
        }
        ringFull++;
        return Action.ABORT;
    }

    /**
     * @return replay requests dropped: no egress journal, or too many waiting.
     */
    public long replaysRefused()
    {
        return replaysRefused;
    }

    /**
     * @return times a fragment was pushed back because the ring was full.
     */
    public long ringFull()
    {
        return ringFull;
    }

    /**
     * @return session opens whose principal was unknown or whose secret was wrong.
     */
    public long authenticationFailures()
    {
        return authenticationFailures;
    }
}
