package org.quantstream.core.stationarity;

import org.quantstream.core.regression.MultipleOls;
import org.quantstream.core.util.Args;

/**
 * The Engle-Granger two-step cointegration test, as statsmodels' {@code coint(y, x, trend)}: OLS of
 * y on x with a constant (and a linear trend for {@link Trend#CT}); ADF without deterministic terms
 * and with AIC lag selection on the residuals; the p-value and critical values from MacKinnon's
 * tables for two series (N = 2), the latter for {@code nobs = n - 1}. Using the one-series ADF
 * tables here would be anti-conservative (oracle SPEC §12). Perfectly collinear series are refused
 * (statsmodels returns -inf with a warning).
 *
 * <p>Stateless and thread-safe.
 */
public final class EngleGranger {
    private EngleGranger() {}

    /**
     * The result.
     *
     * @param statistic the ADF statistic of the residuals
     * @param pValue MacKinnon's p-value for two series
     * @param criticalValues 1%, 5%, 10% critical values for two series
     * @param alpha the cointegrating regression's intercept
     * @param beta the cointegrating coefficient (hedge ratio) of x
     * @param usedLag the ADF lag chosen
     * @param nobs observations in the cointegrating regression
     */
    public record Result(
            double statistic,
            double pValue,
            CriticalValues criticalValues,
            double alpha,
            double beta,
            int usedLag,
            int nobs) {}

    /**
     * Tests y and x for cointegration.
     *
     * @param y the first series
     * @param x the second series, same length
     * @param trend {@link Trend#C} (default in statsmodels) or {@link Trend#CT}
     * @return the result
     * @throws IllegalArgumentException for another trend, mismatched or too short series, or
     *     collinear series
     */
    public static Result test(double[] y, double[] x, Trend trend) {
        Args.notNull(y, "y");
        Args.notNull(x, "x");
        if (trend != Trend.C && trend != Trend.CT) {
            throw new IllegalArgumentException("trend must be c or ct, was " + trend.label());
        }
        int n = y.length;
        if (x.length != n) {
            throw new IllegalArgumentException(
                    "y and x must have the same length, were " + n + " and " + x.length);
        }
        double[][] regressors;
        if (trend == Trend.CT) {
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = i + 1;
            }
            regressors = new double[][] {t, x};
        } else {
            regressors = new double[][] {x};
        }
        MultipleOls.Result ols = MultipleOls.fit(y, regressors, true);
        if (ols.rSquared() >= 1 - 100 * Math.sqrt(Math.ulp(1.0))) {
            throw new IllegalArgumentException(
                    "y and x are (almost) perfectly collinear: cointegration is not testable");
        }
        double[] p = ols.params();
        double[] resid = new double[n];
        for (int i = 0; i < n; i++) {
            double fit = p[0];
            for (int j = 0; j < regressors.length; j++) {
                fit += p[j + 1] * regressors[j][i];
            }
            resid[i] = y[i] - fit;
        }
        AdfResult adf = Adf.test(resid, Trend.N, Autolag.AIC, -1);
        return new Result(
                adf.statistic(),
                MacKinnon.pValue(adf.statistic(), trend, 2),
                MacKinnon.criticalValues(trend, 2, n - 1),
                p[0],
                p[p.length - 1],
                adf.usedLag(),
                n);
    }
}
