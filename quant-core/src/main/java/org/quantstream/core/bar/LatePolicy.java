package org.quantstream.core.bar;

/** What a time-bar aggregator does with a trade older than the bar in progress. */
public enum LatePolicy {
    /** Drop it and count it. */
    DROP,
    /**
     * If the trade's bar closed within the late window, add the trade to it and emit it again
     * flagged {@link BarView#REVISED}; otherwise drop and count it.
     */
    AMEND
}
