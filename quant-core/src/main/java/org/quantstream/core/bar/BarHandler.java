package org.quantstream.core.bar;

/** Receives bars from an aggregator, on the aggregator's thread. */
@FunctionalInterface
public interface BarHandler {
    /**
     * The bar in progress changed (a trade was added). Called once per trade per bar; the view is
     * reused and valid only during the call. The default does nothing.
     *
     * @param bar the bar in progress
     */
    default void onBarUpdate(BarView bar) {}

    /**
     * A bar is final. Called once per bar, in time order, and again (flagged {@link
     * BarView#REVISED}) only if a late trade amends it.
     *
     * @param bar the closed bar
     */
    void onBarClosed(Bar bar);
}
