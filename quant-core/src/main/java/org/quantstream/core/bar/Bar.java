package org.quantstream.core.bar;

import org.quantstream.core.tick.Symbol;
import org.quantstream.core.util.Args;

/**
 * An immutable OHLCV bar: what {@link BarHandler#onBarClosed} receives and what users keep.
 *
 * @param symbol the instrument
 * @param spec what closes the bar
 * @param openTimeNanos start, epoch ns
 * @param closeTimeNanos end, epoch ns (exclusive for time bars)
 * @param open first price
 * @param high highest price
 * @param low lowest price
 * @param close last price
 * @param volume sum of quantities
 * @param quoteVolume sum of price times quantity
 * @param tradeCount number of trades
 * @param buyVolume volume bought by aggressors
 * @param vwap volume-weighted average price (NaN without volume)
 * @param flags {@link BarView#SYNTHETIC}, {@link BarView#INCOMPLETE}, {@link BarView#REVISED}
 */
public record Bar(
        Symbol symbol,
        BarSpec spec,
        long openTimeNanos,
        long closeTimeNanos,
        double open,
        double high,
        double low,
        double close,
        double volume,
        double quoteVolume,
        long tradeCount,
        double buyVolume,
        double vwap,
        int flags)
        implements BarView {

    /**
     * Checks that symbol and spec are present.
     *
     * @param symbol the instrument; not null
     * @param spec what closes the bar; not null
     * @param openTimeNanos start, epoch ns
     * @param closeTimeNanos end, epoch ns
     * @param open first price
     * @param high highest price
     * @param low lowest price
     * @param close last price
     * @param volume sum of quantities
     * @param quoteVolume sum of price times quantity
     * @param tradeCount number of trades
     * @param buyVolume volume bought by aggressors
     * @param vwap volume-weighted average price
     * @param flags flag bits
     */
    public Bar {
        Args.notNull(symbol, "symbol");
        Args.notNull(spec, "spec");
    }

    /**
     * Copies a view.
     *
     * @param view the source
     * @return an immutable copy
     */
    public static Bar copyOf(BarView view) {
        return new Bar(
                view.symbol(),
                view.spec(),
                view.openTimeNanos(),
                view.closeTimeNanos(),
                view.open(),
                view.high(),
                view.low(),
                view.close(),
                view.volume(),
                view.quoteVolume(),
                view.tradeCount(),
                view.buyVolume(),
                view.vwap(),
                view.flags());
    }

    /**
     * The bar's timeframe.
     *
     * @return the timeframe
     * @throws IllegalStateException if this is a tick or volume bar
     */
    public Timeframe timeframe() {
        if (spec instanceof Timeframe) {
            return (Timeframe) spec;
        }
        throw new IllegalStateException("a " + spec.label() + " bar has no timeframe");
    }

    /**
     * A copy with other flags.
     *
     * @param newFlags the flags
     * @return the copy
     */
    public Bar withFlags(int newFlags) {
        return new Bar(
                symbol,
                spec,
                openTimeNanos,
                closeTimeNanos,
                open,
                high,
                low,
                close,
                volume,
                quoteVolume,
                tradeCount,
                buyVolume,
                vwap,
                newFlags);
    }
}
