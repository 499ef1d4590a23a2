package org.quantstream.feed.binance.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickView;

/**
 * A bounded single-producer single-consumer ring of ticks in primitive columns: the I/O thread
 * offers decoded ticks, the consumer thread polls them. Neither side allocates or locks; ordered
 * writes of the head and tail counters publish the slots (after Agrona's one-to-one ring buffer).
 * Capacity is a power of two.
 */
public final class TickRing {
    private static final Side[] SIDES = Side.values();

    private final int mask;
    private final Symbol[] symbol;
    private final long[] eventTime;
    private final long[] receiveTime;
    private final long[] tradeId;
    private final double[] price;
    private final double[] quantity;
    private final byte[] side;
    private final AtomicLong head = new AtomicLong(); // next slot to read
    private final AtomicLong tail = new AtomicLong(); // next slot to write

    /**
     * Creates the ring.
     *
     * @param capacity slots, rounded up to a power of two, at least 2
     */
    public TickRing(int capacity) {
        int c = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        mask = c - 1;
        symbol = new Symbol[c];
        eventTime = new long[c];
        receiveTime = new long[c];
        tradeId = new long[c];
        price = new double[c];
        quantity = new double[c];
        side = new byte[c];
    }

    /**
     * Offers a tick (producer thread).
     *
     * @param t the tick
     * @return false when full
     */
    public boolean offer(TickView t) {
        long tl = tail.get();
        if (tl - head.get() > mask) {
            return false;
        }
        int i = (int) (tl & mask);
        symbol[i] = t.symbol();
        eventTime[i] = t.eventTimeNanos();
        receiveTime[i] = t.receiveTimeNanos();
        tradeId[i] = t.tradeId();
        price[i] = t.price();
        quantity[i] = t.quantity();
        side[i] = (byte) t.aggressor().ordinal();
        tail.lazySet(tl + 1);
        return true;
    }

    /**
     * Takes the oldest tick (consumer thread).
     *
     * @param into filled with it
     * @return false when empty
     */
    public boolean poll(MutableTick into) {
        long h = head.get();
        if (h == tail.get()) {
            return false;
        }
        int i = (int) (h & mask);
        into.set(
                symbol[i],
                eventTime[i],
                receiveTime[i],
                tradeId[i],
                price[i],
                quantity[i],
                SIDES[side[i]]);
        head.lazySet(h + 1);
        return true;
    }

    /**
     * Ticks waiting.
     *
     * @return the count (approximate while both sides run)
     */
    public int size() {
        return (int) (tail.get() - head.get());
    }

    /**
     * The number of slots.
     *
     * @return the capacity
     */
    public int capacity() {
        return mask + 1;
    }
}
