package org.quantstream.core.regression;

import org.quantstream.core.op.internal.AbstractBivariate;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.util.Args;

/**
 * The spread of a pair against a streaming hedge ratio, {@code y - beta·x - alpha}, and its rolling
 * z-score: each update first updates the hedge ratio, then takes the spread with the new estimate
 * and scores it against the last {@code window} spreads (ddof 1). {@link #value()} is the z-score.
 * O(1) when the hedge ratio is; no allocation.
 *
 * <p>Not thread-safe; the hedge ratio belongs to this operator once passed in.
 */
public final class SpreadZScore extends AbstractBivariate {
    private final HedgeRatio hedge;
    private final RollingZScore z;
    private double spread = Double.NaN;

    /**
     * Creates the operator.
     *
     * @param hedge the hedge-ratio estimator it drives
     * @param window spreads in the z-score window, at least 2
     */
    public SpreadZScore(HedgeRatio hedge, int window) {
        this.hedge = Args.notNull(hedge, "hedge");
        this.z = new RollingZScore(window);
    }

    @Override
    protected void accept(double x, double y) {
        hedge.update(x, y);
        if (hedge.isReady()) {
            spread = hedge.spread(x, y);
            z.update(spread);
        }
    }

    @Override
    protected void clear() {
        hedge.reset();
        z.reset();
        spread = Double.NaN;
    }

    @Override
    public double value() {
        return z.value();
    }

    @Override
    public boolean isReady() {
        return z.isReady();
    }

    /**
     * The latest spread.
     *
     * @return {@code y - beta·x - alpha}, NaN until the hedge ratio is ready
     */
    public double spread() {
        return spread;
    }

    /**
     * The hedge-ratio estimator.
     *
     * @return the estimator this operator drives
     */
    public HedgeRatio hedge() {
        return hedge;
    }
}
