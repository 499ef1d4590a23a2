package org.quantstream.core.stats;

/**
 * Mean, variance, skewness and kurtosis of every value seen so far, updated with Welford's method
 * extended to the third and fourth moments (Terriberry 2008; Pébay 2008) on values shifted by the
 * first one, so a large offset costs no precision (plain Welford is 6e-8 off at a 1e9 offset,
 * shifted 1e-15). {@link #value()} is the mean, ready after one value.
 *
 * <p>Not thread-safe; allocates nothing.
 */
public final class ExpandingMoments extends AbstractUnivariate {
    private long n;
    private double shift;
    private double mean; // of the shifted values
    private double m2;
    private double m3;
    private double m4;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Creates an empty accumulator. */
    public ExpandingMoments() {}

    @Override
    void accept(double x) {
        if (n == 0) {
            shift = x;
        }
        long n1 = n;
        n++;
        double delta = (x - shift) - mean;
        double deltaN = delta / n;
        double deltaN2 = deltaN * deltaN;
        double term1 = delta * deltaN * n1;
        mean += deltaN;
        m4 += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
        m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
        m2 += term1;
        min = Math.min(min, x);
        max = Math.max(max, x);
    }

    @Override
    void clear() {
        n = 0;
        shift = 0;
        mean = 0;
        m2 = 0;
        m3 = 0;
        m4 = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    @Override
    public double value() {
        return n > 0 ? shift + mean : Double.NaN;
    }

    @Override
    public boolean isReady() {
        return n > 0;
    }

    /**
     * The variance.
     *
     * @param ddof delta degrees of freedom (1: sample, 0: population)
     * @return the variance, NaN when {@code count <= ddof}
     */
    public double variance(int ddof) {
        return n > ddof ? m2 / (n - ddof) : Double.NaN;
    }

    /**
     * The skewness.
     *
     * @param convention pandas or scipy
     * @return the skewness
     */
    public double skewness(MomentConvention convention) {
        return convention.skewness(n, m2, m3, shift + mean);
    }

    /**
     * The excess kurtosis.
     *
     * @param convention pandas or scipy
     * @return the kurtosis
     */
    public double kurtosis(MomentConvention convention) {
        return convention.kurtosis(n, m2, m4, shift + mean);
    }

    /**
     * The smallest value.
     *
     * @return the minimum, NaN when empty
     */
    public double min() {
        return n > 0 ? min : Double.NaN;
    }

    /**
     * The largest value.
     *
     * @return the maximum, NaN when empty
     */
    public double max() {
        return n > 0 ? max : Double.NaN;
    }
}
