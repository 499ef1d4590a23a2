package org.quantstream.core.backtest;

/** When an order decided at an aligned time is filled (SPEC §13). */
public enum FillMode {
    /**
     * At the closes of the next aligned time, before that time's own decisions: one bar of latency,
     * the honest default.
     */
    NEXT,
    /** At the closes of the decision time itself: zero latency, the seeds' convention. */
    CLOSE
}
