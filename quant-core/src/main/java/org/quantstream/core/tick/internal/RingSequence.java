package org.quantstream.core.tick.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters of a bounded single-producer single-consumer ring whose slots live in the owner's
 * primitive columns: the producer claims a slot, fills it and publishes it; the consumer takes the
 * oldest, reads it and releases it. Neither side allocates or locks; ordered writes of the head and
 * tail publish the slots (after Agrona's one-to-one ring buffer). Capacity is a power of two.
 *
 * <p>Each side keeps its own counter and a cached copy of the other's on cache lines of their own
 * (padding by inheritance, as the Disruptor's sequences): the producer reads the consumer's head
 * only when its copy says the ring is full, the consumer reads the tail only when it has caught up
 * with its copy. Before, both read the other's counter on every slot, and the two counters shared a
 * line, so every tick moved lines between the cores (JCTools' SPSC queue does the same caching).
 */
final class RingSequence extends RingSequenceFields {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(ConsumerSide.class, "head", long.class);
            TAIL = l.findVarHandle(ProducerSide.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Creates the counters.
     *
     * @param capacity slots, rounded up to a power of two, at least 2
     */
    RingSequence(int capacity) {
        super((Integer.highestOneBit(Math.max(2, capacity - 1)) << 1) - 1);
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
        long t = tail;
        if (t - headCache > mask) {
            headCache = (long) HEAD.getAcquire(this);
            if (t - headCache > mask) {
                return -1;
            }
        }
        return t;
    }

    /** Producer: makes a claimed and filled slot visible to the consumer. */
    void publish(long sequence) {
        TAIL.setRelease(this, sequence + 1);
    }

    /**
     * Producer: whether fewer than {@code room} slots are free. Reads the consumer's head only when
     * the cached copy says so.
     */
    boolean nearlyFull(int room) {
        long t = tail;
        if (t - headCache > mask + 1 - room) {
            headCache = (long) HEAD.getAcquire(this);
            return t - headCache > mask + 1 - room;
        }
        return false;
    }

    /** Consumer: the sequence of the oldest filled slot, or -1 when empty. */
    long next() {
        long h = head;
        if (h >= tailCache) {
            tailCache = (long) TAIL.getAcquire(this);
            if (h >= tailCache) {
                return -1;
            }
        }
        return h;
    }

    /** Consumer: gives a read slot back to the producer. */
    void release(long sequence) {
        HEAD.setRelease(this, sequence + 1);
    }

    /**
     * Consumer: the filled slots as it last saw them (its head and its copy of the tail), without
     * reading the producer's counter.
     */
    int backlogSeen() {
        return (int) Math.max(0, tailCache - head);
    }

    /** Filled slots (approximate while both sides run). */
    int size() {
        return (int) ((long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this));
    }
}

/** Keeps the producer's fields off the line of whatever the object header shares. */
abstract class RingPadStart {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The producer's counter and its copy of the consumer's. */
abstract class ProducerSide extends RingPadStart {
    /** The next slot to write. */
    volatile long tail;

    /** The producer's copy of {@link ConsumerSide#head}. */
    long headCache;
}

/** Separates the two sides' lines. */
abstract class RingPadMiddle extends ProducerSide {
    long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The consumer's counter and its copy of the producer's. */
abstract class ConsumerSide extends RingPadMiddle {
    /** The next slot to read. */
    volatile long head;

    /** The consumer's copy of {@link ProducerSide#tail}. */
    long tailCache;
}

/** Keeps the consumer's fields off the next object's line; holds the read-only mask. */
abstract class RingSequenceFields extends ConsumerSide {
    long p20, p21, p22, p23, p24, p25, p26, p27;

    final int mask;

    RingSequenceFields(int mask) {
        this.mask = mask;
    }
}
