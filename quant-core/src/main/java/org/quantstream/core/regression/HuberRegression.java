package org.quantstream.core.regression;

import java.util.Arrays;

/**
 * Huber robust regression of {@code y = alpha + beta·x}, exactly statsmodels' {@code RLM(y, X,
 * M=HuberT()).fit()} with its defaults (oracle SPEC §4): tuning constant t = 1.345; scale = MAD
 * about zero, {@code median(|r| / 0.6744897501960817)}, updated every iteration; IRLS starting from
 * OLS with weights {@code w(z) = 1 for |z| <= t, t/|z| otherwise}; the convergence test on the
 * deviance {@code Σ rho(r / v)} where v is the weighted fit's residual variance (statsmodels'
 * quirk), stopping when it changes by at most the tolerance (1e-8) or after the iteration limit
 * (50); H1 covariance and normal p-values. A zero scale (more than half the residuals exactly 0)
 * stops the iteration.
 *
 * <p>Stateless and thread-safe. O(n log n) per iteration (the median); allocates O(n).
 */
public final class HuberRegression {
    /** statsmodels' HuberT default. */
    public static final double DEFAULT_T = 1.345;

    private static final double MAD_NORMAL = 0.6744897501960817; // norm.ppf(0.75)

    private HuberRegression() {}

    /**
     * The fit.
     *
     * @param alpha intercept
     * @param beta slope
     * @param alphaStdErr standard error of alpha (H1)
     * @param betaStdErr standard error of beta (H1)
     * @param alphaZ alpha / its standard error
     * @param betaZ beta / its standard error
     * @param alphaPValue two-sided normal p-value of alpha
     * @param betaPValue two-sided normal p-value of beta
     * @param scale the final MAD scale
     * @param iterations statsmodels' iteration count (the OLS start counts as one)
     * @param converged whether the deviance test stopped it before the limit
     */
    public record Result(
            double alpha,
            double beta,
            double alphaStdErr,
            double betaStdErr,
            double alphaZ,
            double betaZ,
            double alphaPValue,
            double betaPValue,
            double scale,
            int iterations,
            boolean converged) {}

    /**
     * Fits with statsmodels' defaults (t 1.345, 50 iterations, tolerance 1e-8).
     *
     * @param x the regressor
     * @param y the regressand
     * @return the fit
     * @throws IllegalArgumentException for mismatched lengths, fewer than 3 observations, NaN or
     *     infinity, constant x
     */
    public static Result fit(double[] x, double[] y) {
        return fit(x, y, DEFAULT_T, 50, 1e-8);
    }

