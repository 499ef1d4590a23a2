package org.quantstream.core.backtest;

/**
 * The path metrics of a backtest accumulated one aligned time at a time, so that they need no
 * stored path: exposure, drawdown (fraction and value, the peak including the capital), and the
 * mean, standard deviation (Welford) and downside deviation of the bar returns. Allocates nothing.
 */
final class PathStats {
    private final double capital;
    private int n;
    private int held;
    private double peak;
    private double maxDrawdown;
    private double maxDrawdownValue;
    private double mean;
    private double m2;
    private double downSquares;
    private double lastEquity;

    PathStats(double capital) {
        this.capital = capital;
        this.peak = capital;
        this.lastEquity = capital;
    }

    /** Adds one aligned time: its equity, bar return and the side held at its close. */
    void add(double equity, double r, int position) {
        n++;
        if (position != 0) {
            held++;
        }
        peak = Math.max(peak, equity);
        double ddv = peak - equity;
        maxDrawdownValue = Math.max(maxDrawdownValue, ddv);
        maxDrawdown = Math.max(maxDrawdown, ddv / peak);
        double d = r - mean;
        mean += d / n;
        m2 += d * (r - mean);
        double neg = Math.min(r, 0.0);
        downSquares += neg * neg;
        lastEquity = equity;
    }

    int count() {
        return n;
    }

    int held() {
        return held;
    }

    double capital() {
        return capital;
    }

    double maxDrawdown() {
        return maxDrawdown;
    }

    double maxDrawdownValue() {
        return maxDrawdownValue;
    }

    /** Mean bar return (NaN without any). */
    double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Standard deviation of the bar returns, ddof 1. */
    double std() {
        return Math.sqrt(m2 / (n - 1));
    }

    /** {@code sqrt(mean(min(r, 0)²))}. */
    double downside() {
        return Math.sqrt(downSquares / n);
    }

    /** Equity at the last time added (the capital before any). */
    double lastEquity() {
        return lastEquity;
    }
}
