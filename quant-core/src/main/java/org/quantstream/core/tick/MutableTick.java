package org.quantstream.core.tick;

/**
 * A reusable tick: decoders and cursors fill one instance per message instead of allocating.
 *
 * <p>Not thread-safe; confine to one thread. Setters return {@code this} and allocate nothing.
 */
public final class MutableTick implements TickView {
    private Symbol symbol;
    private long eventTimeNanos;
    private long receiveTimeNanos;
    private long tradeId;
    private double price;
    private double quantity;
    private Side aggressor = Side.UNKNOWN;

    /** Creates an empty tick (no symbol, zero fields, side {@link Side#UNKNOWN}). */
    public MutableTick() {}

    /**
     * Sets every field at once.
     *
     * @param symbol the instrument
     * @param eventTimeNanos exchange trade time, epoch ns
     * @param receiveTimeNanos local receive time, epoch ns (0 if unknown)
     * @param tradeId exchange trade id
     * @param price trade price
     * @param quantity traded quantity
     * @param aggressor taker side
     * @return this
     */
    public MutableTick set(
            Symbol symbol,
            long eventTimeNanos,
            long receiveTimeNanos,
            long tradeId,
            double price,
            double quantity,
            Side aggressor) {
        this.symbol = symbol;
        this.eventTimeNanos = eventTimeNanos;
        this.receiveTimeNanos = receiveTimeNanos;
        this.tradeId = tradeId;
        this.price = price;
        this.quantity = quantity;
        this.aggressor = aggressor;
        return this;
    }

    /**
     * Copies every field of another view.
     *
     * @param other the source
     * @return this
     */
    public MutableTick copyFrom(TickView other) {
        return set(
                other.symbol(),
                other.eventTimeNanos(),
                other.receiveTimeNanos(),
                other.tradeId(),
                other.price(),
                other.quantity(),
                other.aggressor());
    }

    /** Clears every field to the state of a new instance. */
    public void clear() {
        set(null, 0, 0, 0, 0.0, 0.0, Side.UNKNOWN);
    }

    /**
     * Sets the symbol.
     *
     * @param symbol the instrument
     * @return this
     */
    public MutableTick symbol(Symbol symbol) {
        this.symbol = symbol;
        return this;
    }

    /**
     * Sets the exchange trade time.
     *
     * @param nanos epoch nanoseconds
     * @return this
     */
    public MutableTick eventTimeNanos(long nanos) {
        this.eventTimeNanos = nanos;
        return this;
    }

    /**
     * Sets the local receive time.
     *
     * @param nanos epoch nanoseconds
     * @return this
     */
    public MutableTick receiveTimeNanos(long nanos) {
        this.receiveTimeNanos = nanos;
        return this;
    }

    /**
     * Sets the trade id.
     *
     * @param id exchange trade id
     * @return this
     */
    public MutableTick tradeId(long id) {
        this.tradeId = id;
        return this;
    }

    /**
     * Sets the price.
     *
     * @param price trade price
     * @return this
     */
    public MutableTick price(double price) {
        this.price = price;
        return this;
    }

    /**
     * Sets the quantity.
     *
     * @param quantity traded quantity
     * @return this
     */
    public MutableTick quantity(double quantity) {
        this.quantity = quantity;
        return this;
    }

    /**
     * Sets the aggressor side.
     *
     * @param side taker side
     * @return this
     */
    public MutableTick aggressor(Side side) {
        this.aggressor = side;
        return this;
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
    public long tradeId() {
        return tradeId;
    }

    @Override
    public double price() {
        return price;
    }

    @Override
    public double quantity() {
        return quantity;
    }

    @Override
    public Side aggressor() {
        return aggressor;
    }

    @Override
    public String toString() {
        return "MutableTick[symbol="
                + symbol
                + ", eventTimeNanos="
                + eventTimeNanos
                + ", receiveTimeNanos="
                + receiveTimeNanos
                + ", tradeId="
                + tradeId
                + ", price="
                + price
                + ", quantity="
                + quantity
                + ", aggressor="
                + aggressor
                + ']';
    }
}
