package org.quantstream.core.pair;

/**
 * What {@link PairAnalytics} does with a bar time at which only one symbol has a bar (the other had
 * no trade in that interval).
 */
public enum MissingLeg {
    /** Leave the time out: only times with a bar of both symbols are analysed. */
    SKIP,
    /**
     * Carry the missing symbol's last close forward, flagged in the snapshot, for at most the
     * configured number of bar intervals; older than that, the time is left out.
     */
    FORWARD_FILL
}
