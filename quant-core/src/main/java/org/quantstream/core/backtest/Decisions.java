package org.quantstream.core.backtest;

/**
 * The decision rules of SPEC §13 as a state machine over the z-score path: exit (STOP, EXIT,
 * MAX_HOLD) when in a position, then entry when flat, with the STOP block. SPEC §10's seed rules
 * are the special case without stop or holding limit. One instance per backtest; not thread-safe.
 */
final class Decisions {
    private final MeanReversionStrategy s;
    private int side; // the decided side
    private int lastStopLong = -1;
    private int lastStopShort = -1;
    private int lastInside = -1;

    /** The exit decided by the last {@link #decide}, or null. */
    ExitReason exit;

    /** The side entered by the last {@link #decide} (+1, -1), or 0. */
    int entry;

    Decisions(MeanReversionStrategy s) {
        this.s = s;
    }

    /**
     * Decides at time index {@code t}; the results are in {@link #exit} and {@link #entry}.
     *
     * @param t the time's index, increasing
     * @param z the z-score at {@code t}; NaN decides nothing
     * @param barsHeld times since the entry fill (read only in a position)
     */
    void decide(int t, double z, int barsHeld) {
        exit = null;
        entry = 0;
        if (Double.isNaN(z)) {
            return;
        }
        if (-s.entry() <= z && z <= s.entry()) {
            lastInside = t; // back inside the band: every earlier STOP's block ends
        }
        if (side != 0) {
            if ((side > 0 && z <= -s.stop()) || (side < 0 && z >= s.stop())) {
                exit = ExitReason.STOP;
                if (side > 0) {
                    lastStopLong = t;
                } else {
                    lastStopShort = t;
                }
            } else if ((side > 0 && z >= -s.exit()) || (side < 0 && z <= s.exit())) {
                exit = ExitReason.EXIT;
            } else if (s.maxHold() > 0 && barsHeld >= s.maxHold()) {
                exit = ExitReason.MAX_HOLD;
            }
            if (exit != null) {
                side = 0;
            }
        }
        if (side == 0) {
            int want = z > s.entry() ? -1 : z < -s.entry() ? 1 : 0;
            int stop = want > 0 ? lastStopLong : lastStopShort;
            if (want != 0 && !(stop >= 0 && lastInside <= stop)) {
                side = want;
                entry = want;
            }
        }
    }

    /** The decided side: +1, -1 or 0. */
    int side() {
        return side;
    }
}
