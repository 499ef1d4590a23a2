package org.quantstream.core.time;

/**
 * A source of wall-clock time as epoch nanoseconds. Nothing in quant-core reads the wall clock
 * directly: components take an {@code EpochNanoClock} so that tests can drive time with a {@link
 * ManualClock}.
 *
 * <p>Implementations are thread-safe and allocate nothing per call.
 */
@FunctionalInterface
public interface EpochNanoClock {
    /**
     * Returns the current time.
     *
     * @return nanoseconds since 1970-01-01T00:00:00Z
     */
    long epochNanos();

    /**
     * The system clock.
     *
     * @return a shared clock that combines {@link System#currentTimeMillis()} with {@link
     *     System#nanoTime()} for sub-millisecond resolution
     */
    static EpochNanoClock system() {
        return SystemEpochNanoClock.INSTANCE;
    }
}
