package org.quantstream.core.backtest;

/** Why a round trip ended (SPEC §13). */
public enum ExitReason {
    /** The z-score reached the exit level. */
    EXIT,
    /** The z-score moved past the stop level against the position. */
    STOP,
    /** The position was held for the strategy's maximum number of bars. */
    MAX_HOLD,
    /** The data ended with the position open: closed at the last closes. */
    END
}
