package org.quantstream.core.bar;

/**
 * Turns one symbol's trades into bars. Feed it ticks ({@link #onTick}) and, for time bars, the time
 * ({@link #onTime}); it calls a {@link BarHandler}.
 *
 * <p>Implementations are not thread-safe (confine to the pipeline thread) and allocate nothing per
 * trade: state is primitive, and a {@link Bar} record is created only when a bar closes.
 */
public interface BarAggregator extends BarEmitter {
    /**
     * Advances the watermark: closes every time bar whose end plus the close grace is at or before
     * {@code nowNanos}, so an idle market still gets its bars on time. Tick and volume bars ignore
     * it.
     *
     * @param nowNanos the current time from the injected clock, epoch ns
     */
    @Override
    void onTime(long nowNanos);

    /** Closes the bar in progress now, flagged {@link BarView#INCOMPLETE}. */
    @Override
    void flush();

    /**
     * What closes this aggregator's bars.
     *
     * @return the spec
     */
    BarSpec spec();

    /**
     * The counters.
     *
     * @return a snapshot
     */
    BarStats stats();
}
