package org.quantstream.core.regression;

import org.quantstream.core.op.internal.AbstractBivariate;

/**
 * Recursive least squares of {@code y = alpha + beta·x} with a forgetting factor λ: observation i
 * carries weight {@code λ^(t-i)}, so the effective memory is about {@code 1/(1-λ)} observations; λ
 * = 1 is expanding OLS. Weighted centred co-moments updated with West's (1979) incremental
 * algorithm, which is numerically stable where the textbook RLS covariance update is not; equal to
 * RLS with forgetting from a diffuse prior. {@link #value()} is beta, ready after two distinct x
 * values. O(1), no allocation.
 *
 * <p>Not thread-safe.
 */
public final class RecursiveOls extends AbstractBivariate implements HedgeRatio {
    private final double lambda;
    private double weight;
    private double meanX;
    private double meanY;
    private double sxx;
    private double sxy;

    /**
     * Creates the estimator.
     *
     * @param lambda forgetting factor in (0, 1]
     * @throws IllegalArgumentException if λ is outside (0, 1]
     */
    public RecursiveOls(double lambda) {
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must be in (0, 1], was " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    protected void accept(double x, double y) {
        weight = lambda * weight + 1;
        double dx = x - meanX;
        meanX += dx / weight;
        meanY += (y - meanY) / weight;
        sxx = lambda * sxx + dx * (x - meanX);
        sxy = lambda * sxy + dx * (y - meanY);
    }

    @Override
    protected void clear() {
        weight = 0;
        meanX = 0;
        meanY = 0;
        sxx = 0;
        sxy = 0;
    }

    @Override
    public boolean isReady() {
        return count() >= 2 && sxx > 0;
    }

    @Override
    public double value() {
        return beta();
    }

    @Override
    public double beta() {
        return isReady() ? sxy / sxx : Double.NaN;
    }

    @Override
    public double alpha() {
        return isReady() ? meanY - beta() * meanX : Double.NaN;
    }
}
