package org.quantstream.core.bar;

import org.quantstream.core.tick.Symbol;

/**
 * A read-only view of an OHLCV bar. {@link BarHandler#onBarUpdate} receives a reused view of the
 * bar in progress, valid only during the call; {@link Bar} is the immutable kind.
 *
 * <p>Times are epoch nanoseconds; a time bar covers {@code [openTimeNanos, closeTimeNanos)}. A tick
 * or volume bar's open and close times are those of its first and last trade.
 */
public interface BarView {
    /**
     * Flag: made up to fill a gap ({@link GapPolicy#FLAT_FILL}): no trade, O=H=L=C = the previous
     * close.
     */
    int SYNTHETIC = 1;

    /** Flag: closed before its interval ended (the stream ended, {@code flush()}). */
    int INCOMPLETE = 2;

    /** Flag: a bar emitted again after a late trade amended it. */
    int REVISED = 4;

    /**
     * The instrument.
     *
     * @return the symbol
     */
    Symbol symbol();

    /**
     * What closes the bar.
     *
     * @return the timeframe, tick count or volume
     */
    BarSpec spec();

    /**
     * Start of the bar.
     *
     * @return epoch ns
     */
    long openTimeNanos();

    /**
     * End of the bar (exclusive for time bars; the last trade's time otherwise).
     *
     * @return epoch ns
     */
    long closeTimeNanos();

    /**
     * First trade price.
     *
     * @return the price
     */
    double open();

    /**
     * Highest trade price.
     *
     * @return the price
     */
    double high();

    /**
     * Lowest trade price.
     *
     * @return the price
     */
    double low();

    /**
     * Last trade price.
     *
     * @return the price
     */
    double close();

    /**
     * Sum of trade quantities.
     *
     * @return base units
     */
    double volume();

    /**
     * Sum of price times quantity.
     *
     * @return quote units
     */
    double quoteVolume();

    /**
     * Number of trades.
     *
     * @return the count
     */
    long tradeCount();

    /**
     * Volume of trades whose aggressor was the buyer.
     *
     * @return base units
     */
    double buyVolume();

    /**
     * Volume-weighted average price, {@code quoteVolume / volume}.
     *
     * @return the VWAP, NaN for a bar without volume
     */
    double vwap();

    /**
     * Flags: {@link #SYNTHETIC}, {@link #INCOMPLETE}, {@link #REVISED}.
     *
     * @return the bit set
     */
    int flags();

    /**
     * Whether a flag is set.
     *
     * @param flag one of the flag constants
     * @return true if set
     */
    default boolean has(int flag) {
        return (flags() & flag) != 0;
    }
}
