package io.v100.core.wagering;

/**
 * First-in first-out ring of bets held inside their bet delay, in preallocated primitive arrays.
 * <p>
 * Every bet is held for the same delay from its hold time, and hold times never go backwards (they are the tick's
 * event time, see {@link WageringHandler}), so placement order is also expiry order: the head is always the next
 * bet to settle and settling never has to search. Allocation-free after construction; not thread-safe.
 */
final class PendingBets
{
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

    private int index(final int offset)
    {
        final int i = head + offset;
        return i >= capacity ? i - capacity : i;
    }
}
