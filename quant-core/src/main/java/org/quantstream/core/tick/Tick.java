package org.quantstream.core.tick;

import org.quantstream.core.util.Args;

/**
 * An immutable trade, for keeping: the copy of a {@link TickView} that outlives the callback.
 *
 * @param symbol the instrument
 * @param eventTimeNanos exchange trade time, epoch ns
 * @param receiveTimeNanos local receive time, epoch ns (0 if unknown)
 * @param tradeId exchange trade id
 * @param price trade price
 * @param quantity traded quantity
 * @param aggressor taker side
 */
public record Tick(
        Symbol symbol,
        long eventTimeNanos,
        long receiveTimeNanos,
        long tradeId,
        double price,
        double quantity,
        Side aggressor)
        implements TickView {

    /**
     * Validates that symbol and aggressor are present.
     *
     * @param symbol the instrument; not null
     * @param eventTimeNanos exchange trade time, epoch ns
     * @param receiveTimeNanos local receive time, epoch ns (0 if unknown)
     * @param tradeId exchange trade id
     * @param price trade price
     * @param quantity traded quantity
     * @param aggressor taker side; not null
     */
    public Tick {
        Args.notNull(symbol, "symbol");
        Args.notNull(aggressor, "aggressor");
    }

    /**
     * Copies a view.
     *
     * @param view the source, valid for the duration of this call
     * @return an immutable copy
     */
    public static Tick copyOf(TickView view) {
        return new Tick(
                view.symbol(),
                view.eventTimeNanos(),
                view.receiveTimeNanos(),
                view.tradeId(),
                view.price(),
                view.quantity(),
                view.aggressor());
    }
}
