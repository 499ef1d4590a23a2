package org.quantstream.core.regression;

/**
 * An ordinary least squares fit of {@code y = alpha + beta·x} (or {@code y = beta·x} through the
 * origin), with the inference statsmodels reports. Without an intercept, alpha and its statistics
 * are 0 and NaN and R² is uncentred, as in statsmodels.
 *
 * @param alpha intercept
 * @param beta slope
 * @param alphaStdErr standard error of alpha
 * @param betaStdErr standard error of beta
 * @param alphaTStat alpha / its standard error
 * @param betaTStat beta / its standard error
 * @param alphaPValue two-sided p-value of alpha, Student t(dfResid)
 * @param betaPValue two-sided p-value of beta, Student t(dfResid)
 * @param rSquared coefficient of determination
 * @param adjRSquared adjusted R²
 * @param fStat F statistic of the regression
 * @param fPValue p-value of F
 * @param n observations
 * @param dfResid residual degrees of freedom
 * @param ssr sum of squared residuals
 * @param sigma2 residual variance, ssr / dfResid
 * @param logLikelihood Gaussian log-likelihood
 * @param aic Akaike information criterion
 * @param bic Bayesian information criterion
 * @param hasIntercept whether alpha was estimated
 */
public record OlsResult(
        double alpha,
        double beta,
        double alphaStdErr,
        double betaStdErr,
        double alphaTStat,
        double betaTStat,
        double alphaPValue,
        double betaPValue,
        double rSquared,
        double adjRSquared,
        double fStat,
        double fPValue,
        long n,
        long dfResid,
        double ssr,
        double sigma2,
        double logLikelihood,
        double aic,
        double bic,
        boolean hasIntercept) {

    /**
     * The residual of one observation.
     *
     * @param x regressor
     * @param y regressand
     * @return {@code y - alpha - beta·x}
     */
    public double residual(double x, double y) {
        return y - alpha - beta * x;
    }
}
