package io.v100.core.deepfake;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.sbe.AlertState;
import io.v100.sbe.DeepfakeAlertDecoder;
import io.v100.sbe.DetectorScoreDecoder;
import io.v100.sbe.DetectorScoreEncoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepfakeHandlerTest
{
    private static final long FRAME_PTS = 3600L;
    private static final long BASE_NS = 1_700_000_000_000_000_000L;

    private final UnsafeBuffer inBuffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final DetectorScoreEncoder scoreEncoder = new DetectorScoreEncoder();
    private final DetectorScoreDecoder scoreDecoder = new DetectorScoreDecoder();
    private final DeepfakeAlertDecoder alertDecoder = new DeepfakeAlertDecoder();

    private final RecordingEgressSink sink = new RecordingEgressSink();
    private final EgressProxy egress = new EgressProxy(sink);
    private final DeepfakeHandler handler = new DeepfakeHandler(new DeepfakeContext(), egress);
    private long sequence;

    @Test
    void shouldRaiseExactlyAtTheHandWorkedSample()
    {
        // Reference r = mu0 + k = 0.25. By hand: S = 0.5, 0.75, 1.5, 1.25, 1.75, 2.5 -> first S > 2 at index 5.
        final float[] scores = { 0.75f, 0.5f, 1.0f, 0.0f, 0.75f, 1.0f, 1.0f };
        final double[] handWorked = { 0.5, 0.75, 1.5, 1.25, 1.75, 2.5 };

        final double reference = DeepfakeContext.IN_CONTROL_MEAN_DEFAULT + DeepfakeContext.ALLOWANCE_DEFAULT;
        double s = 0.0;
        int expectedIndex = -1;
        for (int i = 0; i < scores.length && expectedIndex < 0; i++)
        {
            s = Math.max(0.0, s + scores[i] - reference);
            assertEquals(handWorked[i], s, 1e-9);
            if (s > DeepfakeContext.THRESHOLD_DEFAULT)
            {
                expectedIndex = i;
            }
        }
        assertEquals(5, expectedIndex);

        for (int i = 0; i < scores.length; i++)
        {
            feed(3, FRAME_PTS * i, scores[i]);
            assertEquals(i >= expectedIndex ? 1 : 0, sink.size(), "alerts after sample " + i);
        }

        assertAlert(0, 3, AlertState.RAISED, FRAME_PTS * expectedIndex, 2.5);
        assertEquals(expectedIndex, sequenceOf(0));
        assertTrue(handler.isRaised(3));
        assertEquals(1, handler.alertsRaised());
    }

    @Test
    void shouldClearAfterTheHandWorkedNumberOfNormalSamples()
    {
        for (int i = 0; i < 4; i++)
        {
            feed(0, i, 1.0f);
        }
        assertTrue(handler.isRaised(0));

        // C grows by r - x = 0.25 - 0.1 = 0.15 per sample: 13 * 0.15 = 1.95, 14 * 0.15 = 2.1 > h_clear.
        final int expectedClearSample = (int)Math.floor(DeepfakeContext.CLEAR_THRESHOLD_DEFAULT / 0.15) + 1;
        assertEquals(14, expectedClearSample);
        for (int i = 1; i < expectedClearSample; i++)
        {
            feed(0, 100 + i, 0.1f);
            assertTrue(handler.isRaised(0));
        }
        feed(0, 100 + expectedClearSample, 0.1f);

        assertFalse(handler.isRaised(0));
        assertEquals(2, sink.size());
        assertAlert(1, 0, AlertState.CLEARED, 100 + expectedClearSample, 14 * (0.25 - 0.1f));
        assertEquals(1, handler.alertsCleared());
    }

    @Test
    void shouldRaiseNoAlertOnInControlNoise()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++)
        {
            feed(1, i * FRAME_PTS, (float)(0.1 + (random.nextDouble() * 0.1 - 0.05)));
        }

        assertEquals(0, sink.size());
        assertEquals(0, handler.alertsRaised());
        assertFalse(handler.isRaised(1));
    }

    @Test
    void shouldRaiseOnManipulatedIntervalAndClearAfterReturnToNormal()
    {
        final SplittableRandom random = new SplittableRandom(7);
        int sample = 0;
        for (; sample < 1_000; sample++)
        {
            feed(2, sample * FRAME_PTS, (float)(0.1 + (random.nextDouble() * 0.1 - 0.05)));
        }
        assertEquals(0, sink.size());

        final int manipulatedStart = sample;
        for (; sample < manipulatedStart + 200; sample++)
        {
            feed(2, sample * FRAME_PTS, (float)(0.8 + (random.nextDouble() * 0.1 - 0.05)));
        }
        assertEquals(1, sink.size());
        // Increments of x - 0.25 lie in [0.5, 0.6]: S first exceeds 2.0 on the 4th or 5th manipulated sample.
        final long raisedSample = alertPts(0) / FRAME_PTS;
        assertTrue(raisedSample >= manipulatedStart + 3 && raisedSample <= manipulatedStart + 4, "at " + raisedSample);
        assertAlertState(0, AlertState.RAISED);

        final int normalStart = sample;
        for (; sample < normalStart + 200; sample++)
        {
            feed(2, sample * FRAME_PTS, (float)(0.1 + (random.nextDouble() * 0.1 - 0.05)));
        }
        assertEquals(2, sink.size());
        // Increments of 0.25 - x lie in [0.1, 0.2]: C first exceeds 2.0 between the 11th and 21st normal sample.
        final long clearedSample = alertPts(1) / FRAME_PTS;
        assertTrue(clearedSample >= normalStart + 10 && clearedSample <= normalStart + 20, "at " + clearedSample);
        assertAlertState(1, AlertState.CLEARED);
        assertFalse(handler.isRaised(2));
    }

    @Test
    void shouldKeepCamerasIndependent()
    {
        for (int i = 0; i < 10; i++)
        {
            feed(5, i, 0.9f);
            feed(6, i, 0.1f);
        }

        assertTrue(handler.isRaised(5));
        assertFalse(handler.isRaised(6));
        assertEquals(1, sink.size());
        assertAlert(0, 5, AlertState.RAISED, 3, 4 * (0.9f - 0.25));

        for (int i = 0; i < 3; i++)
        {
            feed(6, 20 + i, 1.0f);
        }
        assertTrue(handler.isRaised(6));
        assertEquals(2, sink.size());
        assertAlert(1, 6, AlertState.RAISED, 22, 2.25);
    }

    @Test
    void shouldIgnoreAndCountInvalidScores()
    {
        feed(0, 0, 0.9f);
        feed(0, 1, Float.NaN);
        feed(0, 2, 1.5f);
        feed(0, 3, -0.1f);
        feed(0, 4, Float.POSITIVE_INFINITY);
        feed(0, 5, 0.9f);
        feed(0, 6, 0.9f);
        assertEquals(4, handler.invalidScores());
        assertEquals(0, sink.size());

        feed(0, 7, 0.9f);
        assertEquals(1, sink.size());
        assertAlert(0, 0, AlertState.RAISED, 7, 4 * (0.9f - 0.25));
    }

    @Test
    void shouldIgnoreUnknownCameras()
    {
        feed(DeepfakeContext.MAX_CAMERAS, 0, 1.0f);
        feed(255, 1, 1.0f);

        assertEquals(2, handler.unknownCameras());
        assertEquals(0, sink.size());
        assertFalse(handler.isRaised(DeepfakeContext.MAX_CAMERAS));
        assertFalse(handler.isRaised(-1));
    }

    @Test
    void shouldProduceIdenticalEgressForIdenticalInputs()
    {
        final byte[] first = runScript();
        final byte[] second = runScript();

        assertTrue(first.length > 0);
        assertArrayEquals(first, second);
    }

    private byte[] runScript()
    {
        final RecordingEgressSink scriptSink = new RecordingEgressSink();
        final EgressProxy scriptEgress = new EgressProxy(scriptSink);
        final DeepfakeHandler scriptHandler = new DeepfakeHandler(new DeepfakeContext(), scriptEgress);
        final SplittableRandom random = new SplittableRandom(2024);
        for (int i = 0; i < 5_000; i++)
        {
            final int camera = random.nextInt(4);
            final boolean manipulated = (i / 500) % 2 == 1 && camera == (i / 1000) % 4;
            final float score = manipulated ?
                (float)(0.5 + random.nextDouble() * 0.5) : (float)(random.nextDouble() * 0.3);
            scriptEgress.beginTick(i, BASE_NS + i * 1_000_000L);
            scoreEncoder.wrapAndApplyHeader(inBuffer, 0, headerEncoder)
                .clientId(1).clientSequence(i).timestampNs(BASE_NS + i * 1_000_000L)
                .cameraId((short)camera).pts(i * FRAME_PTS).score(score);
            scoreDecoder.wrapAndApplyHeader(inBuffer, 0, headerDecoder);
            scriptHandler.onTime(BASE_NS + i * 1_000_000L);
            scriptHandler.onDetectorScore(scoreDecoder);
        }
        assertTrue(scriptHandler.alertsRaised() > 0);
        final int length = scriptSink.size() == 0 ? 0 :
            scriptSink.offset(scriptSink.size() - 1) + scriptSink.length(scriptSink.size() - 1);
        final byte[] bytes = new byte[length];
        scriptSink.buffer().getBytes(0, bytes);
        return bytes;
    }

    private void feed(final int cameraId, final long pts, final float score)
    {
        final long nowNs = BASE_NS + sequence * 1_000_000L;
        egress.beginTick(sequence, nowNs);
        scoreEncoder.wrapAndApplyHeader(inBuffer, 0, headerEncoder)
            .clientId(1)
            .clientSequence(sequence)
            .timestampNs(nowNs)
            .cameraId((short)cameraId)
            .pts(pts)
            .score(score);
        scoreDecoder.wrapAndApplyHeader(inBuffer, 0, headerDecoder);
        handler.onTime(nowNs);
        handler.onDetectorScore(scoreDecoder);
        sequence++;
    }

    private DeepfakeAlertDecoder alert(final int index)
    {
        assertEquals(DeepfakeAlertDecoder.TEMPLATE_ID, sink.templateId(index));
        return alertDecoder.wrapAndApplyHeader(sink.buffer(), sink.offset(index), headerDecoder);
    }

    private long sequenceOf(final int index)
    {
        return alert(index).ringSequence();
    }

    private long alertPts(final int index)
    {
        return alert(index).pts();
    }

    private void assertAlertState(final int index, final AlertState state)
    {
        assertEquals(state, alert(index).state());
    }

    private void assertAlert(
        final int index, final int cameraId, final AlertState state, final long pts, final double statistic)
    {
        final DeepfakeAlertDecoder decoder = alert(index);
        assertEquals(cameraId, decoder.cameraId());
        assertEquals(state, decoder.state());
        assertEquals(pts, decoder.pts());
        assertEquals(statistic, decoder.statistic(), 1e-5);
    }
}
