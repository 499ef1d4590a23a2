package org.quantstream.core.bar;

import org.quantstream.core.tick.Symbol;

/**
 * The primitive state of one bar being built: the reused view handed to {@link
 * BarHandler#onBarUpdate}. Not thread-safe; allocates nothing.
 */
final class BarState implements BarView {
    private final Symbol symbol;
    private final BarSpec spec;
    long openTime;
    long closeTime;
    double open;
    double high;
    double low;
    double close;
    double volume;
    double quoteVolume;
    long tradeCount;
    double buyVolume;
    int flags;
    // Neumaier compensation terms: sums of decimal quantities stay correctly rounded (125.967, not
    // 125.96699999999987), as in pandas' Kahan-summed groupby sums.
    private double volumeC;
    private double quoteVolumeC;
    private double buyVolumeC;

    /**
     * Event times of the trades that set open and close: a late trade moves them only if it is
     * earlier or later.
     */
    long firstTradeTime;

    long lastTradeTime;

    BarState(Symbol symbol, BarSpec spec) {
        this.symbol = symbol;
        this.spec = spec;
    }

    /** Starts an empty bar. */
    void start(long openTime, long closeTime) {
        this.openTime = openTime;
        this.closeTime = closeTime;
        this.open = Double.NaN;
        this.high = Double.NaN;
        this.low = Double.NaN;
        this.close = Double.NaN;
        this.volume = 0;
        this.quoteVolume = 0;
        this.tradeCount = 0;
        this.buyVolume = 0;
        this.volumeC = 0;
        this.quoteVolumeC = 0;
        this.buyVolumeC = 0;
        this.flags = 0;
    }

    /**
     * Adds a trade; ties in time keep arrival order (the first is the open, the last the close).
     */
    void add(long time, double price, double quantity, boolean buy) {
        if (tradeCount == 0) {
            open = price;
            high = price;
            low = price;
            firstTradeTime = time;
            lastTradeTime = time;
            close = price;
        } else {
            if (price > high) {
                high = price;
            }
            if (price < low) {
                low = price;
            }
            if (time < firstTradeTime) {
                firstTradeTime = time;
                open = price;
            }
            if (time >= lastTradeTime) {
                lastTradeTime = time;
                close = price;
            }
        }
        double v = volume + quantity;
        volumeC += Math.abs(volume) >= quantity ? (volume - v) + quantity : (quantity - v) + volume;
        volume = v;
        double pq = price * quantity;
        double qv = quoteVolume + pq;
        quoteVolumeC +=
                Math.abs(quoteVolume) >= pq ? (quoteVolume - qv) + pq : (pq - qv) + quoteVolume;
        quoteVolume = qv;
        if (buy) {
            double b = buyVolume + quantity;
            buyVolumeC +=
                    Math.abs(buyVolume) >= quantity
                            ? (buyVolume - b) + quantity
                            : (quantity - b) + buyVolume;
            buyVolume = b;
        }
        tradeCount++;
    }

    /** Makes this a synthetic flat bar at a price. */
    void flat(double price) {
        open = price;
        high = price;
        low = price;
        close = price;
        flags = SYNTHETIC;
    }

    void copyFrom(BarState o) {
        openTime = o.openTime;
        closeTime = o.closeTime;
        open = o.open;
        high = o.high;
        low = o.low;
        close = o.close;
        volume = o.volume;
        quoteVolume = o.quoteVolume;
        tradeCount = o.tradeCount;
        buyVolume = o.buyVolume;
        volumeC = o.volumeC;
        quoteVolumeC = o.quoteVolumeC;
        buyVolumeC = o.buyVolumeC;
        flags = o.flags;
        firstTradeTime = o.firstTradeTime;
        lastTradeTime = o.lastTradeTime;
    }

    Bar toBar(int extraFlags) {
        return new Bar(
                symbol,
                spec,
                openTime,
                closeTime,
                open,
                high,
                low,
                close,
                volume(),
                quoteVolume(),
                tradeCount,
                buyVolume(),
                vwap(),
                flags | extraFlags);
    }

    @Override
    public Symbol symbol() {
        return symbol;
    }

    @Override
    public BarSpec spec() {
        return spec;
    }

    @Override
    public long openTimeNanos() {
        return openTime;
    }

    @Override
    public long closeTimeNanos() {
        return closeTime;
    }

    @Override
    public double open() {
        return open;
    }

    @Override
    public double high() {
        return high;
    }

    @Override
    public double low() {
        return low;
    }

    @Override
    public double close() {
        return close;
    }

    @Override
    public double volume() {
        return volume + volumeC;
    }

    @Override
    public double quoteVolume() {
        return quoteVolume + quoteVolumeC;
    }

    @Override
    public long tradeCount() {
        return tradeCount;
    }

    @Override
    public double buyVolume() {
        return buyVolume + buyVolumeC;
    }

    @Override
    public double vwap() {
        double v = volume();
        return v > 0 ? quoteVolume() / v : Double.NaN;
    }

    @Override
    public int flags() {
        return flags;
    }
}
