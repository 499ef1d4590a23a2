package org.quantstream.core.regression;

import org.quantstream.core.op.internal.AbstractBivariate;
import org.quantstream.core.op.internal.ShiftedCoWindow;

/**
 * Total least squares (orthogonal regression, Deming with λ = 1) of {@code y = alpha + beta·x}: the
 * line minimising perpendicular distances, symmetric in x and y, the usual choice when both legs of
 * a pair are noisy. Closed form from the centred 2×2 covariance: with {@code d = Syy - Sxx}, {@code
 * beta = (d + sqrt(d² + 4Sxy²)) / (2Sxy)} for d ≥ 0 and the equal {@code 2Sxy / (sqrt(d² + 4Sxy²) -
 * d)} for d &lt; 0, avoiding cancellation (oracle SPEC §5). Not scale invariant. Undefined (NaN, or
 * refused in batch) when Sxy = 0.
 *
 * <p>As an operator it is rolling over a window (O(1) amortised, no allocation); {@link #fit} is
 * the batch form. Not thread-safe.
 */
public final class TotalLeastSquares extends AbstractBivariate implements HedgeRatio {
    private final ShiftedCoWindow w;

    /**
     * The batch result.
     *
     * @param alpha intercept
     * @param beta slope
     */
    public record Result(double alpha, double beta) {}

    /**
     * Creates a rolling estimator.
     *
     * @param window pairs per fit, at least 2
     */
    public TotalLeastSquares(int window) {
        this.w = new ShiftedCoWindow(checkWindow(window, 2));
    }

    /**
     * Fits a whole sample.
     *
     * @param x first series
     * @param y second series, same length
     * @return the line
     * @throws IllegalArgumentException for mismatched lengths, fewer than 2 observations, NaN or
     *     infinity, or Sxy = 0
     */
    public static Result fit(double[] x, double[] y) {
        int n = Ols.check(x, y, 2);
        double mx = Ols.mean(x);
        double my = Ols.mean(y);
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        if (sxy == 0) {
            throw new IllegalArgumentException(
                    "x and y are uncorrelated (Sxy = 0): the orthogonal slope is 0 or infinite");
        }
        double beta = slope(sxx, syy, sxy);
        return new Result(my - beta * mx, beta);
    }

    static double slope(double sxx, double syy, double sxy) {
        double d = syy - sxx;
        double root = Math.hypot(d, 2 * sxy);
        return d >= 0 ? (d + root) / (2 * sxy) : 2 * sxy / (root - d);
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
    public boolean isReady() {
        return w.isFull() && w.sxy() != 0;
    }

    @Override
    public double value() {
        return beta();
    }

    @Override
    public double beta() {
        return isReady() ? slope(w.sxx(), w.syy(), w.sxy()) : Double.NaN;
    }

    @Override
    public double alpha() {
        return isReady() ? w.meanY() - beta() * w.meanX() : Double.NaN;
    }
}
