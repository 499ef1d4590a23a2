package org.quantstream.core.backtest;

import java.util.Arrays;
import java.util.List;

/**
 * What a backtest produced: the trade log, the metrics, and the paths at every aligned time
 * (equity, drawdown, bar returns, position). Immutable: the arrays are copies and every accessor
 * returns a copy.
 */
public final class BacktestResult {
    private final MeanReversionStrategy strategy;
    private final List<Trade> trades;
    private final BacktestMetrics metrics;
    private final long[] times;
    private final double[] equity;
    private final double[] returns;
    private final byte[] positions;
    private final double capital;

    BacktestResult(
            double capital,
            MeanReversionStrategy strategy,
            List<Trade> trades,
            BacktestMetrics metrics,
            long[] times,
            double[] equity,
            double[] returns,
            byte[] positions) {
        this.capital = capital;
        this.strategy = strategy;
        this.trades = List.copyOf(trades);
        this.metrics = metrics;
        this.times = times;
        this.equity = equity;
        this.returns = returns;
        this.positions = positions;
    }

    /**
     * Joins consecutive backtests (a walk-forward's test windows) into one: their paths one after
     * the other, each part's P&amp;L carried on from where the previous one ended, the trades
     * renumbered in order, every metric computed again over the whole. The parts must come in time
     * order and share the periods a year.
     *
     * @param capital the starting capital of the whole
     * @param parts the backtests in time order, at least one, with their paths kept
     * @return the joined result (its strategy is the first part's)
     * @throws IllegalArgumentException if there is no part, parts overlap in time, or their periods
     *     a year differ
     */
    public static BacktestResult stitch(double capital, List<BacktestResult> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to stitch: no part");
        }
        int n = 0;
        for (BacktestResult p : parts) {
            n += p.times.length;
        }
        long[] times = new long[n];
        double[] eq = new double[n];
        double[] ret = new double[n];
        byte[] pos = new byte[n];
        List<Trade> trades = new java.util.ArrayList<>();
        double periods = parts.get(0).metrics.periodsPerYear();
        double carried = 0; // P&L of the parts before
        double previous = capital;
        int i = 0;
        for (BacktestResult p : parts) {
            if (p.metrics.periodsPerYear() != periods) {
                throw new IllegalArgumentException(
                        "parts of different timeframes: "
                                + periods
                                + " and "
                                + p.metrics.periodsPerYear()
                                + " periods a year");
            }
            for (int t = 0; t < p.times.length; t++) {
                if (i > 0 && p.times[t] <= times[i - 1]) {
                    throw new IllegalArgumentException(
                            "parts must follow each other in time: "
                                    + p.times[t]
                                    + " after "
                                    + times[i - 1]);
                }
                times[i] = p.times[t];
                eq[i] = capital + carried + (p.equity[t] - p.capital);
                ret[i] = (eq[i] - previous) / previous;
                previous = eq[i];
                pos[i] = p.positions[t];
                i++;
            }
            if (p.times.length > 0) {
                carried += p.equity[p.times.length - 1] - p.capital;
            }
            for (Trade t : p.trades) {
                trades.add(renumbered(t, trades.size() + 1));
            }
        }
        PathStats path = new PathStats(capital);
        for (int t = 0; t < n; t++) {
            path.add(eq[t], ret[t], pos[t]);
        }
        BacktestMetrics m = BacktestMetrics.of(trades, path, carried, periods);
        return new BacktestResult(capital, parts.get(0).strategy, trades, m, times, eq, ret, pos);
    }

    private static Trade renumbered(Trade t, int k) {
        return new Trade(
                k,
                t.side(),
                t.entryTimeNanos(),
                t.exitTimeNanos(),
                t.entryZ(),
                t.exitZ(),
                t.beta(),
                t.qtyA(),
                t.qtyB(),
                t.entryPriceA(),
                t.entryPriceB(),
                t.exitPriceA(),
                t.exitPriceB(),
                t.fees(),
                t.grossPnl(),
                t.netPnl(),
                t.returnOnNotional(),
                t.barsHeld(),
                t.reason());
    }

    /**
     * The strategy that ran.
     *
     * @return the strategy
     */
    public MeanReversionStrategy strategy() {
        return strategy;
    }

    /**
     * The round trips in time order.
     *
     * @return an unmodifiable list
     */
    public List<Trade> trades() {
        return trades;
    }

    /**
     * Every metric of SPEC §13.
     *
     * @return the metrics
     */
    public BacktestMetrics metrics() {
        return metrics;
    }

    /**
     * The aligned times, epoch ns (bar open times); empty when the backtest did not keep its paths
     * (as for equity, drawdown, returns and positions).
     *
     * @return a copy
     */
    public long[] times() {
        return times.clone();
    }

    /**
     * Equity {@code V_t} at each aligned time's close, in quote currency.
     *
     * @return a copy
     */
    public double[] equity() {
        return equity.clone();
    }

    /**
     * Drawdown at each aligned time: {@code (peak - V_t) / peak}, the peak including the capital.
     *
     * @return a new array
     */
    public double[] drawdown() {
        double[] d = new double[equity.length];
        double peak = capital;
        for (int t = 0; t < equity.length; t++) {
            peak = Math.max(peak, equity[t]);
            d[t] = (peak - equity[t]) / peak;
        }
        return d;
    }

    /**
     * Bar returns {@code r_t = V_t / V_{t-1} - 1} (0 while flat).
     *
     * @return a copy
     */
    public double[] returns() {
        return returns.clone();
    }

    /**
     * The side held at each close after that time's fills: +1 long, -1 short, 0 flat.
     *
     * @return a new array
     */
    public int[] positions() {
        int[] p = new int[positions.length];
        for (int t = 0; t < p.length; t++) {
            p[t] = positions[t];
        }
        return p;
    }

    /**
     * The starting capital.
     *
     * @return quote currency
     */
    public double capital() {
        return capital;
    }

    @Override
    public String toString() {
        return "BacktestResult[" + strategy + ", " + metrics + ", " + trades.size() + " trades]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BacktestResult r
                && strategy.equals(r.strategy)
                && trades.equals(r.trades)
                && metrics.equals(r.metrics)
                && Arrays.equals(times, r.times)
                && Arrays.equals(equity, r.equity)
                && Arrays.equals(returns, r.returns)
                && Arrays.equals(positions, r.positions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(equity) * 31 + trades.hashCode();
    }
}
