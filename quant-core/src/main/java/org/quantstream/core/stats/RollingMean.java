package org.quantstream.core.stats;

import org.quantstream.core.op.internal.ShiftedWindow;

/**
 * The mean of the last {@code window} values (pandas {@code rolling(window).mean()}: NaN until the
 * window is full; a window of one repeated value gives exactly that value). Shifted sums
 * re-anchored once per window: O(1) amortised.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingMean extends AbstractUnivariate {
    private final ShiftedWindow w;

    /**
     * Creates the operator.
     *
     * @param window values in the window, at least 1
     */
    public RollingMean(int window) {
        this.w = new ShiftedWindow(checkWindow(window), 2);
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
        return w.isFull() ? w.mean() : Double.NaN;
    }

    @Override
    public boolean isReady() {
        return w.isFull();
    }
}
