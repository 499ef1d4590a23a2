package org.quantstream.core.stationarity;

import org.quantstream.core.op.UnivariateOperator;
import org.quantstream.core.util.Args;

/**
 * The ADF test on a sliding window, one result per new observation, equal at every step to {@link
 * Adf#test} on that window (to about 1e-10 on the statistic, same lags), for a fixed lag or with
 * autolag.
 *
 * <p>How: the cross products {@code X'X}, {@code X'y}, {@code y'y} of the fixed maxlag sample are
 * kept up to date by adding the newest row and removing the oldest (O(k²)). In the candidate column
 * order each lag p uses a leading block of the maxlag design, so one Cholesky factorisation and one
 * forward substitution give every candidate's residual sum of squares (and the t statistic of its
 * last column) at once; the chosen lag is then re-fitted on its larger sample by adding the few
 * early rows the fixed sample leaves out. The trend uses global time, centred and scaled, and the
 * level is shifted (when there is a constant), both linear re-parametrisations the statistic does
 * not see; all sums are recomputed from the window once per window to bound drift. Per update:
 * O(k²) for the sums plus O(k³/6) for the factorisation, k = terms + 1 + maxlag (20 for maxlag 18);
 * no allocation.
 *
 * <p>{@link #value()} is the statistic. A window on which the test is undefined (constant, a
 * singular design) gives NaN and is counted in {@link #degenerate()}. Not thread-safe.
 */
public final class RollingAdf implements UnivariateOperator {
    private final int window;
    private final Trend trend;
    private final Autolag autolag;
    private final int maxlag;
    private final int terms;
    private final int kMax;
    private final int nobsFixed;
    private final double[] buf; // ring of window + 1 values: the last one evicted is still readable
    private int head; // index of the newest value
    private long seen;
    private long count;
    private long rejected;
    private long degenerate;
    private int sinceAnchor;
    private long timeAnchor;
    private double levelShift;

    private final double[] xtx;
    private final double[] xty;
    private double yty;
    private final double[] row;

    // scratch for the solves
    private final double[] a;
    private final double[] z;
    private final double[] rowP;
    private final int[] perm;

    private double statistic = Double.NaN;
    private double pValue = Double.NaN;
    private double icBest = Double.NaN;
    private int usedLag = -1;
    private int nobs = -1;

    /**
     * Creates the operator.
     *
     * @param window observations per test
     * @param trend deterministic terms
     * @param autolag lag selection ({@link Autolag#NONE} for a fixed lag)
     * @param maxLag the largest lag (the fixed lag with NONE), or -1 for statsmodels' default for
     *     the window
     * @throws IllegalArgumentException if the window is too short for the lags
     */
    public RollingAdf(int window, Trend trend, Autolag autolag, int maxLag) {
        this.trend = Args.notNull(trend, "trend");
        this.autolag = Args.notNull(autolag, "autolag");
        this.terms = trend.terms();
        int cap = window / 2 - terms - 1;
        int m = maxLag == -1 ? Adf.defaultMaxLag(window, trend) : maxLag;
        if (m < 0 || m > cap) {
            throw new IllegalArgumentException(
                    "maxLag must be in [0, " + cap + "] for a window of " + window + ", was " + m);
        }
        this.window = window;
        this.maxlag = m;
        this.kMax = terms + 1 + m;
        this.nobsFixed = window - 1 - m;
        if (nobsFixed - kMax <= 0) {
            throw new IllegalArgumentException(
                    "a window of "
                            + window
                            + " leaves no residual degree of freedom for "
                            + m
                            + " lags");
        }
        this.buf = new double[window + 1];
        this.xtx = new double[kMax * kMax];
        this.xty = new double[kMax];
        this.row = new double[kMax];
        this.a = new double[kMax * kMax];
        this.z = new double[kMax];
        this.rowP = new double[kMax];
        this.perm = new int[kMax];
    }

    /** The value i places back from the newest (0 = newest); valid for i <= window. */
    private double back(int i) {
        int idx = head - i;
        return buf[idx < 0 ? idx + buf.length : idx];
    }

