package org.quantstream.core.op;

/** An {@link Operator} over one series. Not thread-safe. */
public interface UnivariateOperator extends Operator {
    /**
     * Adds an observation.
     *
     * @param x the value; NaN or infinite is rejected and counted
     */
    void update(double x);
}
