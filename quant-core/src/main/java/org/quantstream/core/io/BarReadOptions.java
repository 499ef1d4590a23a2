package org.quantstream.core.io;

import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.tick.Symbol;

/**
 * How {@link BarReader} reads a file.
 *
 * @param symbol the symbol for files that name none, or null to take it from the file name
 * @param timeframe the bars' timeframe, or null to take it from the data (kline close times,
 *     quantstream close times, else the smallest step between consecutive bars)
 */
public record BarReadOptions(Symbol symbol, Timeframe timeframe) {
    /**
     * Symbol and timeframe from the data.
     *
     * @return the defaults
     */
    public static BarReadOptions defaults() {
        return new BarReadOptions(null, null);
    }
}
