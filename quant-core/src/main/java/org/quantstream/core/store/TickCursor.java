package org.quantstream.core.store;

import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.TickHandler;

/**
 * Reads a {@link TickStore} forward, one record at a time, into a caller's reused tick.
 *
 * <p>Not thread-safe; confine to one thread. {@link #next(MutableTick)} allocates nothing.
 */
public interface TickCursor extends AutoCloseable {
    /**
     * Reads the next record.
     *
     * @param into filled with the record when there is one
     * @return true if a record was read; false if there is none (yet: a record appended later is
     *     read by a later call)
     */
    boolean next(MutableTick into);

    /**
     * Pushes up to {@code limit} records to a handler.
     *
     * @param into the reused tick handed to the handler
     * @param handler receives each record
     * @param limit the most records to read
     * @return how many were read
     */
    default int drain(MutableTick into, TickHandler handler, int limit) {
        int n = 0;
        while (n < limit && next(into)) {
            handler.onTick(into);
            n++;
        }
        return n;
    }

    /**
     * Records this cursor passed over because they were damaged (a store that checks its records
     * found one not written whole, e.g. after the disk filled up or a power failure); they are
     * never returned. Stores without such checks return 0.
     *
     * @return damaged records skipped so far
     */
    default long damagedRecords() {
        return 0;
    }

    /** Releases the cursor. Idempotent. */
    @Override
    void close();
}
