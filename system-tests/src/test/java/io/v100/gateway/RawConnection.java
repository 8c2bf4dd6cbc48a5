package io.v100.gateway;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.v100.sbe.AckDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.RejectedDecoder;
import io.v100.sbe.SessionCode;
import io.v100.sbe.SessionConnectRequestEncoder;
import io.v100.sbe.SessionEventDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client built from Aeron alone, as an attacker would write one: its own Aeron connection (an exclusive
 * publication, so an image of its own at the core), frames exactly as given (no stamping), and everything the core
 * broadcasts on the egress decoded into lists.
 */
final class RawConnection implements AutoCloseable
{
    record Refusal(RejectReason reason, int templateId)
    {
    }

    record AckSeen(int clientId, long clientSequence, long nextClientSequence)
    {
    }

    record SessionSeen(long correlationId, int clientId, long sessionId, SessionCode code, long nextClientSequence)
    {
    }

    private final Aeron aeron;
    private final ExclusivePublication ingress;
    private final Subscription egress;
    private final FragmentAssembler assembler;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RejectedDecoder rejected = new RejectedDecoder();
    private final AckDecoder ack = new AckDecoder();
    private final SessionEventDecoder sessionEvent = new SessionEventDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    final List<Refusal> refusals = new ArrayList<>();
    final List<AckSeen> acks = new ArrayList<>();
    final List<SessionSeen> sessions = new ArrayList<>();
    private long nextCorrelationId = 1_000;

    RawConnection(final String aeronDirectoryName)
    {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectoryName));
        ingress = aeron.addExclusivePublication(GatewayContext.INGRESS_CHANNEL_DEFAULT, GatewayContext.INGRESS_STREAM_ID_DEFAULT);
        egress = aeron.addSubscription(GatewayContext.EGRESS_CHANNEL_DEFAULT, GatewayContext.EGRESS_STREAM_ID_DEFAULT);
        assembler = new FragmentAssembler((buffer, offset, length, h) -> onEgress(buffer, offset));
        awaitUntil(() -> ingress.isConnected() && egress.isConnected(), "raw connection connects");
    }

    /**
     * @param principal as sent, NUL-padded to 32 bytes.
     * @param secret    32 bytes as sent.
     * @return the core's answer.
     */
    SessionSeen open(final String principal, final byte[] secret)
    {
        final long correlationId = ++nextCorrelationId;
        final byte[] padded = new byte[SessionConnectRequestEncoder.principalLength()];
        final byte[] ascii = principal.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, padded, 0, ascii.length);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new SessionConnectRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .correlationId(correlationId)
            .putPrincipal(padded, 0)
            .putSecret(secret, 0, secret.length)
            .encodedLength();
        send(buffer, length);
        final SessionSeen[] answer = new SessionSeen[1];
        awaitUntil(() ->
        {
            for (final SessionSeen seen : sessions)
            {
                if (seen.correlationId() == correlationId)
                {
                    answer[0] = seen;
                    return true;
                }
            }
            return false;
        }, "answer to session request " + correlationId);
        return answer[0];
    }

    void send(final DirectBuffer frame, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ingress.offer(frame, 0, length) < 0)
        {
            assertTrue(System.nanoTime() < deadline, "offer within 10 s");
            poll();
        }
    }

    int poll()
    {
        return egress.poll(assembler, 256);
    }

    void awaitUntil(final BooleanSupplier condition, final String what)
    {
        awaitUntil(condition, () -> what);
    }

    void awaitUntil(final BooleanSupplier condition, final java.util.function.Supplier<String> what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, () -> "timed out waiting for: " + what.get());
            if (0 == poll())
            {
                Thread.onSpinWait();
            }
        }
    }

    long refusals(final RejectReason reason)
    {
        return refusals.stream().filter(r -> r.reason() == reason).count();
    }

    private void onEgress(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case RejectedDecoder.TEMPLATE_ID ->
            {
                rejected.wrapAndApplyHeader(buffer, offset, header);
                if (rejected.ringSequence() < 0)
                {
                    refusals.add(new Refusal(rejected.reason(), rejected.templateId()));
                }
            }
            case AckDecoder.TEMPLATE_ID ->
            {
                ack.wrapAndApplyHeader(buffer, offset, header);
                acks.add(new AckSeen(ack.clientId(), ack.clientSequence(), ack.nextClientSequence()));
            }
            case SessionEventDecoder.TEMPLATE_ID ->
            {
                sessionEvent.wrapAndApplyHeader(buffer, offset, header);
                sessions.add(new SessionSeen(sessionEvent.correlationId(), sessionEvent.clientId(),
                    sessionEvent.sessionId(), sessionEvent.code(), sessionEvent.nextClientSequence()));
            }
            default ->
            {
            }
        }
    }

    public void close()
    {
        CloseHelper.closeAll(ingress, egress, aeron);
    }
}
