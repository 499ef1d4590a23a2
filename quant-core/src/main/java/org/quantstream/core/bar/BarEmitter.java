package org.quantstream.core.bar;

import org.quantstream.core.tick.TickHandler;

/**
 * Something fed trades and the time that emits bars: one aggregator or several. Not thread-safe.
 */
public interface BarEmitter extends TickHandler {
    /**
     * Advances the watermark.
     *
     * @param nowNanos the current time, epoch ns
     */
    void onTime(long nowNanos);

    /** Closes every bar in progress. */
    void flush();
}
