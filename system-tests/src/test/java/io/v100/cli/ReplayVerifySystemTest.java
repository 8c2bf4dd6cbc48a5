package io.v100.cli;

import io.v100.core.RingEvent;
import io.v100.journal.EgressJournalReader;
import io.v100.journal.JournalContext;
import io.v100.journal.JournalReader;
import io.v100.journal.JournalRetention;
import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.BetResultDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay --verify} on the demo's journal reproduces the recorded egress exactly. Flipping one byte of one
 * journaled input, in the journal file itself, fails that entry's CRC-32C: replay stops there and names it.
 * Flipping one byte of one recorded egress message makes {@code --verify} fail and name the first difference.
 */
@Tag("slow")
@Timeout(300)
class ReplayVerifySystemTest
{
    @TempDir
    Path dir;

    @Test
    void shouldVerifyTheDemoJournalAndNameTheFirstDifferenceAfterOneFlippedByte() throws IOException
    {
        final Path out = dir.resolve("demo");
        assertEquals(0, V100Main.commandLine().execute(
            "demo", "--match", ShippedMatch.FILE.toString(), "--out", out.toString(), "--rate", "0",
            "--warmup", "0", "--wait-strategy", "SLEEPING", "--affinity", "NONE"));
        final String digest = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.resolve("summary.json").toFile()).get("egressDigest").asText();

        final Run clean = replay(out);
        assertEquals(0, clean.exit, clean.output);
        assertTrue(clean.output.contains("verify: identical"), clean.output);
        assertTrue(clean.output.contains("egressDigest " + digest), "replay reproduces the run's digest");

        final byte[] frame = firstBetRequest(out.resolve("journal"));
        final int stakeOffset = MessageHeaderDecoder.ENCODED_LENGTH + BetRequestDecoder.stakeMinorEncodingOffset();
        final List<Path> files = JournalRetention.cycleFiles(out.resolve("journal"));
        assertEquals(1, files.size());
        final byte[] journal = Files.readAllBytes(files.get(0));
        final int at = indexOf(journal, frame);
        assertTrue(at > 0, "the frame's bytes are in the journal file");
        assertEquals(-1, indexOf(journal, frame, at + 1), "and only once");
        final byte[] original = journal.clone();
        journal[at + stakeOffset + 1] ^= 0x01;
        Files.write(files.get(0), journal);

        // The entry's CRC-32C no longer matches: replay stops there and says so, rather than replaying a changed input.
        final Run tampered = replay(out);
        assertEquals(1, tampered.exit, tampered.output);
        assertTrue(tampered.output.contains("input journal damaged at index"), tampered.output);
        assertTrue(tampered.output.contains("(CRC-32C mismatch): replay stopped at ring sequence"), tampered.output);
        Files.write(files.get(0), original);

        // A changed byte in the RECORDED egress (which carries no checksum of its own) is what --verify finds.
        final byte[] result = firstMessage(out.resolve("egress"), BetResultDecoder.TEMPLATE_ID);
        final List<Path> egressFiles = JournalRetention.cycleFiles(out.resolve("egress"));
        assertEquals(1, egressFiles.size());
        final byte[] egress = Files.readAllBytes(egressFiles.get(0));
        final int resultAt = indexOf(egress, result);
        assertTrue(resultAt > 0, "the BetResult's bytes are in the egress journal file");
        egress[resultAt + MessageHeaderDecoder.ENCODED_LENGTH + BetResultDecoder.stakeMinorEncodingOffset() + 1] ^= 0x01;
        Files.write(egressFiles.get(0), egress);

        final Run different = replay(out);
        assertEquals(1, different.exit, different.output);
        assertTrue(different.output.contains("verify: DIFFERENT"), different.output);
        assertTrue(different.output.contains("BetResult.stakeMinor"), different.output);
        System.out.print(tampered.output);
        System.out.print(different.output);
    }

    private static byte[] firstMessage(final Path egress, final int templateId)
    {
        final byte[][] found = { null };
        try (EgressJournalReader reader = new EgressJournalReader(new JournalContext().directory(egress), 64 * 1024))
        {
            while (null == found[0] && reader.readTick((index, ringSequence, position, message) ->
            {
                if (null == found[0] && (message.getShort(2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == templateId)
                {
                    found[0] = new byte[message.capacity()];
                    message.getBytes(0, found[0]);
                }
            }) >= 0)
            {
                Thread.onSpinWait();
            }
        }
        return found[0];
    }

    private record Run(int exit, String output)
    {
    }

    private static Run replay(final Path out)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream previous = System.out;
        final int exit;
        try
        {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exit = V100Main.commandLine().execute("replay", "--journal", out.toString(), "--verify");
        }
        finally
        {
            System.setOut(previous);
        }
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private static byte[] firstBetRequest(final Path journal)
    {
        final byte[][] found = { null };
        try (JournalReader reader = new JournalReader(new JournalContext().directory(journal), RingEvent.FRAME_CAPACITY))
        {
            while (null == found[0] && reader.read((index, ringSequence, receivedNs, frame, frameLength) ->
            {
                if ((frame.getShort(2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == BetRequestDecoder.TEMPLATE_ID)
                {
                    found[0] = new byte[frame.capacity()];
                    frame.getBytes(0, found[0]);
                }
            }))
            {
                Thread.onSpinWait();
            }
        }
        return found[0];
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(final byte[] haystack, final byte[] needle, final int from)
    {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
