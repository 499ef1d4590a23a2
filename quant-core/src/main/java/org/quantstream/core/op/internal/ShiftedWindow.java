package org.quantstream.core.op.internal;

/**
 * A sliding window of one series keeping shifted power sums {@code Σ(x-K)^p}, p = 1..order, with
 * add and remove in O(1). The shift K is re-anchored to the window's mean from the buffer once
 * every {@code window} updates (O(window) each time, O(1) amortised), so sums never cancel
 * catastrophically: at a 1e9 offset the variance stays within 1e-14 relative of exact, where raw
 * sums lose every digit and plain sliding Welford loses seven.
 *
 * <p>Also tracks the trailing run of identical values: a window of one repeated value has mean
 * exactly that value and centred sums exactly 0 (pandas does the same).
 *
 * <p>Not thread-safe; allocates only in the constructor.
 */
public final class ShiftedWindow {
    private final double[] buf;
    private final int window;
    private final boolean fourth;
    private int pos;
    private int n;
    private int sinceAnchor;
    private int run;
    private double last = Double.NaN;
    private double k;
    private double s1;
    private double s2;
    private double s3;
    private double s4;

    /**
     * Creates an empty window.
     *
     * @param window the number of observations, at least 1
     * @param order 2 (mean, variance) or 4 (also skewness, kurtosis)
     */
    public ShiftedWindow(int window, int order) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        if (order != 2 && order != 4) {
            throw new IllegalArgumentException("order must be 2 or 4, was " + order);
        }
        this.buf = new double[window];
        this.window = window;
        this.fourth = order == 4;
    }

    /**
     * Adds a finite value, evicting the oldest when full.
     *
     * @param x the value
     */
    public void add(double x) {
        if (n == 0) {
            k = x;
        }
        if (n == window) {
            double o = buf[pos] - k;
            double o2 = o * o;
            s1 -= o;
            s2 -= o2;
            if (fourth) {
                s3 -= o2 * o;
                s4 -= o2 * o2;
            }
        } else {
            n++;
        }
        buf[pos] = x;
        pos = pos + 1 == window ? 0 : pos + 1;
        double d = x - k;
        double d2 = d * d;
        s1 += d;
        s2 += d2;
        if (fourth) {
            s3 += d2 * d;
            s4 += d2 * d2;
        }
        run = x == last ? run + 1 : 1;
        last = x;
        if (++sinceAnchor >= window) {
            reanchor();
        }
    }

    private void reanchor() {
        sinceAnchor = 0;
        double mean = k + s1 / n;
        k = mean;
        double a = 0;
        double b = 0;
        double c = 0;
        double e = 0;
        for (int i = 0; i < n; i++) {
            double d = buf[i] - mean;
            double d2 = d * d;
            a += d;
            b += d2;
            if (fourth) {
                c += d2 * d;
                e += d2 * d2;
            }
        }
        s1 = a;
        s2 = b;
        s3 = c;
        s4 = e;
    }

    /** Empties the window. */
    public void clear() {
        pos = 0;
        n = 0;
        sinceAnchor = 0;
        run = 0;
        last = Double.NaN;
        s1 = 0;
        s2 = 0;
        s3 = 0;
        s4 = 0;
    }

    /**
     * Observations in the window.
     *
     * @return 0..window
     */
    public int size() {
        return n;
    }

    /**
     * Whether the window holds {@code window} observations.
     *
     * @return true when full
     */
    public boolean isFull() {
        return n == window;
    }

    /**
     * Whether every observation in the window is the same value.
     *
     * @return true for a constant window
     */
    public boolean isConstant() {
        return n > 0 && run >= n;
    }

    /**
     * The mean of the window.
     *
     * @return the mean (NaN when empty)
     */
    public double mean() {
        if (n == 0) {
            return Double.NaN;
        }
        return isConstant() ? last : k + s1 / n;
    }

    /**
     * {@code Σ(x - mean)²} over the window, never negative; exactly 0 for a constant window.
     *
     * @return the centred sum of squares
     */
    public double m2() {
        if (n == 0 || isConstant()) {
            return 0;
        }
        double v = s2 - s1 * s1 / n;
        return v > 0 ? v : 0;
    }

    /**
     * {@code Σ(x - mean)³} over the window (order 4 only).
     *
     * @return the centred sum of cubes
     */
    public double m3() {
        if (n == 0 || isConstant()) {
            return 0;
        }
        double a = s1 / n;
        return s3 - 3 * a * s2 + 3 * a * a * s1 - n * a * a * a;
    }

    /**
     * {@code Σ(x - mean)⁴} over the window (order 4 only).
     *
     * @return the centred sum of fourth powers
     */
    public double m4() {
        if (n == 0 || isConstant()) {
            return 0;
        }
        double a = s1 / n;
        double a2 = a * a;
        return s4 - 4 * a * s3 + 6 * a2 * s2 - 4 * a2 * a * s1 + n * a2 * a2;
    }

    /**
     * The newest value.
     *
     * @return the last value added (NaN when empty)
     */
    public double last() {
        return n == 0 ? Double.NaN : last;
    }

    /**
     * The value that the next {@link #add} evicts.
     *
     * @return the oldest value in a full window, NaN otherwise
     */
    public double oldest() {
        return n == window ? buf[pos] : Double.NaN;
    }
}
