package org.quantstream.core.regression;

import org.quantstream.core.op.BivariateOperator;

/**
 * A streaming estimate of {@code y ≈ alpha + beta·x}: rolling or recursive OLS, rolling total least
 * squares, the Kalman filter. {@link #value()} is beta. Not thread-safe.
 */
public interface HedgeRatio extends BivariateOperator {
    /**
     * The slope, the hedge ratio.
     *
     * @return beta, NaN until ready
     */
    double beta();

    /**
     * The intercept.
     *
     * @return alpha, NaN until ready
     */
    double alpha();

    /**
     * The spread of a pair against the current estimate: {@code y - beta·x - alpha}.
     *
     * @param x the regressor
     * @param y the regressand
     * @return the spread, NaN until ready
     */
    default double spread(double x, double y) {
        return y - beta() * x - alpha();
    }
}
