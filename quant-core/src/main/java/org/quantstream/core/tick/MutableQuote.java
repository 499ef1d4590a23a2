package org.quantstream.core.tick;

/**
 * A reusable quote: decoders fill one instance per message instead of allocating.
 *
 * <p>Not thread-safe; confine to one thread. Setters return {@code this} and allocate nothing.
 */
public final class MutableQuote implements QuoteView {
    private Symbol symbol;
    private long eventTimeNanos;
    private long receiveTimeNanos;
    private long updateId;
    private double bidPrice;
    private double bidQuantity;
    private double askPrice;
    private double askQuantity;

    /** Creates an empty quote (no symbol, zero fields). */
    public MutableQuote() {}

    /**
     * Sets every field at once.
     *
     * @param symbol the instrument
     * @param eventTimeNanos exchange time of the book change, epoch ns
     * @param receiveTimeNanos local receive time, epoch ns (0 if unknown)
     * @param updateId exchange order-book update id
     * @param bidPrice best bid price
     * @param bidQuantity quantity at the best bid
     * @param askPrice best ask price
     * @param askQuantity quantity at the best ask
     * @return this
     */
    public MutableQuote set(
            Symbol symbol,
            long eventTimeNanos,
            long receiveTimeNanos,
            long updateId,
            double bidPrice,
            double bidQuantity,
            double askPrice,
            double askQuantity) {
        this.symbol = symbol;
        this.eventTimeNanos = eventTimeNanos;
        this.receiveTimeNanos = receiveTimeNanos;
        this.updateId = updateId;
        this.bidPrice = bidPrice;
        this.bidQuantity = bidQuantity;
        this.askPrice = askPrice;
        this.askQuantity = askQuantity;
        return this;
    }

    /**
     * Copies every field of another view.
     *
     * @param other the source
     * @return this
     */
    public MutableQuote copyFrom(QuoteView other) {
        return set(
                other.symbol(),
                other.eventTimeNanos(),
                other.receiveTimeNanos(),
                other.updateId(),
                other.bidPrice(),
                other.bidQuantity(),
                other.askPrice(),
                other.askQuantity());
    }

    /** Clears every field to the state of a new instance. */
    public void clear() {
        set(null, 0, 0, 0, 0.0, 0.0, 0.0, 0.0);
    }

    @Override
    public Symbol symbol() {
        return symbol;
    }

    @Override
    public long eventTimeNanos() {
        return eventTimeNanos;
    }

    @Override
    public long receiveTimeNanos() {
        return receiveTimeNanos;
    }

    @Override
    public long updateId() {
        return updateId;
    }

    @Override
    public double bidPrice() {
        return bidPrice;
    }

    @Override
    public double bidQuantity() {
        return bidQuantity;
    }

    @Override
    public double askPrice() {
        return askPrice;
    }

    @Override
    public double askQuantity() {
        return askQuantity;
    }

    @Override
    public String toString() {
        return "MutableQuote[symbol="
                + symbol
                + ", eventTimeNanos="
                + eventTimeNanos
                + ", receiveTimeNanos="
                + receiveTimeNanos
                + ", updateId="
                + updateId
                + ", bid="
                + bidQuantity
                + '@'
                + bidPrice
                + ", ask="
                + askQuantity
                + '@'
                + askPrice
                + ']';
    }
}
