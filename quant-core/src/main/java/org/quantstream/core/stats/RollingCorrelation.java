package org.quantstream.core.stats;

import org.quantstream.core.op.internal.AbstractBivariate;
import org.quantstream.core.op.internal.ShiftedCoWindow;

/**
 * The Pearson correlation of the last {@code window} pairs from centred co-moments: within 1e-12 of
 * a two-pass computation where pandas' rolling corr drifts (1e-11 at prices near 100, garbage at a
 * 1e9 offset). Clamped to [-1, 1]; NaN when either series is constant over the window (pandas gives
 * ±inf there). O(1) amortised.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingCorrelation extends AbstractBivariate {
    private final ShiftedCoWindow w;

    /**
     * Creates the operator.
     *
     * @param window pairs in the window, at least 2
     */
    public RollingCorrelation(int window) {
        this.w = new ShiftedCoWindow(checkWindow(window, 2));
    }

    @Override
    protected void accept(double x, double y) {
        w.add(x, y);
    }

    @Override
    protected void clear() {
        w.clear();
    }

    @Override
    public double value() {
        if (!w.isFull()) {
            return Double.NaN;
        }
        double sxx = w.sxx();
        double syy = w.syy();
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double r = w.sxy() / Math.sqrt(sxx * syy);
        return r > 1 ? 1 : r < -1 ? -1 : r;
    }

    @Override
    public boolean isReady() {
        return w.isFull();
    }
}
