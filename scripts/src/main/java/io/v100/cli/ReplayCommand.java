package io.v100.cli;

import io.v100.client.EgressTally;
import io.v100.core.BroadcastHandlers;
import io.v100.core.BroadcastTick;
import io.v100.core.EgressProxy;
import io.v100.core.RingEvent;
import io.v100.journal.EgressJournalReader;
import io.v100.journal.JournalContext;
import io.v100.journal.JournalReader;
import io.v100.tools.EgressVerifier;
import io.v100.tools.SchemaIr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code v100 replay}: the input journal through a fresh ring tick, no network, reproducing the egress.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Replay a journal through fresh handlers and reproduce the egress, with no network.",
        "Prints the counts, the egress digest (equal to the run's egressDigest when the whole journal is",
        "replayed) and the replay rate. With --verify it compares every reproduced egress message with the",
        "recorded egress journal and names the first difference (index, ring sequence, message, field).",
        "Exit code: 0 only when everything compared is identical; 1 on a difference; 2 on bad arguments." })
public final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--journal", paramLabel = "DIR", required = true,
        description = "The run's data directory (holding journal/ and egress/), or its input journal directory " +
            "(the egress journal is then taken from ../egress).")
    Path journal;

    @Option(names = "--from", paramLabel = "INDEX",
        description = "First input journal index whose egress is counted and compared. Earlier inputs still run, " +
            "silently, so the handlers have their state (default: the first entry).")
    Long from;

    @Option(names = "--to", paramLabel = "INDEX",
        description = "Last input journal index to replay (default: the last entry).")
    Long to;

    @Option(names = "--verify", description = "Compare with the recorded egress journal; exit 1 on any difference.")
    boolean verify;

    public Integer call() throws Exception
    {
        final PrintStream out = System.out;
        final Path inputDir = Files.isDirectory(journal.resolve("journal")) ? journal.resolve("journal") : journal;
        final Path egressDir = inputDir.resolveSibling("egress");
        if (null != from && from < 0 || null != to && to < 0 || null != from && null != to && to < from)
        {
            throw new UsageException("--from " + from + " --to " + to + ": must be journal indexes, --from <= --to");
        }
        // Read-only: refuse a directory without a journal before Chronicle would create one there.
        Journals.requireJournal("--journal", inputDir);
        if (verify)
        {
            Journals.requireJournal("--verify: the recorded egress journal", egressDir);
        }

        final SchemaIr schema = SchemaIr.fromClasspath();
        final EgressTally tally = new EgressTally();
        final long startNs = System.nanoTime();
        try (JournalReader reader = new JournalReader(new JournalContext().directory(inputDir), RingEvent.FRAME_CAPACITY);
            EgressJournalReader recorded = verify ?
                new EgressJournalReader(new JournalContext().directory(egressDir), 64 * 1024) : null)
        {
            final EgressVerifier verifier = new EgressVerifier(tally, recorded, schema);
            final EgressProxy egress = new EgressProxy(verifier);
            final BroadcastTick tick = new BroadcastTick(
                null, egress, BroadcastHandlers.withDefaults(egress).inTickOrder());
            final boolean[] started = { null == from };
            final boolean[] done = { false };
            final long[] count = { 0 };
            if (started[0] && null != recorded)
            {
                recorded.seekToRingSequence(0);
            }
            verifier.inRange(started[0]);
            while (!done[0] && reader.read((index, ringSequence, receivedNs, frame, frameLength) ->
            {
                if (!started[0] && index >= from)
                {
                    started[0] = true;
                    verifier.inRange(true);
                    if (null != recorded)
                    {
                        recorded.seekToRingSequence(ringSequence);
                    }
                }
                tick.onJournaledInput(ringSequence, index, frame, frameLength, frame.capacity());
                count[0]++;
                if (null != to && index >= to)
                {
                    done[0] = true;
                }
            }))
            {
                Thread.onSpinWait();
            }
            // Session opens and closes are journal entries but not inputs: they take no ring sequence.
            final long inputs = tick.eventsJournaled();
            final long sessionEntries = count[0] - inputs;
            if (null == to)
            {
                verifier.finish();
            }

            final double seconds = (System.nanoTime() - startNs) / 1e9;
            out.printf("replayed %,d inputs in %.2f s (%,.0f inputs/s): %,d processed, %,d rejected; %,d session " +
                "opens and closes%n",
                inputs, seconds, inputs / seconds, tick.eventsProcessed(), tick.eventsRejected(), sessionEntries);
            out.printf("egress: %,d messages, %,d bet results, %,d director cuts, %,d segments closed, %,d key rotations%n",
                tally.digestedMessages(), tally.messages(io.v100.sbe.BetResultDecoder.TEMPLATE_ID),
                tally.directorCuts(), tally.segmentMessages(), tally.keyRotations());
            out.printf("egressDigest %s%n", tally.digestHex());
            final JournalReader.Damage damage = reader.damage();
            if (null != damage)
            {
                out.printf("input journal damaged at index %d (%s): replay stopped at ring sequence %,d; " +
                    "%,d journal documents from there on were not replayed%n",
                    damage.index(), damage.reason(), tick.nextRingSequence(), 1 + reader.countRemaining());
                return 1;
            }

            if (verify)
            {
                final EgressVerifier.FirstDifference difference = verifier.firstDifference();
                if (null == difference)
                {
                    out.printf("verify: identical (%,d ticks, %,d messages compared)%n",
                        verifier.ticksCompared(), verifier.messagesCompared());
                    return 0;
                }
                out.printf("verify: DIFFERENT at egress journal index %d, ring sequence %d, message %d of its tick: " +
                    "%s.%s reproduced=%s recorded=%s%n",
                    difference.egressIndex(), difference.ringSequence(), difference.position(),
                    difference.messageName(), difference.field(), difference.reproduced(), difference.recorded());
                return 1;
            }
        }
        return 0;
    }
}
