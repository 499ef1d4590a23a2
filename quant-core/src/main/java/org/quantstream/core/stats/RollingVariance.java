package org.quantstream.core.stats;

import org.quantstream.core.op.internal.ShiftedWindow;

/**
 * The variance of the last {@code window} values, {@code Σ(x - x̄)² / (n - ddof)} (pandas {@code
 * rolling(window).var()} with {@code ddof = 1} by default; exactly 0 for a window of one repeated
 * value). Shifted sums re-anchored once per window keep it within 1e-12 relative of exact at a 1e9
 * offset. O(1) amortised.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingVariance extends AbstractUnivariate {
    private final ShiftedWindow w;
    private final int ddof;

    /**
     * Creates the operator with ddof 1.
     *
     * @param window values in the window, at least 2
     */
    public RollingVariance(int window) {
        this(window, 1);
    }

    /**
     * Creates the operator.
     *
     * @param window values in the window, greater than ddof
     * @param ddof delta degrees of freedom: 1 for the sample variance (pandas), 0 for the
     *     population variance (numpy)
     * @throws IllegalArgumentException if {@code ddof < 0} or {@code window <= ddof}
     */
    public RollingVariance(int window, int ddof) {
        this.ddof = checkDdof(ddof);
        if (window <= ddof) {
            throw new IllegalArgumentException(
                    "window must be > ddof (" + ddof + "), was " + window);
        }
        this.w = new ShiftedWindow(checkWindow(window), 2);
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
        return w.isFull() ? w.m2() / (w.size() - ddof) : Double.NaN;
    }

    /**
     * The standard deviation, the square root of {@link #value()}.
     *
     * @return the standard deviation, NaN until ready
     */
    public double std() {
        return Math.sqrt(value());
    }

    /**
     * The mean of the window.
     *
     * @return the mean, NaN until ready
     */
    public double mean() {
        return w.isFull() ? w.mean() : Double.NaN;
    }

    @Override
    public boolean isReady() {
        return w.isFull();
    }
}