    /**
     * Fills {@link #row} with the regression row of the observation {@code age} places back from
     * the newest, using lags 1..lags, and returns its response {@code Δx}. Columns: [trend...,
     * level, Δx lags...].
     */
    private double fillRow(int age, int lags, double[] r) {
        double xt = back(age);
        double xt1 = back(age + 1);
        long time = seen - 1 - age;
        if (terms >= 1) {
            r[0] = 1;
        }
        if (terms >= 2) {
            double u = (double) (time - timeAnchor) / window;
            r[1] = u;
            if (terms == 3) {
                r[2] = u * u;
            }
        }
        r[terms] = xt1 - levelShift;
        for (int j = 1; j <= lags; j++) {
            r[terms + j] = back(age + j) - back(age + j + 1);
        }
        return xt - xt1;
    }

    private void addRow(double[] r, double y, int k, double sign) {
        for (int i = 0; i < k; i++) {
            double ri = r[i] * sign;
            xty[i] += ri * y;
            int off = i * kMax;
            for (int j = 0; j <= i; j++) {
                xtx[off + j] += ri * r[j];
            }
        }
        yty += sign * y * y;
    }

    private void reanchor() {
        sinceAnchor = 0;
        timeAnchor = seen - 1 - window / 2;
        levelShift = terms >= 1 ? back(0) : 0;
        java.util.Arrays.fill(xtx, 0);
        java.util.Arrays.fill(xty, 0);
        yty = 0;
        for (int age = 0; age < nobsFixed; age++) {
            double y = fillRow(age, maxlag, row);
            addRow(row, y, kMax, 1);
        }
    }

    @Override
    public void update(double x) {
        if (!Double.isFinite(x)) {
            rejected++;
            return;
        }
        count++;
        head = head + 1 == buf.length ? 0 : head + 1;
        buf[head] = x;
        seen++;
        if (seen < window) {
            return;
        }
        if (seen == window || ++sinceAnchor >= window) {
            reanchor();
        } else {
            double y = fillRow(0, maxlag, row); // the newest row enters
            addRow(row, y, kMax, 1);
            y = fillRow(nobsFixed, maxlag, row); // the row that left the fixed sample
            addRow(row, y, kMax, -1);
        }
        solve();
    }

