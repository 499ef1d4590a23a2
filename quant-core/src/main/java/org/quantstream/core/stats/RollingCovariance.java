package org.quantstream.core.stats;

import org.quantstream.core.op.internal.AbstractBivariate;
import org.quantstream.core.op.internal.ShiftedCoWindow;

/**
 * The covariance of the last {@code window} pairs, {@code Σ(x - x̄)(y - ȳ) / (n - ddof)}, ddof 1 by
 * default as pandas. Centred co-moments from re-anchored shifted sums (pandas' raw-moment formula
 * is unusable at large offsets). O(1) amortised.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingCovariance extends AbstractBivariate {
    private final ShiftedCoWindow w;
    private final int ddof;

    /**
     * Creates the operator with ddof 1.
     *
     * @param window pairs in the window, at least 2
     */
    public RollingCovariance(int window) {
        this(window, 1);
    }

    /**
     * Creates the operator.
     *
     * @param window pairs in the window, greater than ddof
     * @param ddof delta degrees of freedom, &gt;= 0
     */
    public RollingCovariance(int window, int ddof) {
        this.ddof = AbstractUnivariate.checkDdof(ddof);
        this.w = new ShiftedCoWindow(checkWindow(window, ddof + 1));
    }

    @Override
    protected void accept(double x, double y) {
        w.add(x, y);
    }

    @Override
    protected void clear() {
        w.clear();
    }

    @Override
    public double value() {
        return w.isFull() ? w.sxy() / (w.size() - ddof) : Double.NaN;
    }

    @Override
    public boolean isReady() {
        return w.isFull();
    }
}
