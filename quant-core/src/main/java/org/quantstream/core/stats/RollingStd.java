package org.quantstream.core.stats;

/**
 * The standard deviation of the last {@code window} values: the square root of {@link
 * RollingVariance} (pandas {@code rolling(window).std()}, ddof 1 by default). O(1) amortised.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingStd extends AbstractUnivariate {
    private final RollingVariance variance;

    /**
     * Creates the operator with ddof 1.
     *
     * @param window values in the window, at least 2
     */
    public RollingStd(int window) {
        this(window, 1);
    }

    /**
     * Creates the operator.
     *
     * @param window values in the window, greater than ddof
     * @param ddof delta degrees of freedom
     */
    public RollingStd(int window, int ddof) {
        this.variance = new RollingVariance(window, ddof);
    }

    @Override
    void accept(double x) {
        variance.update(x);
    }

    @Override
    void clear() {
        variance.reset();
    }

    @Override
    public double value() {
        return variance.std();
    }

    @Override
    public boolean isReady() {
        return variance.isReady();
    }
}
