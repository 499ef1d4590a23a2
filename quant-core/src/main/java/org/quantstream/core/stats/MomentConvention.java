package org.quantstream.core.stats;

/**
 * How skewness and kurtosis are estimated. Both give excess (Fisher) kurtosis. With {@code m_k =
 * (1/n) Σ(x - x̄)^k}:
 *
 * <ul>
 *   <li>{@link #PANDAS}: bias-corrected sample estimators, pandas' {@code Series.skew()} / {@code
 *       .kurt()} and scipy's {@code bias=False}: {@code G1 = g1 sqrt(n(n-1))/(n-2)}, {@code G2 =
 *       (n-1)/((n-2)(n-3)) ((n+1) g2 + 6)}; NaN below 3 (skew) or 4 (kurtosis) observations; 0 for
 *       zero variance.
 *   <li>{@link #SCIPY}: the biased population estimators, scipy's defaults: {@code g1 = m3 /
 *       m2^1.5}, {@code g2 = m4 / m2² - 3}; NaN for zero variance.
 * </ul>
 */
public enum MomentConvention {
    /** Bias-corrected, as pandas. */
    PANDAS,
    /** Biased, as scipy's defaults. */
    SCIPY;

    /**
     * Skewness from centred sums.
     *
     * @param n observations
     * @param sum2 {@code Σ(x - x̄)²}
     * @param sum3 {@code Σ(x - x̄)³}
     * @param mean the mean (for scipy's zero-variance test)
     * @return the skewness in this convention
     */
    public double skewness(long n, double sum2, double sum3, double mean) {
        if (this == PANDAS) {
            if (n < 3) {
                return Double.NaN;
            }
            double m2s = zeroOut(sum2, n, Math.abs(mean), 2);
            double m3s = zeroOut(sum3, n, spread(n, m2s, mean), 3);
            if (m2s == 0) {
                return 0;
            }
            double g1 = (m3s / n) / Math.pow(m2s / n, 1.5);
            return g1 * Math.sqrt((double) n * (n - 1)) / (n - 2);
        }
        if (n < 1) {
            return Double.NaN;
        }
        double m2 = sum2 / n;
        double zero = 1e-15 * mean;
        if (m2 <= zero * zero) {
            return Double.NaN;
        }
        return (sum3 / n) / Math.pow(m2, 1.5);
    }

    /**
     * Excess kurtosis from centred sums.
     *
     * @param n observations
     * @param sum2 {@code Σ(x - x̄)²}
     * @param sum4 {@code Σ(x - x̄)⁴}
     * @param mean the mean (for scipy's zero-variance test)
     * @return the excess kurtosis in this convention
     */
    public double kurtosis(long n, double sum2, double sum4, double mean) {
        if (this == PANDAS) {
            if (n < 4) {
                return Double.NaN;
            }
            double m2s = zeroOut(sum2, n, Math.abs(mean), 2);
            double m4s = zeroOut(sum4, n, spread(n, m2s, mean), 4);
            if (m2s == 0) {
                return 0;
            }
            double m2 = m2s / n;
            double g2 = (m4s / n) / (m2 * m2) - 3;
            return (n - 1.0) / ((n - 2.0) * (n - 3.0)) * ((n + 1.0) * g2 + 6);
        }
        if (n < 1) {
            return Double.NaN;
        }
        double m2 = sum2 / n;
        double zero = 1e-15 * mean;
        if (m2 <= zero * zero) {
            return Double.NaN;
        }
        return (sum4 / n) / (m2 * m2) - 3;
    }

    /**
     * pandas' {@code _zero_out_fperr} made relative: pandas zeroes a centred sum below the absolute
     * 1e-14, which turns the skewness and kurtosis of any data of scale 1e-5 or less into 0; here a
     * sum is zeroed only below the rounding noise of data of that scale, {@code n (1e-14 scale)^k},
     * so a constant series still gives 0 and the result is the same at every scale.
     */
    private static double zeroOut(double sum, long n, double scale, int k) {
        double unit = 1e-14 * scale;
        double tolerance = n * Math.pow(unit, k);
        return Math.abs(sum) <= tolerance ? 0 : sum;
    }

    /** The scale of the data around its mean: the larger of |mean| and the standard deviation. */
    private static double spread(long n, double sum2, double mean) {
        return Math.max(Math.abs(mean), Math.sqrt(Math.max(sum2, 0) / n));
    }
}
