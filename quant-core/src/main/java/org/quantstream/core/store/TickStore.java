package org.quantstream.core.store;

import java.util.Set;
import org.quantstream.core.tick.Symbol;

/**
 * An append-only log of ticks: one writer, any number of cursors. The live pipeline and a replay
 * read a store the same way, so a store is also the bus between a feed and the analytics.
 *
 * <p><b>Dedupe.</b> A store remembers the last trade id per symbol. Unless it was created without
 * dedupe, an appended tick whose trade id is not greater than that symbol's last id is skipped and
 * counted (see {@link TickAppender#append}), so re-importing a file or resuming a collector never
 * duplicates a trade.
 *
 * <p><b>Threading.</b> The store and its cursors may be used from different threads, one thread per
 * cursor; the {@link #appender()} is for one writer thread. Implementations say whether other
 * processes may read.
 */
public interface TickStore extends AutoCloseable {
    /** The value {@link #lastTradeId(Symbol)} returns for a symbol with no tick. */
    long NO_TRADE_ID = -1;

    /**
     * The store's single appender.
     *
     * @return the appender (the same instance on every call)
     * @throws IllegalStateException if the store is closed
     */
    TickAppender appender();

    /**
     * A cursor over every record, oldest first.
     *
     * @return a new cursor; close it when done
     * @throws IllegalStateException if the store is closed
     */
    TickCursor cursor();

    /**
     * A cursor over the records whose event time is in {@code [fromNanos, toNanos)}, in append
     * order.
     *
     * @param fromNanos inclusive lower bound, epoch ns
     * @param toNanos exclusive upper bound, epoch ns
     * @return a new cursor; close it when done
     * @throws IllegalArgumentException if {@code toNanos < fromNanos}
     * @throws IllegalStateException if the store is closed
     */
    TickCursor cursor(long fromNanos, long toNanos);

    /**
     * The number of records stored.
     *
     * @return the count
     */
    long count();

    /**
     * The highest trade id stored for a symbol.
     *
     * @param symbol the instrument
     * @return the id, or {@link #NO_TRADE_ID} if the symbol has no tick
     */
    long lastTradeId(Symbol symbol);

    /**
     * The symbols with at least one record.
     *
     * @return an immutable set
     */
    Set<Symbol> symbols();

    /**
     * Releases the store's resources. Idempotent. Cursors and the appender must not be used
     * afterwards.
     */
    @Override
    void close();
}
