package org.quantstream.core.stationarity;

import org.quantstream.core.util.Args;

/**
 * The augmented Dickey-Fuller unit-root test, identical to statsmodels' {@code adfuller} (oracle
 * SPEC §1): the regression {@code Δx_t = γ x_{t-1} + Σ φ_j Δx_{t-j} + deterministic terms}; default
 * maxlag {@code ceil(12 (n/100)^¼)} capped at {@code n/2 - terms - 1}; lag selection by AIC, BIC or
 * the t-stat rule with every candidate fitted on the fixed maxlag sample, then the chosen lag
 * re-fitted on its own larger sample; the statistic is the t value of γ; MacKinnon p-value and
 * critical values for the re-fit's nobs.
 *
 * <p>Each sample is solved by one Householder QR whose rotated response gives every nested
 * candidate's residual sum of squares without cancellation. Trend columns are centred and scaled
 * (the test is invariant to that), which keeps {@code ctt} well conditioned at any n.
 *
 * <p>Unlike statsmodels, degenerate input is refused with a message instead of answered with
 * meaningless numbers: a constant series, NaN or infinity, too few observations for the lags, or a
 * candidate regression without residual degrees of freedom (statsmodels reports 0.0 there).
 *
 * <p>Stateless and thread-safe. O(n·k²) with k = terms + 1 + maxlag; allocates the design.
 */
public final class Adf {
    /** statsmodels' t-stat threshold, {@code norm.ppf(0.95)}. */
    static final double T_STAT_STOP = 1.6448536269514722;

    private Adf() {}

    /**
     * The default maximum lag for a series length, statsmodels' formula.
     *
     * @param n observations
     * @param trend the deterministic terms
     * @return {@code min(n/2 - terms - 1, ceil(12 (n/100)^¼))}, possibly negative for tiny n
     */
    public static int defaultMaxLag(int n, Trend trend) {
        int formula = (int) Math.ceil(12 * Math.pow(n / 100.0, 0.25));
        return Math.min(n / 2 - trend.terms() - 1, formula);
    }

    /**
     * Tests with statsmodels' defaults: constant, AIC, default maxlag.
     *
     * @param x the series
     * @return the result
     */
    public static AdfResult test(double[] x) {
        return test(x, Trend.C, Autolag.AIC, -1);
    }

    /**
     * Tests.
     *
     * @param x the series, finite values
     * @param trend the deterministic terms
     * @param autolag how to choose the lag
     * @param maxLag the largest lag, or -1 for statsmodels' default
     * @return the result
     * @throws IllegalArgumentException for degenerate input or an impossible maxlag, with the
     *     reason
     */
    public static AdfResult test(double[] x, Trend trend, Autolag autolag, int maxLag) {
        Args.notNull(x, "x");
        Args.notNull(trend, "trend");
        Args.notNull(autolag, "autolag");
        int n = x.length;
        checkSeries(x);
        int cap = n / 2 - trend.terms() - 1;
        int maxlag;
        if (maxLag < 0) {
            if (maxLag != -1) {
                throw new IllegalArgumentException(
                        "maxLag must be >= 0 or -1 for the default, was " + maxLag);
            }
            maxlag = defaultMaxLag(n, trend);
            if (maxlag < 0) {
                throw new IllegalArgumentException(
                        n
                                + " observations are too few for an ADF regression with "
                                + trend.label()
                                + " terms");
            }
        } else {
            if (maxLag > cap) {
                throw new IllegalArgumentException(
                        "maxLag must be <= n/2 - terms - 1 = "
                                + cap
                                + " for "
                                + n
                                + " observations, was "
                                + maxLag);
            }
            maxlag = maxLag;
        }
        int usedLag = maxlag;
        double icBest = Double.NaN;
        if (autolag != Autolag.NONE) {
            int nobs = n - 1 - maxlag;
            int kMax = trend.terms() + 1 + maxlag;
            requireDf(nobs, kMax, maxlag);
            double[][] cols = new double[kMax][];
            double[] y = new double[nobs];
            design(x, trend, maxlag, maxlag, false, cols, y);
            double[] rdiag = new double[kMax];
            if (!Householder.factor(cols, kMax, nobs, y, rdiag)) {
                throw new IllegalArgumentException("the ADF design is singular (collinear lags)");
            }
            if (autolag == Autolag.T_STAT) {
                usedLag = 0;
                for (int p = maxlag; p >= 0; p--) {
                    int k = trend.terms() + 1 + p;
                    icBest = Math.abs(tLast(y, rdiag, k, nobs));
                    if (icBest >= T_STAT_STOP) {
                        usedLag = p;
                        break;
                    }
                }
            } else {
                icBest = Double.POSITIVE_INFINITY;
                for (int p = 0; p <= maxlag; p++) {
                    int k = trend.terms() + 1 + p;
                    double ic = criterion(autolag, Householder.ssr(y, k, nobs), nobs, k);
                    if (ic < icBest) {
                        icBest = ic;
                        usedLag = p;
                    }
                }
            }
        }
        int nobs = n - 1 - usedLag;
        int k = trend.terms() + 1 + usedLag;
        requireDf(nobs, k, usedLag);
        double[][] cols = new double[k][];
        double[] y = new double[nobs];
        design(x, trend, usedLag, usedLag, true, cols, y);
        double[] rdiag = new double[k];
        if (!Householder.factor(cols, k, nobs, y, rdiag)) {
            throw new IllegalArgumentException("the ADF design is singular (collinear lags)");
        }
        double stat = tLast(y, rdiag, k, nobs);
        return new AdfResult(
                stat,
                MacKinnon.pValue(stat, trend, 1),
                usedLag,
                nobs,
                MacKinnon.criticalValues(trend, 1, nobs),
                icBest,
                maxlag);
    }

