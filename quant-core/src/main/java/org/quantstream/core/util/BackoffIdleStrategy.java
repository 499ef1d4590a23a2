package org.quantstream.core.util;

import java.util.concurrent.locks.LockSupport;

/** Spin, yield, then park with a doubling period (see {@link IdleStrategy#backoff}). */
final class BackoffIdleStrategy implements IdleStrategy {
    private final int maxSpins;
    private final int maxYields;
    private final long minParkNanos;
    private final long maxParkNanos;
    private int spins;
    private int yields;
    private long parkNanos;

    BackoffIdleStrategy(int maxSpins, int maxYields, long minParkNanos, long maxParkNanos) {
        if (maxSpins < 0 || maxYields < 0) {
            throw new IllegalArgumentException(
                    "maxSpins and maxYields must be >= 0, were " + maxSpins + ", " + maxYields);
        }
        Args.positive(minParkNanos, "minParkNanos");
        if (maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException(
                    "maxParkNanos must be >= minParkNanos ("
                            + minParkNanos
                            + "), was "
                            + maxParkNanos);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        reset();
    }

    @Override
    public void idle() {
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < maxYields) {
            yields++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos << 1, maxParkNanos);
        }
    }

    @Override
    public void reset() {
        spins = 0;
        yields = 0;
        parkNanos = minParkNanos;
    }

    /** The period the next park would last (for tests). */
    long nextParkNanos() {
        return parkNanos;
    }

    /** Whether the strategy has gone past spinning and yielding (for tests). */
    boolean parking() {
        return spins >= maxSpins && yields >= maxYields;
    }
}
