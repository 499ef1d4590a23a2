package org.quantstream.core.pipeline;

import org.quantstream.core.pair.PairSnapshot;

/** Receives the snapshots of every pair of a {@link Pipeline}, on the pipeline's thread. */
@FunctionalInterface
public interface PairListener {
    /**
     * A pair's new snapshot (one per aligned bar time).
     *
     * @param pair the pair's name, {@code A/B}
     * @param snapshot the snapshot
     */
    void onSnapshot(String pair, PairSnapshot snapshot);
}
