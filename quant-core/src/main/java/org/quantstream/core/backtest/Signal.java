package org.quantstream.core.backtest;

/**
 * One decision of the rules, at the close of the aligned time it was taken (its fill follows at the
 * next time, or at the same close in {@link FillMode#CLOSE}; a decision at the last time is not
 * filled). Immutable.
 *
 * @param timeNanos the decision bar's open time, epoch ns
 * @param entry true for an entry, false for an exit
 * @param side the side entered or exited
 * @param reason why an exit was decided (null for an entry)
 * @param z the z-score the decision read
 */
public record Signal(
        long timeNanos, boolean entry, PositionSide side, ExitReason reason, double z) {}
