package io.v100.client;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.ReplayRequestEncoder;
import io.v100.sbe.SessionCloseRequestEncoder;
import io.v100.sbe.SessionCode;
import io.v100.sbe.SessionConnectRequestEncoder;
import io.v100.sbe.SessionEventDecoder;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A connection to the core over Aeron: an ingress publication to send SBE frames and an egress subscription to
 * receive the core's answers, and the session that lets the core take those frames.
 * <p>
 * <b>Sessions.</b> {@link #openSession} sends the principal and secret in a {@code SessionConnectRequest} with a
 * random correlation id and waits for the {@code SessionEvent} that answers it; the core assigns the client id
 * (one per principal, kept across sessions and restarts) and a session id. From then on {@link #send} stamps
 * every frame that names a client with that client id, so callers encode frames with any client id. The core
 * binds the client id to this connection, and a new core (after a restart) knows no connection of the old one,
 * so after a restart the session must be opened again: {@link #reopenSession}.
 * <p>
 * <b>Client sequences across sessions.</b> They belong to the client id, not the session: the core takes from a
 * client id exactly the sequence after the last one it journaled, whichever session sends it. A re-opened session
 * therefore carries on where the core's journal ends ({@code SessionEvent.nextClientSequence}), and the caller
 * resends from its last acknowledged frame. When this client first opens a session on a core that already holds
 * sequences of its principal (a second run of the same feed), its sequences are offset by what the core holds:
 * the caller numbers its frames 1, 2, 3... and {@link #send} adds {@link #sequenceBase()}.
 * <p>
 * It connects through a media driver that is already running (see {@link ClientContext#aeronDirectoryName()}); it
 * never starts one, so an application that embeds this library needs neither the media driver nor anything of the
 * core on its classpath.
 * <p>
 * Single-threaded: one thread sends and polls. {@link #send} polls egress while it waits out back-pressure, so a
 * client that both sends and reads on one thread cannot deadlock against a core that is itself waiting for the
 * client to read.
 */
public final class V100Client implements AutoCloseable
{
    private static final int TEMPLATE_ID_OFFSET = MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int SCHEMA_ID_OFFSET = MessageHeaderDecoder.schemaIdEncodingOffset();
    private static final int CLIENT_ID_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + FixtureEncoder.clientIdEncodingOffset();
    private static final int CLIENT_SEQUENCE_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + FixtureEncoder.clientSequenceEncodingOffset();
    private static final int CLIENT_FIELDS_END = CLIENT_SEQUENCE_OFFSET + FixtureEncoder.clientSequenceEncodingLength();
    private final Aeron aeron;
    private final ExclusivePublication ingress;
    private final Subscription egress;
    private final Subscription replay;
    private final FragmentAssembler egressAssembler;
    private final FragmentAssembler replayAssembler;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SessionEventDecoder sessionEvent = new SessionEventDecoder();
    private final ExpandableArrayBuffer sendBuffer = new ExpandableArrayBuffer(2048);
    private final SecureRandom random = new SecureRandom();
    private ClientCredentials credentials;
    private int clientId;
    private long sessionId;
    private long sequenceBase = -1;
    private long nextClientSequence = 1;
    private long awaitedCorrelationId;
    private SessionCode awaitedCode;
    private long backPressured;

    private V100Client(
        final ClientContext context,
        final FragmentHandler egressHandler,
        final FragmentHandler replayHandler,
        final ErrorHandler errorHandler)
    {
        context.conclude();
        final Aeron.Context aeronContext = new Aeron.Context().aeronDirectoryName(context.aeronDirectoryName());
        if (null != errorHandler)
        {
            aeronContext.errorHandler(errorHandler);
        }
        aeron = Aeron.connect(aeronContext);
        egress = aeron.addSubscription(context.egressChannel(), context.egressStreamId());
        replay = null == replayHandler ? null : aeron.addSubscription(context.egressChannel(), context.replayStreamId());
        // Exclusive: an image of its own at the core, so a connection of its own. Concurrent publications to one
        // channel from one media driver share a log, and so would share a session.
        ingress = aeron.addExclusivePublication(context.ingressChannel(), context.ingressStreamId());
        egressAssembler = new FragmentAssembler((buffer, offset, length, header) ->
        {
            onEgress(buffer, offset, length);
            egressHandler.onFragment(buffer, offset, length, header);
        });
        replayAssembler = null == replayHandler ? null : new FragmentAssembler(replayHandler);
    }

    /**
     * Connect through a media driver.
     *
     * @param context       channels, streams and the directory of a running media driver.
     * @param egressHandler receiving each egress message during {@link #poll} and {@link #send}.
     * @return the client; call {@link #awaitConnected(long)} before sending.
     * @throws IllegalArgumentException if {@link ClientContext#conclude()} finds a bad setting.
     */
    public static V100Client connect(final ClientContext context, final FragmentHandler egressHandler)
    {
        return new V100Client(context, egressHandler, null, null);
    }

    /**
     * Connect, also subscribing to the replay stream that answers {@code ReplayRequest}s.
     *
     * @param context       channels, streams and the directory of a running media driver.
     * @param egressHandler receiving live egress; the fragment header's session id tells core incarnations apart.
     * @param replayHandler receiving replayed egress and each {@code ReplayEnd}.
     * @return the client.
     */
    public static V100Client connect(
        final ClientContext context, final FragmentHandler egressHandler, final FragmentHandler replayHandler)
    {
        return new V100Client(context, egressHandler, replayHandler, null);
    }

    /**
     * Connect with the replay stream, reporting Aeron's own errors to a handler of the caller's. Aeron's default
     * handler ends the process when the media driver stops answering; a long-lived client that should outlive its
     * core (a gateway) passes one that records the error instead, and reconnects.
     *
     * @param context       channels, streams and the directory of a running media driver.
     * @param egressHandler receiving live egress.
     * @param replayHandler receiving replayed egress and each {@code ReplayEnd}.
     * @param errorHandler  receiving errors from Aeron's client conductor thread, a driver timeout included.
     * @return the client.
     */
    public static V100Client connect(
        final ClientContext context,
        final FragmentHandler egressHandler,
        final FragmentHandler replayHandler,
        final ErrorHandler errorHandler)
    {
        return new V100Client(context, egressHandler, replayHandler, errorHandler);
    }

    /**
     * Wait until the core subscribes to our ingress and publishes to our egress.
     *
     * @param timeoutMs to wait.
     * @return true if both directions are connected.
     */
    public boolean awaitConnected(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!(ingress.isConnected() && egress.isConnected()))
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            poll(16);
            idleStrategy.idle();
        }
        return true;
    }

    /**
     * Open a session: send the credentials and wait for the core's answer.
     *
     * @param credentials principal and secret; kept for {@link #reopenSession}.
     * @param timeoutMs   to wait for the answer.
     * @return the core's answer: {@code OPEN}, {@code AUTHENTICATION_FAILED} or {@code SESSION_LIMIT}.
     * @throws IllegalStateException if no answer came in time.
     */
    public SessionCode openSession(final ClientCredentials credentials, final long timeoutMs)
    {
        this.credentials = credentials;
        final long correlationId = random.nextLong();
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new SessionConnectRequestEncoder()
            .wrapAndApplyHeader(sendBuffer, 0, new MessageHeaderEncoder())
            .correlationId(correlationId)
            .putPrincipal(paddedPrincipal(credentials.principal()), 0)
            .putSecret(credentials.secret(), 0, ClientCredentials.SECRET_LENGTH)
            .encodedLength();
        awaitedCorrelationId = correlationId;
        awaitedCode = null;
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final boolean sent = offer(sendBuffer, 0, length, timeoutMs);
        sendBuffer.setMemory(0, length, (byte)0);
        if (!sent)
        {
            throw new IllegalStateException("could not send the session request within " + timeoutMs + " ms");
        }
        idleStrategy.reset();
        while (null == awaitedCode)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no answer to the session request within " + timeoutMs + " ms");
            }
            idleStrategy.idle(poll(64));
        }
        return awaitedCode;
    }

    /**
     * Open the session again with the credentials of the last {@link #openSession}, e.g. after a core restart.
     *
     * @param timeoutMs to wait for the answer.
     * @return the core's answer.
     * @throws IllegalStateException if no session was opened before, or no answer came in time.
     */
    public SessionCode reopenSession(final long timeoutMs)
    {
        if (null == credentials)
        {
            throw new IllegalStateException("no session to reopen");
        }
        return openSession(credentials, timeoutMs);
    }

    /**
     * @return the client id the core assigned, 0 before a session was opened.
     */
    public int clientId()
    {
        return clientId;
    }

    /**
     * @return the client sequence the core takes next from this client, in the caller's numbering (before
     * {@link #sequenceBase()} is added), as the answer to the last session open said; a caller that does not
     * resend what it sent before that open carries on from here.
     */
    public long nextClientSequence()
    {
        return nextClientSequence;
    }

    /**
     * @return the open session's id, 0 if none.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * @return what {@link #send} adds to each frame's client sequence: the core's last journaled sequence of this
     * principal when this client first opened a session, 0 on a core that had none; -1 before the first session.
     */
    public long sequenceBase()
    {
        return sequenceBase;
    }

    private void onEgress(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.templateId() != SessionEventDecoder.TEMPLATE_ID ||
            headerDecoder.schemaId() != SessionEventDecoder.SCHEMA_ID)
        {
            return;
        }
        sessionEvent.wrapAndApplyHeader(buffer, offset, headerDecoder);
        if (sessionEvent.correlationId() != awaitedCorrelationId || null != awaitedCode)
        {
            return;
        }
        awaitedCode = sessionEvent.code();
        if (awaitedCode == SessionCode.OPEN)
        {
            clientId = sessionEvent.clientId();
            sessionId = sessionEvent.sessionId();
            if (sequenceBase < 0)
            {
                sequenceBase = sessionEvent.nextClientSequence() - 1;
            }
            nextClientSequence = sessionEvent.nextClientSequence() - sequenceBase;
        }
    }

    private static byte[] paddedPrincipal(final String principal)
    {
        final byte[] padded = new byte[SessionConnectRequestEncoder.principalLength()];
        final byte[] ascii = principal.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, padded, 0, Math.min(ascii.length, padded.length));
        return padded;
    }

    /**
     * Offer one frame, waiting out back-pressure. A frame that names a client (every client template, long
     * enough to hold the client id and sequence) is sent with this session's client id and its client sequence
     * plus {@link #sequenceBase()}; the caller's buffer is not changed.
     *
     * @param buffer    holding the frame.
     * @param offset    of the frame.
     * @param length    of the frame in bytes.
     * @param timeoutMs longest wait while not connected or back-pressured.
     * @return true once the frame is in the publication; false if the core stayed unreachable for the timeout
     * or the publication closed.
     */
    public boolean send(final DirectBuffer buffer, final int offset, final int length, final long timeoutMs)
    {
        if (0 != clientId && namesClient(buffer, offset, length))
        {
            sendBuffer.putBytes(0, buffer, offset, length);
            sendBuffer.putInt(CLIENT_ID_OFFSET, clientId, LITTLE_ENDIAN);
            sendBuffer.putLong(CLIENT_SEQUENCE_OFFSET,
                sendBuffer.getLong(CLIENT_SEQUENCE_OFFSET, LITTLE_ENDIAN) + sequenceBase, LITTLE_ENDIAN);
            return offer(sendBuffer, 0, length, timeoutMs);
        }
        return offer(buffer, offset, length, timeoutMs);
    }

    private static boolean namesClient(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < CLIENT_FIELDS_END || buffer.getShort(offset + SCHEMA_ID_OFFSET, LITTLE_ENDIAN) !=
            MessageHeaderDecoder.SCHEMA_ID)
        {
            return false;
        }
        final int templateId = buffer.getShort(offset + TEMPLATE_ID_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
        return (templateId >= FixtureEncoder.TEMPLATE_ID && templateId <= ReplayRequestEncoder.TEMPLATE_ID) ||
            templateId == SessionCloseRequestEncoder.TEMPLATE_ID;
    }

    private boolean offer(final DirectBuffer buffer, final int offset, final int length, final long timeoutMs)
    {
        long deadline = 0;
        idleStrategy.reset();
        while (true)
        {
            final long result = ingress.offer(buffer, offset, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                return false;
            }
            if (0 == deadline)
            {
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            }
            else if (System.nanoTime() > deadline)
            {
                return false;
            }
            backPressured++;
            idleStrategy.idle(poll(64));
        }
    }

    /**
     * @param fragmentLimit most egress messages to deliver.
     * @return messages delivered to the egress handler.
     */
    public int poll(final int fragmentLimit)
    {
        final int live = egress.poll(egressAssembler, fragmentLimit);
        return null == replay ? live : live + replay.poll(replayAssembler, fragmentLimit);
    }

    /**
     * @return times {@link #send} found the publication back-pressured or not connected.
     */
    public long backPressured()
    {
        return backPressured;
    }

    public boolean isConnected()
    {
        return ingress.isConnected() && egress.isConnected();
    }

    public void close()
    {
        CloseHelper.closeAll(ingress, egress, replay, aeron);
    }
}
