package org.quantstream.core.pair;

/** Receives a {@link PairSnapshot} for every aligned bar time, on the thread feeding the bars. */
@FunctionalInterface
public interface PairHandler {
    /**
     * Handles one snapshot.
     *
     * @param snapshot every metric at one bar time; immutable, may be kept
     */
    void onSnapshot(PairSnapshot snapshot);
}
