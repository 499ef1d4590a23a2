package org.quantstream.core.backtest;

import org.quantstream.core.util.Args;

/**
 * The z-score mean-reversion rules of SPEC §13: enter short the spread when {@code z > entry}, long
 * when {@code z < -entry}; leave on {@code stop} against the position (STOP), at the reversion
 * level {@code exit} (EXIT), or after {@code maxHold} bars (MAX_HOLD); size leg B at {@code
 * notional} and leg A at {@code beta·notional}. After a STOP, the same side is not entered again
 * until z has been back inside {@code [-entry, entry]}. Immutable.
 *
 * @param entry the entry level, {@code > 0}
 * @param exit the reversion level: a long exits at {@code z >= -exit}, a short at {@code z <=
 *     exit}; {@code < entry}
 * @param stop the stop level, {@code > entry}, or {@link Double#POSITIVE_INFINITY} for none
 * @param maxHold the most bars a position is held, 0 for no limit
 * @param notional leg B's notional in quote currency, {@code > 0}
 */
public record MeanReversionStrategy(
        double entry, double exit, double stop, int maxHold, double notional) {
    /**
     * Checks the levels.
     *
     * @param entry the entry level, {@code > 0}
     * @param exit the reversion level, {@code < entry}
     * @param stop the stop level, {@code > entry}, or infinite for none
     * @param maxHold the most bars held, {@code >= 0}, 0 for no limit
     * @param notional leg B's notional, {@code > 0}
     * @throws IllegalArgumentException naming the first level out of range
     */
    public MeanReversionStrategy {
        if (!(Args.finite(entry, "entry") > 0)) {
            throw new IllegalArgumentException("entry must be > 0, was " + entry);
        }
        if (!(Args.finite(exit, "exit") < entry)) {
            throw new IllegalArgumentException("exit must be < entry (" + entry + "), was " + exit);
        }
        if (!(stop > entry)) {
            throw new IllegalArgumentException(
                    "stop must be > entry (" + entry + ") or infinite, was " + stop);
        }
        if (maxHold < 0) {
            throw new IllegalArgumentException("maxHold must be >= 0, was " + maxHold);
        }
        if (!(Args.finite(notional, "notional") > 0)) {
            throw new IllegalArgumentException("notional must be > 0, was " + notional);
        }
    }

    /**
     * The defaults of SPEC §13's public case: entry 2, exit 0, no stop, no holding limit, notional
     * 10,000.
     *
     * @return the strategy
     */
    public static MeanReversionStrategy defaults() {
        return new MeanReversionStrategy(2.0, 0.0, Double.POSITIVE_INFINITY, 0, 10_000.0);
    }

    /**
     * This strategy with another entry level.
     *
     * @param e the entry level
     * @return a new strategy
     */
    public MeanReversionStrategy withEntry(double e) {
        return new MeanReversionStrategy(e, exit, stop, maxHold, notional);
    }

    /**
     * This strategy with another exit level.
     *
     * @param e the exit level
     * @return a new strategy
     */
    public MeanReversionStrategy withExit(double e) {
        return new MeanReversionStrategy(entry, e, stop, maxHold, notional);
    }

    /**
     * This strategy with another stop level.
     *
     * @param s the stop level, or infinity for none
     * @return a new strategy
     */
    public MeanReversionStrategy withStop(double s) {
        return new MeanReversionStrategy(entry, exit, s, maxHold, notional);
    }

    /**
     * This strategy with another holding limit.
     *
     * @param bars the most bars held, 0 for none
     * @return a new strategy
     */
    public MeanReversionStrategy withMaxHold(int bars) {
        return new MeanReversionStrategy(entry, exit, stop, bars, notional);
    }

    /**
     * This strategy with another notional.
     *
     * @param n leg B's notional
     * @return a new strategy
     */
    public MeanReversionStrategy withNotional(double n) {
        return new MeanReversionStrategy(entry, exit, stop, maxHold, n);
    }
}