    static void checkSeries(double[] x) {
        boolean constant = true;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(
                        "x[" + i + "] is " + x[i] + "; ADF needs finite values");
            }
            constant &= x[i] == x[0];
        }
        if (x.length == 0 || constant) {
            throw new IllegalArgumentException("x is constant: the ADF statistic is undefined");
        }
    }

    private static void requireDf(int nobs, int k, int lag) {
        if (nobs - k <= 0) {
            throw new IllegalArgumentException(
                    "the ADF regression with "
                            + lag
                            + " lags has no residual degrees of freedom: "
                            + nobs
                            + " observations for "
                            + k
                            + " coefficients");
        }
    }

    /** AIC or BIC with statsmodels' llf and k (regressors including the constant). */
    static double criterion(Autolag rule, double ssr, int nobs, int k) {
        double llf = -nobs / 2.0 * (Math.log(2 * Math.PI) + Math.log(ssr / nobs) + 1);
        return rule == Autolag.BIC ? -2 * llf + Math.log(nobs) * k : -2 * llf + 2 * k;
    }

    /** The t statistic of the k-th (last) column of the leading k-column fit. */
    static double tLast(double[] z, double[] rdiag, int k, int nobs) {
        double ssr = Householder.ssr(z, k, nobs);
        double s = Math.sqrt(ssr / (nobs - k));
        return z[k - 1] * Math.signum(rdiag[k - 1]) / s;
    }

    /**
     * Builds the regression on the rows t = maxlag+1..n-1 (so the sample has n-1-sampleLag rows,
     * using lags 1..lags). Candidate order: [trend..., x_{t-1}, Δx_{t-1}..Δx_{t-lags}]; with
     * levelLast: [trend..., Δx lags..., x_{t-1}].
     */
    static void design(
            double[] x,
            Trend trend,
            int sampleLag,
            int lags,
            boolean levelLast,
            double[][] cols,
            double[] y) {
        int n = x.length;
        int nobs = n - 1 - sampleLag;
        int terms = trend.terms();
        for (int c = 0; c < terms + 1 + lags; c++) {
            cols[c] = new double[nobs];
        }
        int levelCol = levelLast ? terms + lags : terms;
        int firstLag = levelLast ? terms : terms + 1;
        double mid = (nobs + 1) / 2.0;
        for (int r = 0; r < nobs; r++) {
            int t = sampleLag + 1 + r; // index of x_t
            y[r] = x[t] - x[t - 1];
            if (terms >= 1) {
                cols[0][r] = 1;
            }
            if (terms >= 2) {
                double u = (r + 1 - mid) / nobs; // the trend 1..nobs, centred and scaled
                cols[1][r] = u;
                if (terms == 3) {
                    cols[2][r] = u * u;
                }
            }
            cols[levelCol][r] = x[t - 1];
            for (int j = 1; j <= lags; j++) {
                cols[firstLag + j - 1][r] = x[t - j] - x[t - j - 1];
            }
        }
    }
}
