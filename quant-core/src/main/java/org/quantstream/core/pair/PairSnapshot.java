package org.quantstream.core.pair;

/**
 * Every metric of a pair at one aligned bar time. Metrics that are not ready yet (their window is
 * not full) are NaN.
 *
 * @param openTimeNanos the bars' open time, epoch ns
 * @param priceA leg A's close (the regressor x)
 * @param priceB leg B's close (the regressand y)
 * @param filledA whether leg A's close was carried forward (or its bar was synthetic)
 * @param filledB whether leg B's close was carried forward (or its bar was synthetic)
 * @param beta the hedge ratio: B on A, in log prices when the analytics take logs
 * @param alpha the intercept of the hedge regression
 * @param spread {@code y - beta·x - alpha} with the current estimate
 * @param zScore the spread's rolling z-score
 * @param correlation the rolling correlation of the two legs' returns (differences of successive,
 *     possibly logged, prices)
 * @param adfStatistic the rolling ADF statistic of the spread
 * @param adfPValue its MacKinnon p-value
 * @param halfLife the spread's half-life of mean reversion in bars (NaN when it does not revert)
 */
public record PairSnapshot(
        long openTimeNanos,
        double priceA,
        double priceB,
        boolean filledA,
        boolean filledB,
        double beta,
        double alpha,
        double spread,
        double zScore,
        double correlation,
        double adfStatistic,
        double adfPValue,
        double halfLife) {}
