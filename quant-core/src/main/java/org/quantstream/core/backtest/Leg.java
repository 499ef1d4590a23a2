package org.quantstream.core.backtest;

/** One of a pair's two legs: A, the regressor ({@code x}), and B, the regressand ({@code y}). */
public enum Leg {
    /** Leg A, the regressor. */
    A,
    /** Leg B, the regressand. */
    B
}
