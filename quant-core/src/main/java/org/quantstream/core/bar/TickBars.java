package org.quantstream.core.bar;

import org.quantstream.core.util.Args;

/**
 * Bars of a fixed number of trades.
 *
 * @param ticks trades per bar, at least 1
 */
public record TickBars(long ticks) implements BarSpec {
    /**
     * Checks the count.
     *
     * @param ticks trades per bar, at least 1
     */
    public TickBars {
        Args.positive(ticks, "ticks");
    }

    @Override
    public String label() {
        return ticks + "t";
    }
}