    private void solve() {
        int p = maxlag;
        if (autolag != Autolag.NONE) {
            // one Cholesky of the maxlag X'X in candidate order: leading blocks are the candidates
            copyLeading(kMax);
            if (!cholesky(kMax)) {
                fail();
                return;
            }
            forward(kMax, xty);
            double cum = 0;
            if (autolag == Autolag.T_STAT) {
                p = 0;
                double[] ssrAt = rowP; // reuse as scratch: SSR of each candidate
                for (int i = 0; i < kMax; i++) {
                    cum += z[i] * z[i];
                    ssrAt[i] = yty - cum;
                }
                for (int lag = maxlag; lag >= 0; lag--) {
                    int k = terms + 1 + lag;
                    double s = Math.sqrt(Math.max(ssrAt[k - 1], 0) / (nobsFixed - k));
                    icBest = Math.abs(z[k - 1] / s);
                    if (icBest >= Adf.T_STAT_STOP) {
                        p = lag;
                        break;
                    }
                }
            } else {
                icBest = Double.POSITIVE_INFINITY;
                for (int i = 0; i < terms; i++) {
                    cum += z[i] * z[i];
                }
                for (int lag = 0; lag <= maxlag; lag++) {
                    int k = terms + 1 + lag;
                    cum += z[k - 1] * z[k - 1];
                    double ic =
                            Adf.criterion(
                                    autolag, Math.max(yty - cum, Double.MIN_VALUE), nobsFixed, k);
                    if (ic < icBest) {
                        icBest = ic;
                        p = lag;
                    }
                }
            }
        }
        // re-fit with lag p on its own sample: the fixed rows (leading block) plus the early rows
        // they leave out
        int k = terms + 1 + p;
        int extra = maxlag - p;
        // order with the level last: [trend..., Δx lags..., level]
        for (int i = 0; i < terms; i++) {
            perm[i] = i;
        }
        for (int j = 0; j < p; j++) {
            perm[terms + j] = terms + 1 + j;
        }
        perm[k - 1] = terms;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                a[i * kMax + j] = sym(perm[i], perm[j]);
            }
            rowP[i] = xty[perm[i]];
        }
        double yy = yty;
        for (int e = 0; e < extra; e++) {
            double y = fillRow(nobsFixed + e, p, row);
            for (int i = 0; i < k; i++) {
                double ri = row[perm[i]];
                rowP[i] += ri * y;
                for (int j = 0; j <= i; j++) {
                    a[i * kMax + j] += ri * row[perm[j]];
                }
            }
            yy += y * y;
        }
        if (!cholesky(k)) {
            fail();
            return;
        }
        forward(k, rowP);
        double cum = 0;
        for (int i = 0; i < k; i++) {
            cum += z[i] * z[i];
        }
        int n = nobsFixed + extra;
        double ssr = yy - cum;
        if (!(ssr > 0)) {
            fail();
            return;
        }
        statistic = z[k - 1] / Math.sqrt(ssr / (n - k));
        pValue = MacKinnon.pValue(statistic, trend, 1);
        usedLag = p;
        nobs = n;
        if (autolag == Autolag.NONE) {
            icBest = Double.NaN;
        }
    }

    private double sym(int i, int j) {
        return i >= j ? xtx[i * kMax + j] : xtx[j * kMax + i];
    }

    private void copyLeading(int k) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                a[i * kMax + j] = xtx[i * kMax + j];
            }
        }
    }

    /** In-place lower Cholesky of a[0..k); false if not positive definite. */
    private boolean cholesky(int k) {
        for (int j = 0; j < k; j++) {
            double d = a[j * kMax + j];
            for (int m = 0; m < j; m++) {
                double l = a[j * kMax + m];
                d -= l * l;
            }
            if (!(d > 0)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            a[j * kMax + j] = ljj;
            for (int i = j + 1; i < k; i++) {
                double s = a[i * kMax + j];
                for (int m = 0; m < j; m++) {
                    s -= a[i * kMax + m] * a[j * kMax + m];
                }
                a[i * kMax + j] = s / ljj;
            }
        }
        return true;
    }

    /** Solves L z = rhs for z. */
    private void forward(int k, double[] rhs) {
        for (int i = 0; i < k; i++) {
            double s = rhs[i];
            for (int m = 0; m < i; m++) {
                s -= a[i * kMax + m] * z[m];
            }
            z[i] = s / a[i * kMax + i];
        }
    }

    private void fail() {
        degenerate++;
        statistic = Double.NaN;
        pValue = Double.NaN;
        icBest = Double.NaN;
        usedLag = -1;
        nobs = -1;
    }

    @Override
    public double value() {
        return statistic;
    }

    @Override
    public boolean isReady() {
        return seen >= window && !Double.isNaN(statistic);
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long rejected() {
        return rejected;
    }

    /**
     * Windows on which the test was undefined.
     *
     * @return the count
     */
    public long degenerate() {
        return degenerate;
    }

    @Override
    public void reset() {
        head = 0;
        seen = 0;
        count = 0;
        rejected = 0;
        degenerate = 0;
        sinceAnchor = 0;
        fail();
        degenerate = 0;
    }

    /**
     * MacKinnon's p-value of the current statistic.
     *
     * @return the p-value, NaN until ready
     */
    public double pValue() {
        return pValue;
    }

    /**
     * The lag used by the current test.
     *
     * @return the lag, -1 until ready
     */
    public int usedLag() {
        return usedLag;
    }

    /**
     * Observations in the current test's regression.
     *
     * @return nobs, -1 until ready
     */
    public int nobs() {
        return nobs;
    }

    /**
     * The best information criterion of the current lag search.
     *
     * @return icbest, NaN without autolag or until ready
     */
    public double icBest() {
        return icBest;
    }

    /**
     * A critical value of the current test.
     *
     * @param level 0 for 1%, 1 for 5%, 2 for 10%
     * @return the critical value for the current nobs, NaN until ready
     */
    public double criticalValue(int level) {
        return nobs < 0 ? Double.NaN : MacKinnon.criticalValue(level, trend, 1, nobs);
    }

    /**
     * The current result as a record (allocates).
     *
     * @return the result, or null until ready
     */
    public AdfResult result() {
        if (!isReady()) {
            return null;
        }
        return new AdfResult(
                statistic,
                pValue,
                usedLag,
                nobs,
                MacKinnon.criticalValues(trend, 1, nobs),
                icBest,
                maxlag);
    }
}
