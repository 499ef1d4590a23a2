package org.quantstream.core.backtest;

/** The side of a spread position: long buys leg B and sells leg A, short the reverse. */
public enum PositionSide {
    /** Long the spread: buy B, sell {@code beta} times its notional of A. */
    LONG(1),
    /** Short the spread: sell B, buy {@code beta} times its notional of A. */
    SHORT(-1);

    private final int sign;

    PositionSide(int sign) {
        this.sign = sign;
    }

    /**
     * The side's sign.
     *
     * @return +1 for LONG, -1 for SHORT
     */
    public int sign() {
        return sign;
    }
}
