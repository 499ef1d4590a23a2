package org.quantstream.core.regression;

import org.quantstream.core.util.Args;

/**
 * Batch ordinary least squares of one regressor, with or without an intercept, and the full
 * inference of statsmodels' {@code OLS(y, X).fit()}: standard errors, t statistics and p-values
 * (Student t), R² (uncentred without an intercept, as statsmodels), adjusted R², F and its p-value,
 * log-likelihood, AIC, BIC. For several regressors see {@link MultipleOls}.
 *
 * <p>Closed form from centred sums computed in two passes (the mean corrected by its residual), the
 * form the oracle's exact references use: within 1e-13 of them. Degenerate input is refused with a
 * clear message rather than answered with meaningless numbers: fewer observations than parameters
 * plus one, a constant regressor, NaN or infinity.
 *
 * <p>Stateless and thread-safe; O(n), allocates the result only.
 */
public final class Ols {
    private static final double LN_2PI = Math.log(2 * Math.PI);

    private Ols() {}

    /**
     * Fits {@code y = alpha + beta·x}.
     *
     * @param x the regressor
     * @param y the regressand, same length
     * @return the fit
     * @throws IllegalArgumentException for different lengths, fewer than 3 observations, a NaN or
     *     infinite value (naming its index), or a constant x
     */
    public static OlsResult fit(double[] x, double[] y) {
        int n = check(x, y, 3);
        double mx = mean(x);
        double my = mean(y);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("x is constant: the slope is undefined");
        }
        double beta = sxy / sxx;
        double alpha = my - beta * mx;
        double ssr = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - alpha - beta * x[i];
            ssr += r * r;
        }
        long df = n - 2;
        double s2 = ssr / df;
        double seBeta = Math.sqrt(s2 / sxx);
        double seAlpha = Math.sqrt(s2 * (1.0 / n + mx * mx / sxx));
        double r2 = 1 - ssr / syy;
        double adj = 1 - (double) (n - 1) / df * (1 - r2);
        double f = ((syy - ssr) / 1) / (ssr / df);
        double llf = -n / 2.0 * LN_2PI - n / 2.0 * Math.log(ssr / n) - n / 2.0;
        double tAlpha = alpha / seAlpha;
        double tBeta = beta / seBeta;
        return new OlsResult(
                alpha,
                beta,
                seAlpha,
                seBeta,
                tAlpha,
                tBeta,
                Distributions.tTwoSided(tAlpha, df),
                Distributions.tTwoSided(tBeta, df),
                r2,
                adj,
                f,
                Distributions.fSurvival(f, 1, df),
                n,
                df,
                ssr,
                s2,
                llf,
                -2 * llf + 2 * 2,
                -2 * llf + Math.log(n) * 2,
                true);
    }

    /**
     * Fits {@code y = beta·x} through the origin. R² and F are uncentred, as statsmodels reports
     * them without a constant.
     *
     * @param x the regressor
     * @param y the regressand, same length
     * @return the fit (alpha 0, its statistics NaN)
     * @throws IllegalArgumentException for different lengths, fewer than 2 observations, NaN or
     *     infinity, or x all 0
     */
    public static OlsResult fitThroughOrigin(double[] x, double[] y) {
        int n = check(x, y, 2);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
            syy += y[i] * y[i];
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("x is all zeros: the slope is undefined");
        }
        double beta = sxy / sxx;
        double ssr = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - beta * x[i];
            ssr += r * r;
        }
        long df = n - 1;
        double s2 = ssr / df;
        double seBeta = Math.sqrt(s2 / sxx);
        double r2 = 1 - ssr / syy;
        double adj = 1 - (double) n / df * (1 - r2);
        double f = (syy - ssr) / (ssr / df);
        double llf = -n / 2.0 * LN_2PI - n / 2.0 * Math.log(ssr / n) - n / 2.0;
        double tBeta = beta / seBeta;
        double nan = Double.NaN;
        return new OlsResult(
                0,
                beta,
                nan,
                seBeta,
                nan,
                tBeta,
                nan,
                Distributions.tTwoSided(tBeta, df),
                r2,
                adj,
                f,
                Distributions.fSurvival(f, 1, df),
                n,
                df,
                ssr,
                s2,
                llf,
                -2 * llf + 2,
                -2 * llf + Math.log(n),
                false);
    }

    static int check(double[] x, double[] y, int min) {
        Args.notNull(x, "x");
        Args.notNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "x and y must have the same length, were " + x.length + " and " + y.length);
        }
        if (x.length < min) {
            throw new IllegalArgumentException(
                    "at least " + min + " observations are needed, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(
                        "x[" + i + "] is " + x[i] + "; only finite values");
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(
                        "y[" + i + "] is " + y[i] + "; only finite values");
            }
        }
        return x.length;
    }

    /** Two-pass mean: the plain mean corrected by the mean of its residuals. */
    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        double m = s / v.length;
        double r = 0;
        for (double d : v) {
            r += d - m;
        }
        return m + r / v.length;
    }
}
