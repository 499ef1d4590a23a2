package org.quantstream.core.time;

/**
 * A clock that moves only when told: for tests and for replaying recorded time.
 *
 * <p>Thread-safe (the time is a volatile field written by one thread at a time); allocates nothing.
 */
public final class ManualClock implements EpochNanoClock {
    private volatile long nowNanos;

    /**
     * Creates a clock at the given time.
     *
     * @param startNanos the initial time, epoch nanoseconds
     */
    public ManualClock(long startNanos) {
        this.nowNanos = startNanos;
    }

    @Override
    public long epochNanos() {
        return nowNanos;
    }

    /**
     * Sets the time.
     *
     * @param epochNanos the new time, epoch nanoseconds
     */
    public void set(long epochNanos) {
        nowNanos = epochNanos;
    }

    /**
     * Moves the time forward.
     *
     * @param nanos how far, in nanoseconds (may be negative to step back)
     * @return the new time
     */
    public synchronized long advance(long nanos) {
        long next = nowNanos + nanos;
        nowNanos = next;
        return next;
    }
}
