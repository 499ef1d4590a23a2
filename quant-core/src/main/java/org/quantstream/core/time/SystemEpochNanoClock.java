package org.quantstream.core.time;

/**
 * Wall-clock time in epoch nanoseconds with {@link System#nanoTime()} resolution: an offset between
 * the monotonic clock and {@link System#currentTimeMillis()} is sampled at start and re-sampled
 * once a second, so the result follows the wall clock within about a millisecond while staying
 * monotonic between samples.
 *
 * <p>Thread-safe; allocates nothing.
 */
final class SystemEpochNanoClock implements EpochNanoClock {
    static final SystemEpochNanoClock INSTANCE = new SystemEpochNanoClock();

    private static final long RESAMPLE_NANOS = 1_000_000_000L;

    private volatile long offsetNanos;
    private volatile long sampledAtNanoTime;

    private SystemEpochNanoClock() {
        resample(System.nanoTime());
    }

    @Override
    public long epochNanos() {
        long now = System.nanoTime();
        if (now - sampledAtNanoTime > RESAMPLE_NANOS) {
            resample(now);
        }
        return now + offsetNanos;
    }

    private void resample(long nanoTime) {
        offsetNanos = System.currentTimeMillis() * 1_000_000L - nanoTime;
        sampledAtNanoTime = nanoTime;
    }
}
