package org.quantstream.core.bar;

/**
 * What closes a bar: a span of time ({@link Timeframe}), a number of trades ({@link TickBars}) or
 * an amount of volume ({@link VolumeBars}). Immutable.
 */
public sealed interface BarSpec permits Timeframe, TickBars, VolumeBars {
    /**
     * A short label, as typed on a command line: {@code 5m}, {@code 100t}, {@code 25v}.
     *
     * @return the label
     */
    String label();
}
