package io.v100.core;

import io.v100.journal.EgressJournal;
import io.v100.journal.EgressJournalReader;
import io.v100.journal.JournalContext;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.CameraSignalEncoder;
import io.v100.sbe.CutReason;
import io.v100.sbe.DirectorCutDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.ShotType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rule for a handler that throws mid-tick: the failed input's output is discarded whole. Nothing of it reaches
 * the egress journal, and the next tick's document holds only the next input's messages.
 */
class HandlerFailureTickTest
{
    private static final long NOW_NS = 1_537_713_000_000_000_000L;

    @TempDir
    Path dir;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RingEvent.FRAME_CAPACITY]);
    private final RingEvent event = new RingEvent();

    /**
     * Emits a director cut naming the camera of every camera signal, then throws on camera 2.
     */
    static final class EmitThenThrow implements BroadcastHandler
    {
        private final EgressProxy egress;

        EmitThenThrow(final EgressProxy egress)
        {
            this.egress = egress;
        }

        public void onCameraSignal(final CameraSignalDecoder signal)
        {
            egress.directorCut(signal.cameraId(), ShotType.WIDE, CutReason.SALIENCY);
            if (2 == signal.cameraId())
            {
                throw new IllegalStateException("test handler fails after emitting");
            }
        }
    }

    @Test
    void shouldDiscardTheFailedInputsOutputAndKeepTheNextTickClean() throws Exception
    {
        final JournalContext context = new JournalContext().directory(dir.resolve("egress"));
        final BroadcastTick tick;
        try (EgressJournal journal = new EgressJournal(context))
        {
            final RecordingEgressSink downstream = new RecordingEgressSink();
            final EgressProxy egress = new EgressProxy(new JournaledEgressSink(journal, downstream));
            tick = new BroadcastTick(null, egress, new EmitThenThrow(egress));

            send(tick, 0, 1);
            send(tick, 1, 2);
            send(tick, 2, 3);

            assertEquals(1, tick.handlerErrors());
            assertEquals(List.of(1, 3), cameras(downstream), "published: the failed tick sends nothing");
        }

        final List<String> ticks = new ArrayList<>();
        try (EgressJournalReader reader = new EgressJournalReader(context, EgressProxy.MAX_MESSAGE_LENGTH))
        {
            final DirectorCutDecoder cut = new DirectorCutDecoder();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            while (reader.readTick((index, ringSequence, position, message) ->
            {
                cut.wrapAndApplyHeader(message, 0, header);
                ticks.add("ring " + ringSequence + " position " + position + " camera " + cut.cameraId());
            }) >= 0)
            {
                Thread.onSpinWait();
            }
        }
        assertEquals(List.of("ring 0 position 0 camera 1", "ring 2 position 0 camera 3"), ticks,
            "journal: no document for the failed input, and the next document holds only its own message");
    }

    private static List<Integer> cameras(final RecordingEgressSink sink)
    {
        final List<Integer> cameras = new ArrayList<>();
        final DirectorCutDecoder cut = new DirectorCutDecoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (int i = 0; i < sink.size(); i++)
        {
            cameras.add((int)cut.wrapAndApplyHeader(sink.buffer(), sink.offset(i), header).cameraId());
        }
        return cameras;
    }

    private void send(final BroadcastTick tick, final long sequence, final int cameraId) throws Exception
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new CameraSignalEncoder()
            .wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .clientId(1).clientSequence(sequence + 1).timestampNs(NOW_NS + sequence)
            .cameraId((short)cameraId).framingScore(0.5f).saliencyScore(0.5f)
            .encodedLength();
        event.set(frame, 0, length, System.nanoTime(), 0);
        tick.onEvent(event, sequence, true);
    }
}
