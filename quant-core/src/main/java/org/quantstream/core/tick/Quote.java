package org.quantstream.core.tick;

import org.quantstream.core.util.Args;

/**
 * An immutable top-of-book quote, for keeping: the copy of a {@link QuoteView} that outlives the
 * callback.
 *
 * @param symbol the instrument
 * @param eventTimeNanos exchange time of the book change, epoch ns
 * @param receiveTimeNanos local receive time, epoch ns (0 if unknown)
 * @param updateId exchange order-book update id
 * @param bidPrice best bid price
 * @param bidQuantity quantity at the best bid
 * @param askPrice best ask price
 * @param askQuantity quantity at the best ask
 */
public record Quote(
        Symbol symbol,
        long eventTimeNanos,
        long receiveTimeNanos,
        long updateId,
        double bidPrice,
        double bidQuantity,
        double askPrice,
        double askQuantity)
        implements QuoteView {

    /**
     * Validates that the symbol is present.
     *
     * @param symbol the instrument; not null
     * @param eventTimeNanos exchange time of the book change, epoch ns
     * @param receiveTimeNanos local receive time, epoch ns (0 if unknown)
     * @param updateId exchange order-book update id
     * @param bidPrice best bid price
     * @param bidQuantity quantity at the best bid
     * @param askPrice best ask price
     * @param askQuantity quantity at the best ask
     */
    public Quote {
        Args.notNull(symbol, "symbol");
    }

    /**
     * Copies a view.
     *
     * @param view the source, valid for the duration of this call
     * @return an immutable copy
     */
    public static Quote copyOf(QuoteView view) {
        return new Quote(
                view.symbol(),
                view.eventTimeNanos(),
                view.receiveTimeNanos(),
                view.updateId(),
                view.bidPrice(),
                view.bidQuantity(),
                view.askPrice(),
                view.askQuantity());
    }
}
