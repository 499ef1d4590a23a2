package org.quantstream.core.tick.internal;

import org.quantstream.core.tick.MutableQuote;
import org.quantstream.core.tick.QuoteView;
import org.quantstream.core.tick.Symbol;

/**
 * A bounded single-producer single-consumer ring of quotes in primitive columns: the I/O thread
 * offers decoded book tickers, the consumer thread polls them. Neither side allocates or locks (see
 * {@link RingSequence}). Capacity is a power of two.
 */
public final class QuoteRing {
    private final RingSequence seq;
    private final Symbol[] symbol;
    private final long[] eventTime;
    private final long[] receiveTime;
    private final long[] updateId;
    private final double[] bid;
    private final double[] bidQty;
    private final double[] ask;
    private final double[] askQty;

    /**
     * Creates the ring.
     *
     * @param capacity slots, rounded up to a power of two, at least 2
     */
    public QuoteRing(int capacity) {
        seq = new RingSequence(capacity);
        int c = seq.capacity();
        symbol = new Symbol[c];
        eventTime = new long[c];
        receiveTime = new long[c];
        updateId = new long[c];
        bid = new double[c];
        bidQty = new double[c];
        ask = new double[c];
        askQty = new double[c];
    }

    /**
     * Offers a quote (producer thread).
     *
     * @param q the quote
     * @return false when full
     */
    public boolean offer(QuoteView q) {
        long s = seq.claim();
        if (s < 0) {
            return false;
        }
        int i = seq.index(s);
        symbol[i] = q.symbol();
        eventTime[i] = q.eventTimeNanos();
        receiveTime[i] = q.receiveTimeNanos();
        updateId[i] = q.updateId();
        bid[i] = q.bidPrice();
        bidQty[i] = q.bidQuantity();
        ask[i] = q.askPrice();
        askQty[i] = q.askQuantity();
        seq.publish(s);
        return true;
    }

    /**
     * Takes the oldest quote (consumer thread).
     *
     * @param into filled with it
     * @return false when empty
     */
    public boolean poll(MutableQuote into) {
        long s = seq.next();
        if (s < 0) {
            return false;
        }
        int i = seq.index(s);
        into.set(
                symbol[i],
                eventTime[i],
                receiveTime[i],
                updateId[i],
                bid[i],
                bidQty[i],
                ask[i],
                askQty[i]);
        seq.release(s);
        return true;
    }

    /**
     * Quotes waiting.
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
