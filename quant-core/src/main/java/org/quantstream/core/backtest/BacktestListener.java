package org.quantstream.core.backtest;

/**
 * Follows a backtest as it runs (live progress, paper trading): called on the thread that feeds the
 * {@link Backtester}. Every method does nothing by default.
 */
public interface BacktestListener {
    /**
     * The rules decided at an aligned time (heard when that time is settled).
     *
     * @param signal the decision
     */
    default void onSignal(Signal signal) {}

    /**
     * A leg was filled.
     *
     * @param fill the fill
     */
    default void onFill(Fill fill) {}

    /**
     * A round trip ended.
     *
     * @param trade the trade
     */
    default void onTrade(Trade trade) {}

    /**
     * An aligned time was marked to market.
     *
     * @param timeNanos the bar open time, epoch ns
     * @param equity {@code V_t}
     * @param position the side held at the close: +1, -1 or 0
     */
    default void onEquity(long timeNanos, double equity, int position) {}
}
