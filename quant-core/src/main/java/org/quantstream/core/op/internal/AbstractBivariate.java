package org.quantstream.core.op.internal;

import org.quantstream.core.op.BivariateOperator;

/**
 * Counting and the NaN/infinity boundary shared by the bivariate operators: a pair with a NaN or
 * infinite member is refused whole, so the two series stay aligned.
 */
public abstract class AbstractBivariate implements BivariateOperator {
    private long count;
    private long rejected;

    /** Creates the base. */
    protected AbstractBivariate() {}

    @Override
    public final void update(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            rejected++;
            return;
        }
        count++;
        accept(x, y);
    }

    /**
     * Adds a finite pair.
     *
     * @param x first value
     * @param y second value
     */
    protected abstract void accept(double x, double y);

    /** Clears the subclass's state. */
    protected abstract void clear();

    @Override
    public final long count() {
        return count;
    }

    @Override
    public final long rejected() {
        return rejected;
    }

    @Override
    public final void reset() {
        count = 0;
        rejected = 0;
        clear();
    }

    /**
     * Checks a window length.
     *
     * @param window the length
     * @param min the smallest allowed
     * @return {@code window}
     */
    protected static int checkWindow(int window, int min) {
        if (window < min) {
            throw new IllegalArgumentException("window must be >= " + min + ", was " + window);
        }
        return window;
    }
}
