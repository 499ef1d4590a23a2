package org.quantstream.examples.cli;

import org.quantstream.core.regression.HedgeRatio;
import org.quantstream.core.regression.KalmanHedgeRatio;
import org.quantstream.core.regression.RecursiveOls;
import org.quantstream.core.regression.RollingHuber;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.regression.TotalLeastSquares;

/** The streaming hedge-ratio methods of {@code quant pair} and {@code quant run}, as typed. */
enum HedgeMethod {
    ols,
    rolling_ols,
    recursive_ols,
    huber,
    tls,
    kalman;

    @Override
    public String toString() {
        return name().replace('_', '-');
    }

    /**
     * The method by its typed name.
     *
     * @param text e.g. {@code rolling-ols}
     * @return the method
     * @throws IllegalArgumentException naming the valid ones
     */
    static HedgeMethod parse(String text) {
        for (HedgeMethod m : values()) {
            if (m.toString().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown hedge method \""
                        + text
                        + "\"; methods: ols, rolling-ols, recursive-ols,"
                        + " huber, tls, kalman");
    }

    /**
     * A new hedge ratio of this method.
     *
     * @param window window of rolling-ols, huber and tls
     * @param lambda forgetting factor of recursive-ols
     * @param delta Kalman state drift
     * @param ve Kalman observation variance
     * @return the operator
     */
    HedgeRatio create(int window, double lambda, double delta, double ve) {
        return switch (this) {
            case ols -> new RecursiveOls(1.0);
            case rolling_ols -> new RollingOls(window);
            case recursive_ols -> new RecursiveOls(lambda);
            case huber -> new RollingHuber(window);
            case tls -> new TotalLeastSquares(window);
            case kalman -> new KalmanHedgeRatio(delta, ve);
        };
    }
}
