package org.quantstream.core.tick.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of a bounded single-producer single-consumer ring whose slots live in the owner's
 * primitive columns: the producer claims a slot, fills it and publishes it; the consumer takes the
 * oldest, reads it and releases it. Neither side allocates or locks; ordered writes of the head and
 * tail publish the slots (after Agrona's one-to-one ring buffer). Capacity is a power of two.
 */
final class RingSequence {
    private final int mask;
    private final AtomicLong head = new AtomicLong(); // next slot to read
    private final AtomicLong tail = new AtomicLong(); // next slot to write

    /**
     * Creates the counters.
     *
     * @param capacity slots, rounded up to a power of two, at least 2
     */
    RingSequence(int capacity) {
        mask = (Integer.highestOneBit(Math.max(2, capacity - 1)) << 1) - 1;
    }

    /** The number of slots. */
    int capacity() {
        return mask + 1;
    }

    /** The slot's index in the columns. */
    int index(long sequence) {
        return (int) (sequence & mask);
    }

    /** Producer: the sequence of a free slot, or -1 when full. */
    long claim() {
        long t = tail.get();
        return t - head.get() > mask ? -1 : t;
    }

    /** Producer: makes a claimed and filled slot visible to the consumer. */
    void publish(long sequence) {
        tail.lazySet(sequence + 1);
    }

    /** Consumer: the sequence of the oldest filled slot, or -1 when empty. */
    long next() {
        long h = head.get();
        return h == tail.get() ? -1 : h;
    }

    /** Consumer: gives a read slot back to the producer. */
    void release(long sequence) {
        head.lazySet(sequence + 1);
    }

    /** Filled slots (approximate while both sides run). */
    int size() {
        return (int) (tail.get() - head.get());
    }
}
