package org.quantstream.core.tick;

/**
 * Receives ticks pushed by a feed, a store cursor or a file reader.
 *
 * <p>The view is valid only during the call. Each source documents the thread it calls from; a
 * source never calls one handler from two threads at once.
 */
@FunctionalInterface
public interface TickHandler {
    /**
     * Handles one tick.
     *
     * @param tick the trade; valid only during this call
     */
    void onTick(TickView tick);
}
