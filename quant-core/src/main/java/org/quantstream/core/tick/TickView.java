package org.quantstream.core.tick;

/**
 * A read-only view of one trade. Feeds and stores hand out reused flyweights: a view passed to a
 * callback is valid only during that call; copy what you keep (for instance with {@link
 * Tick#copyOf(TickView)}).
 *
 * <p>Times are epoch nanoseconds. Prices and quantities are {@code double}s parsed with correct
 * rounding from the source's decimal text.
 */
public interface TickView {
    /**
     * The instrument.
     *
     * @return the symbol; never null for a tick that was delivered
     */
    Symbol symbol();

    /**
     * The exchange's trade time.
     *
     * @return epoch nanoseconds
     */
    long eventTimeNanos();

    /**
     * When the tick was received locally.
     *
     * @return epoch nanoseconds, or 0 when the source does not record it (exchange CSV files)
     */
    long receiveTimeNanos();

    /**
     * The exchange's trade id (Binance {@code t} for trades, {@code a} for aggregate trades); rises
     * by one per trade per symbol.
     *
     * @return the id, {@code >= 0}
     */
    long tradeId();

    /**
     * The trade price.
     *
     * @return the price
     */
    double price();

    /**
     * The traded quantity in base units.
     *
     * @return the quantity
     */
    double quantity();

    /**
     * The aggressor (taker) side.
     *
     * @return the side; never null
     */
    Side aggressor();

    /**
     * Binance's "buyer is maker" flag, derived from {@link #aggressor()}.
     *
     * @return true if the seller was the aggressor
     */
    default boolean buyerIsMaker() {
        return aggressor() == Side.SELL;
    }

    /**
     * Whether two views describe the same trade with the same values.
     *
     * @param a a tick
     * @param b another tick
     * @return true if every field is equal (prices and quantities compared bit for bit)
     */
    static boolean sameValues(TickView a, TickView b) {
        return a.symbol() == b.symbol()
                && a.eventTimeNanos() == b.eventTimeNanos()
                && a.receiveTimeNanos() == b.receiveTimeNanos()
                && a.tradeId() == b.tradeId()
                && Double.doubleToLongBits(a.price()) == Double.doubleToLongBits(b.price())
                && Double.doubleToLongBits(a.quantity()) == Double.doubleToLongBits(b.quantity())
                && a.aggressor() == b.aggressor();
    }
}
