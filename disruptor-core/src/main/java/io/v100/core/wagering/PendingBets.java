package io.v100.core.wagering;

import io.v100.sbe.MarketType;
import io.v100.sbe.Selection;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * First-in first-out ring of bets held inside their bet delay, in preallocated primitive arrays.
 * <p>
 * Every bet is held for the same delay from its hold time, and hold times never go backwards (they are the tick's
 * event time, see {@link WageringHandler}), so placement order is also expiry order: the head is always the next
 * bet to settle and settling never has to search. Allocation-free after construction; not thread-safe.
 * <p>
 * Snapshot entry layout, little-endian, {@link #ENTRY_LENGTH} bytes per bet, head first: betId int64,
 * accountId int64, market uint8 (MarketType raw), selection uint8 (Selection raw), stakeMinor int64 (minor
 * units), oddsTaken int32 (thousandths), heldAtNs int64 (ns since the Unix epoch), epoch int64.
 */
final class PendingBets
{
    /**
     * Bytes one bet takes in a snapshot.
     */
    static final int ENTRY_LENGTH = 8 + 8 + 1 + 1 + 8 + 4 + 8 + 8;

    private final long[] betId;
    private final long[] accountId;
    private final byte[] market;
    private final byte[] selection;
    private final long[] stakeMinor;
    private final int[] oddsTaken;
    private final long[] heldAtNs;
    private final long[] epoch;
    private final int capacity;
    private int head;
    private int size;

    /**
     * @param capacity largest number of bets held at once, &gt;= 1.
     */
    PendingBets(final int capacity)
    {
        this.capacity = capacity;
        betId = new long[capacity];
        accountId = new long[capacity];
        market = new byte[capacity];
        selection = new byte[capacity];
        stakeMinor = new long[capacity];
        oddsTaken = new int[capacity];
        heldAtNs = new long[capacity];
        epoch = new long[capacity];
    }

    boolean isFull()
    {
        return size == capacity;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    int size()
    {
        return size;
    }

    /**
     * Append a bet at the tail. The caller checks {@link #isFull()} first.
     *
     * @param marketRaw    raw value of the MarketType.
     * @param selectionRaw raw value of the Selection.
     * @param heldAtNs     event time the hold started, ns; not before the previous bet's.
     * @param epoch        material-event epoch at placement.
     */
    void add(
        final long betId,
        final long accountId,
        final short marketRaw,
        final short selectionRaw,
        final long stakeMinor,
        final int oddsTaken,
        final long heldAtNs,
        final long epoch)
    {
        final int i = index(size);
        this.betId[i] = betId;
        this.accountId[i] = accountId;
        this.market[i] = (byte)marketRaw;
        this.selection[i] = (byte)selectionRaw;
        this.stakeMinor[i] = stakeMinor;
        this.oddsTaken[i] = oddsTaken;
        this.heldAtNs[i] = heldAtNs;
        this.epoch[i] = epoch;
        size++;
    }

    /**
     * Drop the head bet. The caller checks {@link #isEmpty()} first.
     */
    void removeHead()
    {
        head = index(1);
        size--;
    }

    long headBetId()
    {
        return betId[head];
    }

    long headAccountId()
    {
        return accountId[head];
    }

    short headMarketRaw()
    {
        return market[head];
    }

    short headSelectionRaw()
    {
        return selection[head];
    }

    long headStakeMinor()
    {
        return stakeMinor[head];
    }

    int headOddsTaken()
    {
        return oddsTaken[head];
    }

    long headHeldAtNs()
    {
        return heldAtNs[head];
    }

    long headEpoch()
    {
        return epoch[head];
    }

    /**
     * @return largest number of bets held at once.
     */
    int capacity()
    {
        return capacity;
    }

    /**
     * Write every held bet, head first, in the entry layout of the class description.
     *
     * @param buffer to write into; the caller has checked that {@code size() * ENTRY_LENGTH} bytes fit.
     * @param offset of the first entry.
     * @return bytes written: {@code size() * ENTRY_LENGTH}.
     */
    int writeSnapshot(final MutableDirectBuffer buffer, final int offset)
    {
        int cursor = offset;
        for (int n = 0; n < size; n++)
        {
            final int i = index(n);
            buffer.putLong(cursor, betId[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(cursor + 8, accountId[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putByte(cursor + 16, market[i]);
            buffer.putByte(cursor + 17, selection[i]);
            buffer.putLong(cursor + 18, stakeMinor[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(cursor + 26, oddsTaken[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(cursor + 30, heldAtNs[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(cursor + 38, epoch[i], ByteOrder.LITTLE_ENDIAN);
            cursor += ENTRY_LENGTH;
        }
        return cursor - offset;
    }

    /**
     * Check, without changing anything, that {@code count} entries can be loaded: the count fits the capacity and
     * every entry names a selection of its market, so that settling them later cannot throw.
     *
     * @param buffer holding the entries.
     * @param offset of the first entry.
     * @param count  number of entries.
     * @throws IllegalArgumentException naming the first problem.
     */
    void validateSnapshot(final DirectBuffer buffer, final int offset, final int count)
    {
        if (count < 0 || count > capacity)
        {
            throw new IllegalArgumentException("pending bet count " + count + " outside [0, " + capacity + "]");
        }
        long previousHeldAtNs = Long.MIN_VALUE;
        for (int n = 0; n < count; n++)
        {
            final int cursor = offset + n * ENTRY_LENGTH;
            final MarketType marketType = MarketType.get((short)(buffer.getByte(cursor + 16) & 0xFF));
            final Selection selectionType = Selection.get((short)(buffer.getByte(cursor + 17) & 0xFF));
            if (InPlayPricer.selectionIndex(marketType, selectionType) < 0)
            {
                throw new IllegalArgumentException("pending bet " + n + " has no valid market and selection");
            }
            final long held = buffer.getLong(cursor + 30, ByteOrder.LITTLE_ENDIAN);
            if (held < previousHeldAtNs)
            {
                throw new IllegalArgumentException("pending bet " + n + " is out of hold order");
            }
            previousHeldAtNs = held;
        }
    }

    /**
     * Replace the content with {@code count} entries written by {@link #writeSnapshot}, head first. The caller
     * has called {@link #validateSnapshot} on the same bytes.
     *
     * @param buffer holding the entries.
     * @param offset of the first entry.
     * @param count  number of entries, in [0, capacity].
     */
    void loadSnapshot(final DirectBuffer buffer, final int offset, final int count)
    {
        head = 0;
        size = 0;
        for (int n = 0; n < count; n++)
        {
            final int cursor = offset + n * ENTRY_LENGTH;
            add(
                buffer.getLong(cursor, ByteOrder.LITTLE_ENDIAN),
                buffer.getLong(cursor + 8, ByteOrder.LITTLE_ENDIAN),
                (short)(buffer.getByte(cursor + 16) & 0xFF),
                (short)(buffer.getByte(cursor + 17) & 0xFF),
                buffer.getLong(cursor + 18, ByteOrder.LITTLE_ENDIAN),
                buffer.getInt(cursor + 26, ByteOrder.LITTLE_ENDIAN),
                buffer.getLong(cursor + 30, ByteOrder.LITTLE_ENDIAN),
                buffer.getLong(cursor + 38, ByteOrder.LITTLE_ENDIAN));
        }
    }

    private int index(final int offset)
    {
        final int i = head + offset;
        return i >= capacity ? i - capacity : i;
    }
}