    /**
     * Fits.
     *
     * @param x the regressor
     * @param y the regressand
     * @param t the Huber tuning constant, &gt; 0
     * @param maxIter the iteration limit (statsmodels counts the OLS start), &gt;= 2
     * @param tol the deviance tolerance, &gt;= 0
     * @return the fit
     * @throws IllegalArgumentException for invalid data or settings
     */
    public static Result fit(double[] x, double[] y, double t, int maxIter, double tol) {
        int n = Ols.check(x, y, 3);
        if (!(t > 0)) {
            throw new IllegalArgumentException("t must be > 0, was " + t);
        }
        if (maxIter < 2) {
            throw new IllegalArgumentException("maxIter must be >= 2, was " + maxIter);
        }
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0, was " + tol);
        }
        double[] w = new double[n];
        double[] r = new double[n];
        double[] scratch = new double[n];
        double[] ab = {Double.NaN, Double.NaN};
        int[] iterations = new int[2];
        double scale = irls(x, y, n, t, maxIter, tol, w, r, scratch, ab, iterations);
        int it = iterations[0];
        boolean converged = iterations[1] == 1;
        double alpha = ab[0];
        double beta = ab[1];
        return inference(x, y, n, t, alpha, beta, scale, it, converged);
    }

    /**
     * The IRLS loop on the first n points, statsmodels' stopping rule. Starts from OLS, or from
     * {@code ab} when it holds a previous fit (a warm start: fewer iterations on an overlapping
     * window; the result may differ from a cold start within the tolerance). Allocation-free: the
     * caller owns the work arrays.
     *
     * @return the final MAD scale; ab holds {alpha, beta}; iterations holds {count, converged ? 1 :
     *     0}
     */
    static double irls(
            double[] x,
            double[] y,
            int n,
            double t,
            int maxIter,
            double tol,
            double[] w,
            double[] r,
            double[] scratch,
            double[] ab,
            int[] iterations) {
        double s2;
        if (Double.isNaN(ab[0])) {
            Arrays.fill(w, 0, n, 1.0);
            s2 = wls(x, y, n, w, ab, r);
        } else {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                r[i] = y[i] - ab[0] - ab[1] * x[i];
                ss += r[i] * r[i];
            }
            s2 = ss / (n - 2);
        }
        double scale = mad0(r, n, scratch);
        double previous = deviance(r, n, s2, t);
        int it = 1;
        boolean converged = false;
        while (scale != 0.0) {
            for (int i = 0; i < n; i++) {
                double a = Math.abs(r[i] / scale);
                w[i] = a <= t ? 1.0 : t / a;
            }
            s2 = wls(x, y, n, w, ab, r);
            scale = mad0(r, n, scratch);
            double dev = deviance(r, n, s2, t);
            it++;
            boolean changed = Math.abs(dev - previous) > tol;
            previous = dev;
            if (!(changed && it < maxIter)) {
                converged = !changed;
                break;
            }
        }
        iterations[0] = it;
        iterations[1] = converged ? 1 : 0;
        return scale;
    }

    private static Result inference(
            double[] x,
            double[] y,
            int n,
            double t,
            double alpha,
            double beta,
            double scale,
            int it,
            boolean converged) {
        // H1 covariance: k² [Σψ(z)² s² / (n-p)] / m² (X'X)^-1, z = r/s, m = mean ψ'(z), k = 1 + p/n
        // var(ψ')/m²
        int p = 2;
        double sumPsi2 = 0;
        double sumD = 0;
        for (int i = 0; i < n; i++) {
            double z = (y[i] - alpha - beta * x[i]) / scale;
            double psi = Math.abs(z) <= t ? z : t * Math.signum(z);
            sumPsi2 += psi * psi;
            sumD += Math.abs(z) <= t ? 1 : 0;
        }
        double m = sumD / n;
        double varD = m - m * m; // variance (ddof 0) of a 0/1 indicator
        double k = 1 + (double) p / n * varD / (m * m);
        double c = k * k * (sumPsi2 / (n - p) * scale * scale) / (m * m);
        double mx = Ols.mean(x);
        double sxx = 0;
        for (double v : x) {
            sxx += (v - mx) * (v - mx);
        }
        double seAlpha = Math.sqrt(c * (1.0 / n + mx * mx / sxx));
        double seBeta = Math.sqrt(c / sxx);
        double za = alpha / seAlpha;
        double zb = beta / seBeta;
        return new Result(
                alpha,
                beta,
                seAlpha,
                seBeta,
                za,
                zb,
                Distributions.normalTwoSided(za),
                Distributions.normalTwoSided(zb),
                scale,
                it,
                converged);
    }

    /**
     * Weighted LS of y on [1, x]; fills ab = {alpha, beta} and the residuals; returns the weighted
     * residual variance.
     */
    private static double wls(double[] x, double[] y, int n, double[] w, double[] ab, double[] r) {
        double sw = 0;
        double swx = 0;
        double swy = 0;
        for (int i = 0; i < n; i++) {
            sw += w[i];
            swx += w[i] * x[i];
            swy += w[i] * y[i];
        }
        double mx = swx / sw;
        double my = swy / sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            sxx += w[i] * dx * dx;
            sxy += w[i] * dx * (y[i] - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException(
                    "x is constant under the weights: the slope is undefined");
        }
        double beta = sxy / sxx;
        double alpha = my - beta * mx;
        ab[0] = alpha;
        ab[1] = beta;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double res = y[i] - alpha - beta * x[i];
            r[i] = res;
            ss += w[i] * res * res;
        }
        return ss / (n - 2);
    }

    /** statsmodels' mad(r, center=0): median of |r| / 0.6745. */
    private static double mad0(double[] r, int n, double[] scratch) {
        for (int i = 0; i < n; i++) {
            scratch[i] = Math.abs(r[i]) / MAD_NORMAL;
        }
        Arrays.sort(scratch, 0, n);
        return (n & 1) == 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
    }

    private static double deviance(double[] r, int n, double v, double t) {
        double d = 0;
        for (int i = 0; i < n; i++) {
            double z = r[i] / v;
            double a = Math.abs(z);
            d += a <= t ? 0.5 * z * z : a * t - 0.5 * t * t;
        }
        return d;
    }
}
