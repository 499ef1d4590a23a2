package org.quantstream.core.stationarity;

/**
 * The result of an augmented Dickey-Fuller test, as statsmodels' {@code adfuller} returns it.
 *
 * @param statistic the t statistic of the lagged level
 * @param pValue MacKinnon's approximate p-value
 * @param usedLag lags of the differences in the final regression
 * @param nobs observations in the final regression
 * @param criticalValues 1%, 5%, 10% critical values for nobs
 * @param icBest the best information criterion of the lag search (NaN without autolag)
 * @param maxLag the largest lag searched
 */
public record AdfResult(
        double statistic,
        double pValue,
        int usedLag,
        int nobs,
        CriticalValues criticalValues,
        double icBest,
        int maxLag) {}
