package org.quantstream.core.stationarity;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.quantstream.core.util.Args;

/**
 * MacKinnon's approximate p-values (MacKinnon 1994 response surfaces) and finite-sample critical
 * values (MacKinnon 2010) for unit-root and cointegration tests, exactly as statsmodels' {@code
 * mackinnonp} and {@code mackinnoncrit}: same scaled coefficients, same Horner order, same cut-offs
 * (p = 0 below tau_min, 1 above tau_max). See {@link MacKinnonTables} for the sources.
 *
 * <p>Stateless and thread-safe; allocation-free except {@link #criticalValues}, which returns a
 * record.
 */
public final class MacKinnon {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private MacKinnon() {}

    /**
     * The p-value of a statistic.
     *
     * @param tau the test statistic
     * @param trend the deterministic terms of the test regression
     * @param n the number of I(1) series: 1 for ADF, 2 for a two-series Engle-Granger test; 1 to 6
     * @return the approximate p-value (NaN for a NaN statistic)
     * @throws IllegalArgumentException if n is outside 1..6
     */
    public static double pValue(double tau, Trend trend, int n) {
        int r = trend.ordinal();
        int i = (int) Args.inRange(n, 1, 6, "n") - 1;
        if (Double.isNaN(tau)) {
            return Double.NaN;
        }
        if (tau > MacKinnonTables.TAU_MAX[r][i]) {
            return 1.0;
        }
        if (tau < MacKinnonTables.TAU_MIN[r][i]) {
            return 0.0;
        }
        double[] c =
                tau <= MacKinnonTables.TAU_STAR[r][i]
                        ? MacKinnonTables.SMALL_P[r][i]
                        : MacKinnonTables.LARGE_P[r][i];
        double v = 0; // numpy.polyval: Horner from the highest order
        for (int k = c.length - 1; k >= 0; k--) {
            v = v * tau + c[k];
        }
        return NORMAL.cumulativeProbability(v);
    }

    /**
     * The critical value at one level.
     *
     * @param level 0 for 1%, 1 for 5%, 2 for 10%
     * @param trend the deterministic terms
     * @param n the number of I(1) series (only 1 for {@link Trend#N})
     * @param nobs the regression's observations (infinite for the asymptotic value)
     * @return {@code b0 + b1/T + b2/T² + b3/T³}
     */
    public static double criticalValue(int level, Trend trend, int n, double nobs) {
        double[][][] byN = MacKinnonTables.CRIT[trend.ordinal()];
        if (n < 1 || n > byN.length) {
            throw new IllegalArgumentException(
                    "n must be in [1, "
                            + byN.length
                            + "] for regression "
                            + trend.label()
                            + ", was "
                            + n);
        }
        double[] b = byN[n - 1][(int) Args.inRange(level, 0, 2, "level")];
        double t = 1.0 / nobs;
        return ((b[3] * t + b[2]) * t + b[1]) * t + b[0];
    }

    /**
     * The 1%, 5% and 10% critical values.
     *
     * @param trend the deterministic terms
     * @param n the number of I(1) series
     * @param nobs the regression's observations
     * @return the critical values
     */
    public static CriticalValues criticalValues(Trend trend, int n, double nobs) {
        return new CriticalValues(
                criticalValue(0, trend, n, nobs),
                criticalValue(1, trend, n, nobs),
                criticalValue(2, trend, n, nobs));
    }
}
