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
     * @throws IllegalStateException if the store is closed
     * @throws java.io.UncheckedIOException if the store cannot be written (out of disk space, I/O
     *     failure); the tick is not stored, every tick appended before it is
     */
    boolean append(TickView tick);

    /**
     * Checks, before a batch is appended, that the store has room for that many more ticks, so that
     * a batch too large for the disk fails before its first tick rather than part way. Stores
     * without a space limit do nothing. Appends still check as they go (the disk may fill up
     * meanwhile).
     *
     * @param ticks ticks about to be appended, &gt;= 0
     * @throws java.io.UncheckedIOException if they would not fit; nothing was written
     */
    default void reserve(long ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("ticks must be >= 0, was " + ticks);
        }
    }

    /**
     * The ticks skipped as duplicates by this appender since the store was opened.
     *
     * @return the count
     */
    long duplicates();
}
