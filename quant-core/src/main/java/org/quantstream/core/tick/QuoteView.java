package org.quantstream.core.tick;

/**
 * A read-only view of one top-of-book quote: the best bid and the best ask with their quantities,
 * as Binance's {@code bookTicker} stream publishes them on every change. Feeds hand out reused
 * flyweights: a view passed to a callback is valid only during that call; copy what you keep (for
 * instance with {@link Quote#copyOf(QuoteView)}).
 *
 * <p>Times are epoch nanoseconds. Prices and quantities are {@code double}s parsed with correct
 * rounding from the source's decimal text. The derived values ({@link #midPrice()}, {@link
 * #spread()}, {@link #microPrice()}) allocate nothing.
 */
public interface QuoteView {
    /**
     * The instrument.
     *
     * @return the symbol; never null for a quote that was delivered
     */
    Symbol symbol();

    /**
     * The exchange's time of the book change (Binance {@code T}, the transaction time).
     *
     * @return epoch nanoseconds
     */
    long eventTimeNanos();

    /**
     * When the quote was received locally.
     *
     * @return epoch nanoseconds, or 0 when the source does not record it
     */
    long receiveTimeNanos();

    /**
     * The exchange's order-book update id (Binance {@code u}): rises with every book change of the
     * symbol, by more than one when levels below the top changed in between.
     *
     * @return the id, {@code >= 0}
     */
    long updateId();

    /**
     * The best bid price.
     *
     * @return the price
     */
    double bidPrice();

    /**
     * The quantity at the best bid, in base units.
     *
     * @return the quantity
     */
    double bidQuantity();

    /**
     * The best ask price.
     *
     * @return the price
     */
    double askPrice();

    /**
     * The quantity at the best ask, in base units.
     *
     * @return the quantity
     */
    double askQuantity();

    /**
     * The mid price, {@code (bid + ask) / 2}.
     *
     * @return the mid price
     */
    default double midPrice() {
        return 0.5 * (bidPrice() + askPrice());
    }

    /**
     * The quoted spread, {@code ask - bid} (negative only if the book is crossed).
     *
     * @return the spread in price units
     */
    default double spread() {
        return askPrice() - bidPrice();
    }

    /**
     * The size-weighted mid ("micro price"): {@code (bid * askQty + ask * bidQty) / (bidQty +
     * askQty)}, which leans towards the side with less quantity, the side more likely to be taken
     * next. Equal to {@link #midPrice()} when both quantities are zero.
     *
     * @return the micro price
     */
    default double microPrice() {
        double bq = bidQuantity();
        double aq = askQuantity();
        double total = bq + aq;
        if (!(total > 0)) {
            return midPrice();
        }
        return (bidPrice() * aq + askPrice() * bq) / total;
    }

    /**
     * Whether two views describe the same quote with the same values.
     *
     * @param a a quote
     * @param b another quote
     * @return true if every field is equal (prices and quantities compared bit for bit)
     */
    static boolean sameValues(QuoteView a, QuoteView b) {
        return a.symbol() == b.symbol()
                && a.eventTimeNanos() == b.eventTimeNanos()
                && a.receiveTimeNanos() == b.receiveTimeNanos()
                && a.updateId() == b.updateId()
                && Double.doubleToLongBits(a.bidPrice()) == Double.doubleToLongBits(b.bidPrice())
                && Double.doubleToLongBits(a.bidQuantity())
                        == Double.doubleToLongBits(b.bidQuantity())
                && Double.doubleToLongBits(a.askPrice()) == Double.doubleToLongBits(b.askPrice())
                && Double.doubleToLongBits(a.askQuantity())
                        == Double.doubleToLongBits(b.askQuantity());
    }
}
