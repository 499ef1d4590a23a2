package org.quantstream.core.stats;

import java.util.Arrays;
import org.quantstream.core.util.Args;

/**
 * Descriptive statistics of a whole series, as pandas' {@code Series.describe()} plus skewness and
 * kurtosis. NaN values are skipped (as pandas); infinities are refused. Two passes with centred
 * sums, the mean corrected by the mean residual, so a 1e9 offset costs no precision. Quantiles
 * interpolate linearly (type 7, pandas and numpy's default).
 *
 * @param count values that are not NaN
 * @param mean the mean
 * @param std standard deviation, ddof 1
 * @param variance variance, ddof 1
 * @param min smallest
 * @param q25 25% quantile
 * @param median 50% quantile
 * @param q75 75% quantile
 * @param max largest
 * @param skewness bias-corrected skewness (pandas)
 * @param kurtosis bias-corrected excess kurtosis (pandas)
 * @param skewnessBiased biased skewness (scipy's default)
 * @param kurtosisBiased biased excess kurtosis (scipy's default)
 */
public record Describe(
        long count,
        double mean,
        double std,
        double variance,
        double min,
        double q25,
        double median,
        double q75,
        double max,
        double skewness,
        double kurtosis,
        double skewnessBiased,
        double kurtosisBiased) {

    /**
     * Describes a series. O(n log n) for the quantiles; allocates a sorted copy.
     *
     * @param values the series; NaN values are skipped
     * @return the statistics (NaN where undefined, count 0 for an empty series)
     * @throws IllegalArgumentException if a value is infinite, naming its index
     */
    public static Describe of(double[] values) {
        Args.notNull(values, "values");
        double[] v = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            if (Double.isNaN(x)) {
                continue;
            }
            if (Double.isInfinite(x)) {
                throw new IllegalArgumentException(
                        "values[" + i + "] is " + x + "; only finite values or NaN");
            }
            v[n++] = x;
        }
        v = Arrays.copyOf(v, n);
        if (n == 0) {
            double nan = Double.NaN;
            return new Describe(0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan);
        }
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / n;
        double r = 0;
        for (double x : v) {
            r += x - mean;
        }
        mean += r / n;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        for (double x : v) {
            double d = x - mean;
            double d2 = d * d;
            s2 += d2;
            s3 += d2 * d;
            s4 += d2 * d2;
        }
        Arrays.sort(v);
        double var = n > 1 ? s2 / (n - 1) : Double.NaN;
        return new Describe(
                n,
                mean,
                Math.sqrt(var),
                var,
                v[0],
                quantile(v, 0.25),
                (n & 1) == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, // as numpy/pandas median
                quantile(v, 0.75),
                v[n - 1],
                MomentConvention.PANDAS.skewness(n, s2, s3, mean),
                MomentConvention.PANDAS.kurtosis(n, s2, s4, mean),
                MomentConvention.SCIPY.skewness(n, s2, s3, mean),
                MomentConvention.SCIPY.kurtosis(n, s2, s4, mean));
    }

    /**
     * A quantile of sorted values by linear interpolation between the two nearest ranks
     * (Hyndman-Fan type 7).
     *
     * @param sorted values in ascending order, at least one
     * @param p the probability, in [0, 1]
     * @return the quantile
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or there is no value
     */
    public static double quantile(double[] sorted, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], was " + p);
        }
        if (sorted.length == 0) {
            throw new IllegalArgumentException("sorted must not be empty");
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
