package org.quantstream.core.store;

import org.quantstream.core.tick.TickView;

/**
 * Writes ticks to a {@link TickStore}.
 *
 * <p>Not thread-safe; one writer thread. {@link #append(TickView)} allocates nothing in steady
 * state.
 */
public interface TickAppender {
    /**
     * Appends a tick unless it duplicates one already stored.
     *
     * @param tick the trade; read during the call only
     * @return true if stored; false if skipped because, with dedupe on, its trade id is not greater
     *     than the last one stored for its symbol (counted in {@link #duplicates()})
     * @throws IllegalArgumentException if the tick has no symbol or a negative trade id
     * @throws IllegalStateException if the store is closed or cannot be written (out of disk space,
     *     I/O failure)
     */
    boolean append(TickView tick);

    /**
     * The ticks skipped as duplicates by this appender since the store was opened.
     *
     * @return the count
     */
    long duplicates();
}
