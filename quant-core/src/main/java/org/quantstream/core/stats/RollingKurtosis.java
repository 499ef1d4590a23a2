package org.quantstream.core.stats;

import org.quantstream.core.op.internal.ShiftedWindow;
import org.quantstream.core.util.Args;

/**
 * The excess kurtosis of the last {@code window} values in a {@link MomentConvention} (pandas' by
 * default). O(1) amortised.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingKurtosis extends AbstractUnivariate {
    private final ShiftedWindow w;
    private final MomentConvention convention;

    /**
     * Creates the operator in pandas' convention.
     *
     * @param window values in the window, at least 4
     */
    public RollingKurtosis(int window) {
        this(window, MomentConvention.PANDAS);
    }

    /**
     * Creates the operator.
     *
     * @param window values in the window, at least 4
     * @param convention bias-corrected (pandas) or biased (scipy)
     */
    public RollingKurtosis(int window, MomentConvention convention) {
        if (window < 4) {
            throw new IllegalArgumentException("window must be >= 4, was " + window);
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
        return w.isFull() ? convention.kurtosis(w.size(), w.m2(), w.m4(), w.mean()) : Double.NaN;
    }

    @Override
    public boolean isReady() {
        return w.isFull();
    }
}
