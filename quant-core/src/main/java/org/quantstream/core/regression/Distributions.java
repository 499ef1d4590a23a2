package org.quantstream.core.regression;

import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Two-sided p-values, as statsmodels computes them. Stateless; allocates a distribution per call.
 */
final class Distributions {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private Distributions() {}

    /** {@code 2 P(T > |t|)} for Student's t with {@code df} degrees of freedom. */
    static double tTwoSided(double t, double df) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        return 2 * TDistribution.of(df).survivalProbability(Math.abs(t));
    }

    /** {@code 2 P(Z > |z|)} for the standard normal. */
    static double normalTwoSided(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return 2 * NORMAL.survivalProbability(Math.abs(z));
    }

    /** {@code P(F > f)} for F(d1, d2). */
    static double fSurvival(double f, double d1, double d2) {
        if (Double.isNaN(f)) {
            return Double.NaN;
        }
        return FDistribution.of(d1, d2).survivalProbability(f);
    }
}
