package org.quantstream.core.stats;

import org.quantstream.core.op.UnivariateOperator;

/** Counting and the NaN/infinity boundary shared by the univariate operators. */
abstract class AbstractUnivariate implements UnivariateOperator {
    private long count;
    private long rejected;

    @Override
    public final void update(double x) {
        if (!Double.isFinite(x)) {
            rejected++;
            return;
        }
        count++;
        accept(x);
    }

    /** Adds a finite value. */
    abstract void accept(double x);

    /** Clears the subclass's state. */
    abstract void clear();

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

    static int checkWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        return window;
    }

    static int checkDdof(int ddof) {
        if (ddof < 0) {
            throw new IllegalArgumentException("ddof must be >= 0, was " + ddof);
        }
        return ddof;
    }
}
