package org.quantstream.core.stats;

import org.quantstream.core.op.internal.ShiftedWindow;

/**
 * The z-score of the newest value against the last {@code window} values including itself: {@code
 * (x - mean) / std}, std with ddof 1, as the usual pandas recipe {@code (s - s.rolling(w).mean()) /
 * s.rolling(w).std()}. NaN until the window is full, and NaN (0/0) for a constant window. O(1)
 * amortised.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingZScore extends AbstractUnivariate {
    private final ShiftedWindow w;

    /**
     * Creates the operator.
     *
     * @param window values in the window, at least 2
     */
    public RollingZScore(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2, was " + window);
        }
        this.w = new ShiftedWindow(window, 2);
    }

    @Override
    void accept(double x) {
        w.add(x);
    }

    @Override
    void clear() {
        w.clear();
    }

    @Override
    public double value() {
        if (!w.isFull()) {
            return Double.NaN;
        }
        double std = Math.sqrt(w.m2() / (w.size() - 1));
        return (w.last() - w.mean()) / std;
    }

    /**
     * The window's mean.
     *
     * @return the mean, NaN until ready
     */
    public double mean() {
        return w.isFull() ? w.mean() : Double.NaN;
    }

    /**
     * The window's standard deviation (ddof 1).
     *
     * @return the std, NaN until ready
     */
    public double std() {
        return w.isFull() ? Math.sqrt(w.m2() / (w.size() - 1)) : Double.NaN;
    }

    @Override
    public boolean isReady() {
        return w.isFull();
    }
}
