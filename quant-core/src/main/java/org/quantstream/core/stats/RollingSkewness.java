package org.quantstream.core.stats;

import org.quantstream.core.op.internal.ShiftedWindow;
import org.quantstream.core.util.Args;

/**
 * The skewness of the last {@code window} values in a {@link MomentConvention} (pandas' by
 * default). Centred sums from re-anchored shifted power sums, so unlike pandas' raw-moment rolling
 * skew it does not degrade at large offsets. O(1) amortised.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingSkewness extends AbstractUnivariate {
    private final ShiftedWindow w;
    private final MomentConvention convention;

    /**
     * Creates the operator in pandas' convention.
     *
     * @param window values in the window, at least 3
     */
    public RollingSkewness(int window) {
        this(window, MomentConvention.PANDAS);
    }

    /**
     * Creates the operator.
     *
     * @param window values in the window, at least 3
     * @param convention bias-corrected (pandas) or biased (scipy)
     */
    public RollingSkewness(int window, MomentConvention convention) {
        if (window < 3) {
            throw new IllegalArgumentException("window must be >= 3, was " + window);
        }
        this.w = new ShiftedWindow(window, 4);
        this.convention = Args.notNull(convention, "convention");
    }

    @Override
    void accept(double x) {
        w.add(x);
    }

    @Override
    void clear() {
        w.clear();
    }

    @Override
    public double value() {
        return w.isFull() ? convention.skewness(w.size(), w.m2(), w.m3(), w.mean()) : Double.NaN;
    }

    @Override
    public boolean isReady() {
        return w.isFull();
    }
}
