package org.quantstream.core.op;

/** An {@link Operator} over a pair of series observed together. Not thread-safe. */
public interface BivariateOperator extends Operator {
    /**
     * Adds a pair of observations.
     *
     * @param x the first (in a regression, the regressor)
     * @param y the second (in a regression, the regressand)
     */
    void update(double x, double y);
}
