package io.v100.client;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResendBufferTest
{
    @Test
    void shouldHoldExactlyTheUnreleasedFramesThroughManyWrapsAgainstAModel()
    {
        final ResendBuffer resend = new ResendBuffer(1_000, 64);
        final ArrayDeque<byte[]> model = new ArrayDeque<>();
        final SplittableRandom random = new SplittableRandom(7);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[200]);
        long refused = 0;
        for (int step = 0; step < 200_000; step++)
        {
            if (random.nextInt(3) > 0)
            {
                final byte[] bytes = new byte[1 + random.nextInt(120)];
                random.nextBytes(bytes);
                frame.putBytes(0, bytes);
                if (resend.tryAppend(frame, 0, bytes.length))
                {
                    model.addLast(bytes);
                }
                else
                {
                    refused++;
                    assertTrue(model.stream().mapToInt(b -> b.length).sum() + bytes.length > 1_000 / 2 ||
                        model.size() >= 64, "refused only when it is genuinely short of room");
                }
            }
            else if (!model.isEmpty())
            {
                final int release = 1 + random.nextInt(model.size());
                for (int i = 0; i < release; i++)
                {
                    model.removeFirst();
                }
                resend.release(resend.firstSequence() + release - 1);
            }

            assertEquals(model.size(), resend.size());
            long sequence = resend.firstSequence();
            for (final byte[] expected : model)
            {
                final byte[] actual = new byte[resend.length(sequence)];
                resend.buffer().getBytes(resend.offset(sequence), actual);
                assertEquals(expected.length, actual.length);
                assertTrue(java.util.Arrays.equals(expected, actual), "frame " + sequence);
                sequence++;
            }
            assertEquals(resend.nextSequence(), sequence);
        }
        assertTrue(refused > 0, "the test filled the buffer");
    }

    @Test
    void shouldRefuseWhenFullAndAcceptAgainAfterARelease()
    {
        final ResendBuffer resend = new ResendBuffer(100, 16);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[40]);
        assertTrue(resend.tryAppend(frame, 0, 40));
        assertTrue(resend.tryAppend(frame, 0, 40));
        assertFalse(resend.tryAppend(frame, 0, 40));
        resend.release(1);
        assertTrue(resend.tryAppend(frame, 0, 40));
        assertEquals(2, resend.firstSequence());
        assertEquals(4, resend.nextSequence());
    }
}
