package org.quantstream.core.regression;

import org.quantstream.core.op.internal.AbstractBivariate;

/**
 * The Kalman-filter dynamic hedge ratio of Chan (2013), Example 3.3: state {@code (beta, alpha)}
 * following a random walk with covariance {@code Vw = δ/(1-δ) I}, observation {@code y = beta·x +
 * alpha + v}, {@code v ~ N(0, Ve)}, prior state 0. Per step: {@code R = P + Vw} (the first step
 * uses the initial covariance instead), forecast {@code ŷ = beta·x + alpha}, error {@code e = y -
 * ŷ}, its variance {@code Q = H R H' + Ve}, gain {@code K = R H'/Q}, then {@code state += K e} and
 * {@code P = R - K H R}. Closed-form 2×2 algebra: O(1), no allocation. Matches pykalman to 1e-15
 * (oracle SPEC §6). Chan's trading signal is {@link #forecastError()} against ±{@link
 * #forecastStd()}.
 *
 * <p>Not thread-safe.
 */
public final class KalmanHedgeRatio extends AbstractBivariate implements HedgeRatio {
    /** How the filter starts (the three conventions in the oracle). */
    public enum Init {
        /**
         * Chan's: initial covariance 0, so the first observation leaves the state at 0 (pykalman,
         * covariance 0).
         */
        CHAN,
        /** pykalman with initial state covariance I. */
        IDENTITY,
        /** The transition applied before the first observation too: initial covariance Vw. */
        PREDICT_FIRST
    }

    private final double vw;
    private final double ve;
    private final Init init;
    private double beta;
    private double alpha;
    private double p00;
    private double p01;
    private double p11;
    private double yhat = Double.NaN;
    private double e = Double.NaN;
    private double q = Double.NaN;

    /**
     * Creates the filter with Chan's initialisation.
     *
     * @param delta the state drift δ in (0, 1): {@code Vw = δ/(1-δ)}; Chan uses 1e-4
     * @param ve the observation noise variance, &gt; 0; Chan uses 1e-3
     */
    public KalmanHedgeRatio(double delta, double ve) {
        this(delta, ve, Init.CHAN);
    }

    /**
     * Creates the filter.
     *
     * @param delta the state drift δ in (0, 1)
     * @param ve the observation noise variance, &gt; 0
     * @param init the initialisation convention
     */
    public KalmanHedgeRatio(double delta, double ve, Init init) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), was " + delta);
        }
        if (!(ve > 0) || Double.isInfinite(ve)) {
            throw new IllegalArgumentException("ve must be finite and > 0, was " + ve);
        }
        if (init == null) {
            throw new IllegalArgumentException("init must not be null");
        }
        this.vw = delta / (1 - delta);
        this.ve = ve;
        this.init = init;
    }

    @Override
    protected void accept(double x, double y) {
        double r00;
        double r01;
        double r11;
        if (count() == 1) {
            double p0 = init == Init.CHAN ? 0 : init == Init.IDENTITY ? 1 : vw;
            r00 = p0;
            r01 = 0;
            r11 = p0;
        } else {
            r00 = p00 + vw;
            r01 = p01;
            r11 = p11 + vw;
        }
        yhat = beta * x + alpha;
        e = y - yhat;
        double a0 = r00 * x + r01; // R H'
        double a1 = r01 * x + r11;
        q = x * a0 + a1 + ve;
        double k0 = a0 / q;
        double k1 = a1 / q;
        beta += k0 * e;
        alpha += k1 * e;
        p00 = r00 - k0 * a0;
        p01 = r01 - k0 * a1;
        p11 = r11 - k1 * a1;
    }

    @Override
    protected void clear() {
        beta = 0;
        alpha = 0;
        p00 = 0;
        p01 = 0;
        p11 = 0;
        yhat = Double.NaN;
        e = Double.NaN;
        q = Double.NaN;
    }

    @Override
    public boolean isReady() {
        return count() > 0;
    }

    @Override
    public double value() {
        return beta();
    }

    @Override
    public double beta() {
        return isReady() ? beta : Double.NaN;
    }

    @Override
    public double alpha() {
        return isReady() ? alpha : Double.NaN;
    }

    /**
     * The forecast of the last y made before seeing it, {@code beta·x + alpha} with the prior
     * state.
     *
     * @return ŷ, NaN before the first update
     */
    public double forecast() {
        return yhat;
    }

    /**
     * The last forecast error {@code e = y - ŷ}.
     *
     * @return e, NaN before the first update
     */
    public double forecastError() {
        return e;
    }

    /**
     * The standard deviation of the last forecast error, {@code sqrt(Q)}.
     *
     * @return sqrt(Q), NaN before the first update
     */
    public double forecastStd() {
        return Math.sqrt(q);
    }

    /**
     * The posterior state covariance entry for beta.
     *
     * @return P[0][0]
     */
    public double betaVariance() {
        return p00;
    }
}
