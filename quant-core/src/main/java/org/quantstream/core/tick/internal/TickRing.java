package org.quantstream.core.tick.internal;

import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickView;

/**
 * A bounded single-producer single-consumer ring of ticks in primitive columns: the I/O thread
 * offers decoded ticks, the consumer thread polls them. Neither side allocates or locks (see {@link
 * RingSequence}). Capacity is a power of two.
 */
public final class TickRing {
    private static final Side[] SIDES = Side.values();

    private final RingSequence seq;
    private final Symbol[] symbol;
    private final long[] eventTime;
    private final long[] receiveTime;
    private final long[] tradeId;
    private final double[] price;
    private final double[] quantity;
    private final byte[] side;

    /**
     * Creates the ring.
     *
     * @param capacity slots, rounded up to a power of two, at least 2
     */
    public TickRing(int capacity) {
        seq = new RingSequence(capacity);
        int c = seq.capacity();
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
        long tl = seq.claim();
        if (tl < 0) {
            return false;
        }
        int i = seq.index(tl);
        symbol[i] = t.symbol();
        eventTime[i] = t.eventTimeNanos();
        receiveTime[i] = t.receiveTimeNanos();
        tradeId[i] = t.tradeId();
        price[i] = t.price();
        quantity[i] = t.quantity();
        side[i] = (byte) t.aggressor().ordinal();
        seq.publish(tl);
        return true;
    }

    /**
     * Takes the oldest tick (consumer thread).
     *
     * @param into filled with it
     * @return false when empty
     */
    public boolean poll(MutableTick into) {
        long h = seq.next();
        if (h < 0) {
            return false;
        }
        int i = seq.index(h);
        into.set(
                symbol[i],
                eventTime[i],
                receiveTime[i],
                tradeId[i],
                price[i],
                quantity[i],
                SIDES[side[i]]);
        seq.release(h);
        return true;
    }

    /**
     * Ticks waiting.
     *
     * @return the count (approximate while both sides run)
     */
    public int size() {
        return seq.size();
    }

    /**
     * Whether fewer than {@code room} slots are free (producer thread; reads the consumer's
     * position only when its cached copy says so).
     *
     * @param room free slots wanted
     * @return true when fewer are free
     */
    public boolean nearlyFull(int room) {
        return seq.nearlyFull(room);
    }

    /**
     * The waiting items as the consumer last saw them (consumer thread; no read of the producer's
     * position).
     *
     * @return the count
     */
    public int backlogSeen() {
        return seq.backlogSeen();
    }

    /**
     * The number of slots.
     *
     * @return the capacity
     */
    public int capacity() {
        return seq.capacity();
    }
}
