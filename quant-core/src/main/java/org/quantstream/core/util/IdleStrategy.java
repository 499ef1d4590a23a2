package org.quantstream.core.util;

/**
 * What a polling thread does when a poll found no work (after Agrona's {@code IdleStrategy}): call
 * {@link #idle(int)} after every poll with the amount of work done; a strategy backs off only when
 * that is zero and starts again from its cheapest step once there is work.
 *
 * <p>Instances keep per-thread state: not thread-safe, one instance per polling thread. No
 * implementation allocates.
 */
public interface IdleStrategy {
    /**
     * Idles after a poll, or resets the back-off when the poll did work.
     *
     * @param workCount what the poll did (records read, events handled); 0 means nothing
     */
    default void idle(int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    /** Idles once, one step further along the back-off. */
    void idle();

    /** Starts the back-off again from its first step. */
    void reset();

    /**
     * Spins, then yields, then parks for a period that doubles from {@code minParkNanos} up to
     * {@code maxParkNanos} (Agrona's {@code BackoffIdleStrategy}): microsecond reaction while data
     * flows, next to no CPU when it does not.
     *
     * @param maxSpins busy spins ({@link Thread#onSpinWait()}) before yielding, {@code >= 0}
     * @param maxYields {@link Thread#yield()}s before parking, {@code >= 0}
     * @param minParkNanos the first park, {@code > 0}
     * @param maxParkNanos the longest park, {@code >= minParkNanos}
     * @return a new strategy
     */
    static IdleStrategy backoff(int maxSpins, int maxYields, long minParkNanos, long maxParkNanos) {
        return new BackoffIdleStrategy(maxSpins, maxYields, minParkNanos, maxParkNanos);
    }

    /**
     * The default back-off: 100 spins, 10 yields, then parks from 1 µs up to 1 ms, so an idle
     * thread wakes at most about a thousand times a second.
     *
     * @return a new strategy
     */
    static IdleStrategy backoff() {
        return backoff(100, 10, 1_000L, 1_000_000L);
    }

    /**
     * Busy spins only: the lowest latency, a whole core for ever.
     *
     * @return a strategy (stateless, may be shared)
     */
    static IdleStrategy busySpin() {
        return BusySpin.INSTANCE;
    }

    /**
     * Yields the core ({@link Thread#yield()}) on every idle (Agrona's {@code
     * YieldingIdleStrategy}): reacts within a scheduler slice and lets the other threads of a small
     * machine run, at the cost of a core that never sleeps.
     *
     * @return a strategy (stateless, may be shared)
     */
    static IdleStrategy yielding() {
        return new IdleStrategy() {
            @Override
            public void idle() {
                Thread.yield();
            }

            @Override
            public void reset() {}
        };
    }

    /**
     * Always parks for a fixed period: the least CPU, the reaction time of the period.
     *
     * @param parkNanos how long each idle parks, {@code > 0}
     * @return a strategy (stateless, may be shared)
     */
    static IdleStrategy park(long parkNanos) {
        long p = Args.positive(parkNanos, "parkNanos");
        return new IdleStrategy() {
            @Override
            public void idle() {
                java.util.concurrent.locks.LockSupport.parkNanos(p);
            }

            @Override
            public void reset() {}
        };
    }

    /**
     * A new strategy by name, for configuration files and command lines: {@code backoff} ({@link
     * #backoff()}), {@code yield} ({@link #yielding()}), {@code spin} ({@link #busySpin()}) or
     * {@code park} (parks 1 ms, {@link #park(long)}).
     *
     * @param name one of the four names, any case
     * @return a new strategy
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    static IdleStrategy named(String name) {
        switch (Args.notNull(name, "name").strip().toLowerCase(java.util.Locale.ROOT)) {
            case "backoff":
                return backoff();
            case "yield":
                return yielding();
            case "spin":
                return busySpin();
            case "park":
                return park(1_000_000L);
            default:
                throw new IllegalArgumentException(
                        "unknown idle strategy '" + name + "': use backoff, yield, spin or park");
        }
    }
}
