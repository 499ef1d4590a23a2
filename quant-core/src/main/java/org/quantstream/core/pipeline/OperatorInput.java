package org.quantstream.core.pipeline;

/** What a per-symbol operator of a {@link Pipeline} is fed at each bar of its timeframe. */
public enum OperatorInput {
    /** The bar's close. */
    CLOSE,
    /** close / previous close - 1 (nothing at the first bar). */
    RETURN,
    /** ln(close / previous close) (nothing at the first bar). */
    LOG_RETURN
}
