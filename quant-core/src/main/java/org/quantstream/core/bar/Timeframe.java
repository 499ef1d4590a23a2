package org.quantstream.core.bar;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quantstream.core.util.Args;

/**
 * A bar duration that is a whole number of seconds. Bars are aligned to multiples of it since the
 * epoch, so for every timeframe that divides a day ({@code 1s, 5s, 10s, 30s, 1m, 5m, 15m, 1h, 4h,
 * 1d}) a bar starts at the same instants as pandas' {@code resample} with its default {@code
 * origin='start_day'}.
 *
 * <p>Immutable and thread-safe; {@link #floor(long)} allocates nothing.
 */
public final class Timeframe implements BarSpec, Comparable<Timeframe> {
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,8})(s|m|min|h|d)?");
    private static final long SECOND = 1_000_000_000L;

    private final long nanos;
    private final String label;

    private Timeframe(long seconds) {
        this.nanos = seconds * SECOND;
        this.label = label(seconds);
    }

    /**
     * A timeframe of whole seconds.
     *
     * @param seconds the duration
     * @return the timeframe
     * @throws IllegalArgumentException if {@code seconds < 1}
     */
    public static Timeframe ofSeconds(long seconds) {
        return new Timeframe(Args.inRange(seconds, 1, 1_000L * 86_400, "seconds"));
    }

    /**
     * A timeframe from a duration.
     *
     * @param duration a positive whole number of seconds
     * @return the timeframe
     * @throws IllegalArgumentException if the duration is not a positive whole number of seconds
     */
    public static Timeframe of(Duration duration) {
        Args.notNull(duration, "duration");
        if (duration.getNano() != 0) {
            throw new IllegalArgumentException(
                    "timeframe must be a whole number of seconds, was " + duration);
        }
        return ofSeconds(duration.getSeconds());
    }

    /**
     * Parses {@code <n><unit>}, unit one of {@code s}, {@code m} (or {@code min}), {@code h},
     * {@code d}: {@code 1s}, {@code 5s}, {@code 90s}, {@code 1m}, {@code 15m}, {@code 4h}, {@code
     * 1d}; a bare whole number is seconds ({@code 7} is {@code 7s}).
     *
     * @param text the text
     * @return the timeframe
     * @throws IllegalArgumentException naming the text and the accepted form if it is not one
     */
    public static Timeframe parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "timeframe must be a whole number of seconds, or one followed by s, m, h or d (7, 1s,"
                            + " 5s, 1m, 15m, 4h, 1d),"
                            + " was "
                            + (text == null ? "null" : '"' + text + '"'));
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2) == null ? "s" : m.group(2)) {
            case "s":
                return ofSeconds(n);
            case "m":
            case "min":
                return ofSeconds(n * 60);
            case "h":
                return ofSeconds(n * 3_600);
            default:
                return ofSeconds(n * 86_400);
        }
    }

    private static String label(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /**
     * The duration in nanoseconds.
     *
     * @return the length of a bar
     */
    public long nanos() {
        return nanos;
    }

    /**
     * The duration in milliseconds.
     *
     * @return the length of a bar
     */
    public long millis() {
        return nanos / 1_000_000L;
    }

    /**
     * The start of the bar that holds an instant: bars are {@code [open, open + timeframe)}, so an
     * instant exactly on a boundary belongs to the bar that starts there.
     *
     * @param epochNanos an instant
     * @return the bar's open time, epoch ns
     */
    public long floor(long epochNanos) {
        return epochNanos - Math.floorMod(epochNanos, nanos);
    }

    /**
     * Whether an instant is on the grid of this timeframe.
     *
     * @param epochNanos an instant
     * @return true if a bar opens there
     */
    public boolean isAligned(long epochNanos) {
        return Math.floorMod(epochNanos, nanos) == 0;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public int compareTo(Timeframe other) {
        return Long.compare(nanos, other.nanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeframe && ((Timeframe) o).nanos == nanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nanos);
    }

    @Override
    public String toString() {
        return label;
    }
}
