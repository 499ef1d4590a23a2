package org.quantstream.core.op.internal;

/**
 * A sliding window of pairs keeping shifted sums {@code Σdx, Σdy, Σdx², Σdy², Σdxdy} (d = value
 * minus a shift), add and remove in O(1), re-anchored to the window means once every {@code window}
 * updates. Gives centred co-moments without the raw-moment cancellation of pandas' rolling cov/corr
 * (garbage at a 1e9 offset; see the oracle's SPEC §7). The engine behind rolling covariance,
 * correlation, OLS and total least squares.
 *
 * <p>Not thread-safe; allocates only in the constructor.
 */
public final class ShiftedCoWindow {
    private final double[] xs;
    private final double[] ys;
    private final int window;
    private int pos;
    private int n;
    private int sinceAnchor;
    private double kx;
    private double ky;
    private double sx;
    private double sy;
    private double sxx;
    private double syy;
    private double sxy;

    /**
     * Creates an empty window.
     *
     * @param window pairs in the window, at least 1
     */
    public ShiftedCoWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        this.xs = new double[window];
        this.ys = new double[window];
        this.window = window;
    }

    /**
     * Adds a pair of finite values, evicting the oldest when full.
     *
     * @param x first value
     * @param y second value
     */
    public void add(double x, double y) {
        if (n == 0) {
            kx = x;
            ky = y;
        }
        if (n == window) {
            double ox = xs[pos] - kx;
            double oy = ys[pos] - ky;
            sx -= ox;
            sy -= oy;
            sxx -= ox * ox;
            syy -= oy * oy;
            sxy -= ox * oy;
        } else {
            n++;
        }
        xs[pos] = x;
        ys[pos] = y;
        pos = pos + 1 == window ? 0 : pos + 1;
        double dx = x - kx;
        double dy = y - ky;
        sx += dx;
        sy += dy;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
        if (++sinceAnchor >= window) {
            reanchor();
        }
    }

    private void reanchor() {
        sinceAnchor = 0;
        double mx = kx + sx / n;
        double my = ky + sy / n;
        kx = mx;
        ky = my;
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        double e = 0;
        for (int i = 0; i < n; i++) {
            double dx = xs[i] - mx;
            double dy = ys[i] - my;
            a += dx;
            b += dy;
            c += dx * dx;
            d += dy * dy;
            e += dx * dy;
        }
        sx = a;
        sy = b;
        sxx = c;
        syy = d;
        sxy = e;
    }

    /** Empties the window. */
    public void clear() {
        pos = 0;
        n = 0;
        sinceAnchor = 0;
        sx = 0;
        sy = 0;
        sxx = 0;
        syy = 0;
        sxy = 0;
    }

    /**
     * Pairs in the window.
     *
     * @return 0..window
     */
    public int size() {
        return n;
    }

    /**
     * Whether the window is full.
     *
     * @return true when it holds {@code window} pairs
     */
    public boolean isFull() {
        return n == window;
    }

    /**
     * Mean of x.
     *
     * @return the mean
     */
    public double meanX() {
        return kx + sx / n;
    }

    /**
     * Mean of y.
     *
     * @return the mean
     */
    public double meanY() {
        return ky + sy / n;
    }

    /**
     * {@code Σ(x - x̄)²}, never negative.
     *
     * @return the centred sum of squares of x
     */
    public double sxx() {
        double v = sxx - sx * sx / n;
        return v > 0 ? v : 0;
    }

    /**
     * {@code Σ(y - ȳ)²}, never negative.
     *
     * @return the centred sum of squares of y
     */
    public double syy() {
        double v = syy - sy * sy / n;
        return v > 0 ? v : 0;
    }

    /**
     * {@code Σ(x - x̄)(y - ȳ)}.
     *
     * @return the centred sum of cross products
     */
    public double sxy() {
        return sxy - sx * sy / n;
    }
}
