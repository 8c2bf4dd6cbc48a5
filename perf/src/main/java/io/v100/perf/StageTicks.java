package io.v100.perf;

import io.v100.core.BroadcastHandler;
import io.v100.core.BroadcastHandlers;
import io.v100.core.BroadcastTick;
import io.v100.core.EgressProxy;
import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;

import java.nio.file.Path;

/**
 * The five handlers split into five one-handler ticks, for the staged layout and the baselines that run one
 * handler per thread or per service.
 * <p>
 * Each stage is a {@link BroadcastTick} over one handler and its own {@link EgressProxy}: the handlers share no
 * state, so splitting them changes where they run, not what they compute. Only the first stage journals, so the
 * work per input is the fused tick's: one journal append, then the five handlers in order. Every stage validates
 * the frame for its own decoder (a few tens of ns), which the fused tick does once.
 */
public final class StageTicks implements AutoCloseable
{
    /** Handlers, and so stages, per input. */
    public static final int STAGES = 5;

    private final BroadcastTick[] ticks = new BroadcastTick[STAGES];
    private final CountingSink[] sinks = new CountingSink[STAGES];
    private final InputJournal journal;

    /**
     * @param journalDir directory for the first stage's journal; null for none.
     */
    public StageTicks(final Path journalDir)
    {
        journal = null == journalDir ? null : new InputJournal(new JournalContext().directory(journalDir));
        for (int i = 0; i < STAGES; i++)
        {
            sinks[i] = new CountingSink();
            final EgressProxy egress = new EgressProxy(sinks[i]);
            final BroadcastHandler handler = BroadcastHandlers.withDefaults(egress).inTickOrder()[i];
            ticks[i] = new BroadcastTick(0 == i ? journal : null, egress, handler);
        }
    }

    /**
     * @param stage 0..4, in tick order.
     * @return that stage's tick.
     */
    public BroadcastTick tick(final int stage)
    {
        return ticks[stage];
    }

    /**
     * @return the last stage, whose latency histogram measures the whole pipeline.
     */
    public BroadcastTick last()
    {
        return ticks[STAGES - 1];
    }

    /**
     * @return egress messages of all stages.
     */
    public long egressMessages()
    {
        long total = 0;
        for (final CountingSink sink : sinks)
        {
            total += sink.messages();
        }
        return total;
    }

    public void close()
    {
        if (null != journal)
        {
            journal.close();
        }
    }
}
