package org.quantstream.core.regression;

import org.quantstream.core.op.internal.AbstractBivariate;

/**
 * Huber robust regression ({@link HuberRegression}, statsmodels RLM/HuberT) of {@code y = alpha +
 * beta·x} over the last {@code window} pairs, re-fitted at every update. With a warm start (the
 * default) each fit starts from the previous window's line instead of OLS, which usually halves the
 * iterations; the line then agrees with a cold start within the IRLS tolerance rather than bit for
 * bit. Cost: O(window log window) per IRLS iteration (the MAD's sort); allocation-free after
 * construction.
 *
 * <p>Not thread-safe.
 */
public final class RollingHuber extends AbstractBivariate implements HedgeRatio {
    private final int window;
    private final boolean warmStart;
    private final double[] xs;
    private final double[] ys;
    private final double[] x;
    private final double[] y;
    private final double[] w;
    private final double[] r;
    private final double[] scratch;
    private final double[] ab = {Double.NaN, Double.NaN};
    private final int[] iterations = new int[2];
    private int pos;
    private int n;
    private double scale = Double.NaN;

    /**
     * Creates the operator with a warm start.
     *
     * @param window pairs per fit, at least 5
     */
    public RollingHuber(int window) {
        this(window, true);
    }

    /**
     * Creates the operator.
     *
     * @param window pairs per fit, at least 5
     * @param warmStart whether each fit starts from the previous one (true) or from OLS, exactly as
     *     statsmodels (false)
     */
    public RollingHuber(int window, boolean warmStart) {
        this.window = checkWindow(window, 5);
        this.warmStart = warmStart;
        xs = new double[window];
        ys = new double[window];
        x = new double[window];
        y = new double[window];
        w = new double[window];
        r = new double[window];
        scratch = new double[window];
    }

    @Override
    protected void accept(double xv, double yv) {
        xs[pos] = xv;
        ys[pos] = yv;
        pos = pos + 1 == window ? 0 : pos + 1;
        if (n < window) {
            n++;
        }
        if (n < window) {
            return;
        }
        double first = xs[pos];
        boolean constant = true;
        for (int i = 0; i < window; i++) {
            int k = (pos + i) % window; // oldest first, as a batch fit sees the window
            x[i] = xs[k];
            y[i] = ys[k];
            constant &= xs[k] == first;
        }
        if (constant) {
            ab[0] = Double.NaN;
            ab[1] = Double.NaN;
            scale = Double.NaN;
            return;
        }
        if (!warmStart) {
            ab[0] = Double.NaN;
        }
        scale =
                HuberRegression.irls(
                        x,
                        y,
                        window,
                        HuberRegression.DEFAULT_T,
                        50,
                        1e-8,
                        w,
                        r,
                        scratch,
                        ab,
                        iterations);
    }

    @Override
    protected void clear() {
        pos = 0;
        n = 0;
        ab[0] = Double.NaN;
        ab[1] = Double.NaN;
        scale = Double.NaN;
    }

    @Override
    public boolean isReady() {
        return n == window && !Double.isNaN(ab[1]);
    }

    @Override
    public double value() {
        return beta();
    }

    @Override
    public double beta() {
        return isReady() ? ab[1] : Double.NaN;
    }

    @Override
    public double alpha() {
        return isReady() ? ab[0] : Double.NaN;
    }

    /**
     * The MAD scale of the current fit.
     *
     * @return the scale, NaN until ready
     */
    public double scale() {
        return isReady() ? scale : Double.NaN;
    }

    /**
     * IRLS iterations of the last fit (statsmodels' count).
     *
     * @return the count
     */
    public int iterations() {
        return iterations[0];
    }
}
