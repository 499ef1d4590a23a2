package org.quantstream.core.regression;

import org.quantstream.core.op.internal.AbstractBivariate;
import org.quantstream.core.op.internal.ShiftedCoWindow;

/**
 * OLS of {@code y = alpha + beta·x} over the last {@code window} pairs (statsmodels {@code
 * RollingOLS(y, [1, x], window)}; row i uses pairs i-window+1..i). Centred co-moments kept with
 * O(1) add and remove and re-anchored once per window, so every step equals a fresh two-pass fit of
 * that window to about 1e-12 (statsmodels' own raw X'X update is off by 2.6e-9 on the intercept in
 * the oracle's case a). {@link #value()} is beta.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingOls extends AbstractBivariate implements HedgeRatio {
    private final ShiftedCoWindow w;

    /**
     * Creates the operator.
     *
     * @param window pairs per fit, at least 3
     */
    public RollingOls(int window) {
        this.w = new ShiftedCoWindow(checkWindow(window, 3));
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
    public boolean isReady() {
        return w.isFull() && w.sxx() > 0;
    }

    @Override
    public double value() {
        return beta();
    }

    @Override
    public double beta() {
        return isReady() ? w.sxy() / w.sxx() : Double.NaN;
    }

    @Override
    public double alpha() {
        return isReady() ? w.meanY() - beta() * w.meanX() : Double.NaN;
    }

    /**
     * R² of the current window's fit.
     *
     * @return R², NaN until ready (and for a constant y)
     */
    public double rSquared() {
        if (!isReady()) {
            return Double.NaN;
        }
        double sxy = w.sxy();
        return sxy * sxy / (w.sxx() * w.syy());
    }

    /**
     * Standard error of beta for the current window.
     *
     * @return the standard error, NaN until ready
     */
    public double betaStdErr() {
        if (!isReady()) {
            return Double.NaN;
        }
        double sxx = w.sxx();
        double sxy = w.sxy();
        double ssr = Math.max(0, w.syy() - sxy * sxy / sxx);
        return Math.sqrt(ssr / (w.size() - 2) / sxx);
    }
}
