package org.quantstream.core.stationarity;

import org.quantstream.core.regression.Ols;
import org.quantstream.core.regression.OlsResult;
import org.quantstream.core.util.Args;

/**
 * The half-life of mean reversion of a spread: OLS of {@code Δs_t = μ + λ s_{t-1} + ε}, half-life
 * {@code -ln 2 / λ} (the Ornstein-Uhlenbeck discretisation, as in Chan 2013). Refused when λ &gt;=
 * 0: the series does not revert.
 *
 * <p>Stateless and thread-safe.
 */
public final class HalfLife {
    private HalfLife() {}

    /**
     * The result.
     *
     * @param halfLife periods for a deviation to halve
     * @param lambda the mean-reversion coefficient λ (negative)
     * @param lambdaTStat t statistic of λ
     * @param mu the regression's intercept
     * @param n observations in the regression
     */
    public record Result(double halfLife, double lambda, double lambdaTStat, double mu, long n) {}

    /**
     * Estimates the half-life.
     *
     * @param s the spread, at least 4 values
     * @return the result
     * @throws IllegalArgumentException if the series is too short, not finite, constant, or not
     *     mean reverting
     */
    public static Result of(double[] s) {
        Args.notNull(s, "s");
        if (s.length < 4) {
            throw new IllegalArgumentException(
                    "at least 4 observations are needed, got " + s.length);
        }
        double[] lagged = new double[s.length - 1];
        double[] diff = new double[s.length - 1];
        for (int i = 1; i < s.length; i++) {
            lagged[i - 1] = s[i - 1];
            diff[i - 1] = s[i] - s[i - 1];
        }
        OlsResult r = Ols.fit(lagged, diff);
        if (!(r.beta() < 0)) {
            throw new IllegalArgumentException(
                    "the series does not revert to a mean (lambda = "
                            + r.beta()
                            + " >= 0): no half-life");
        }
        return new Result(-Math.log(2) / r.beta(), r.beta(), r.betaTStat(), r.alpha(), r.n());
    }
}
