package org.quantstream.feed.binance.internal;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: attempt {@code n} waits a uniform random time in {@code
 * [min, min(max, min * 2^n))}, so that clients cut off together do not come back together.
 *
 * <p>Stateless and allocation-free; thread-safe when the random generator is.
 */
public final class Backoff {
    private Backoff() {}

    /**
     * The delay before an attempt.
     *
     * @param minNanos the smallest delay, positive
     * @param maxNanos the largest delay, at least {@code minNanos}
     * @param attempt attempts made since the last healthy connection, from 0
     * @param random the source of jitter
     * @return the delay in nanoseconds, in {@code [minNanos, maxNanos]}
     */
    public static long delayNanos(
            long minNanos, long maxNanos, int attempt, RandomGenerator random) {
        long cap = Math.min(maxNanos, minNanos << Math.min(Math.max(attempt, 0), 20));
        return cap > minNanos ? minNanos + random.nextLong(cap - minNanos) : minNanos;
    }
}
