package org.quantstream.core.bar;

import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickView;
import org.quantstream.core.util.Args;

/**
 * One symbol's tick bars ({@link TickBars}: every N trades) or volume bars ({@link VolumeBars}:
 * once the volume reaches a threshold; a trade is never split, and a relative tolerance of 1e-12
 * absorbs the rounding of summed decimal quantities). A bar's open and close times are its first
 * and last trade's. The watermark does not apply.
 *
 * <p>Not thread-safe; confine to one thread. Allocates nothing per trade; a {@link Bar} per close.
 */
public final class CountBarAggregator implements BarAggregator {
    private final Symbol symbol;
    private final BarSpec spec;
    private final BarHandler handler;
    private final long maxTicks;
    private final double volumeTarget;
    private final BarState current;
    private boolean active;
    private long ticks;
    private long barsClosed;
    private long rejected;

    /**
     * Creates the aggregator.
     *
     * @param symbol the instrument
     * @param spec {@link TickBars} or {@link VolumeBars}
     * @param handler receives the bars
     * @throws IllegalArgumentException if the spec is a {@link Timeframe} (use {@link
     *     TimeBarAggregator})
     */
    public CountBarAggregator(Symbol symbol, BarSpec spec, BarHandler handler) {
        this.symbol = Args.notNull(symbol, "symbol");
        this.spec = Args.notNull(spec, "spec");
        this.handler = Args.notNull(handler, "handler");
        if (spec instanceof TickBars) {
            maxTicks = ((TickBars) spec).ticks();
            volumeTarget = Double.POSITIVE_INFINITY;
        } else if (spec instanceof VolumeBars) {
            maxTicks = Long.MAX_VALUE;
            volumeTarget = ((VolumeBars) spec).volume() * (1 - 1e-12);
        } else {
            throw new IllegalArgumentException(
                    "spec must be tick or volume bars, was " + spec.label());
        }
        this.current = new BarState(symbol, spec);
    }

    @Override
    public void onTick(TickView tick) {
        double price = tick.price();
        double qty = tick.quantity();
        if (tick.symbol() != symbol
                || !(price > 0)
                || price == Double.POSITIVE_INFINITY
                || !(qty >= 0)
                || qty == Double.POSITIVE_INFINITY) {
            rejected++;
            return;
        }
        long t = tick.eventTimeNanos();
        if (!active) {
            current.start(t, t);
            active = true;
        }
        current.add(t, price, qty, tick.aggressor() == Side.BUY);
        current.closeTime = t;
        ticks++;
        handler.onBarUpdate(current);
        if (current.tradeCount >= maxTicks || current.volume() >= volumeTarget) {
            close(0);
        }
    }

    private void close(int flags) {
        active = false;
        barsClosed++;
        handler.onBarClosed(current.toBar(flags));
    }

    @Override
    public void onTime(long nowNanos) {
        // tick and volume bars close on trades only
    }

    @Override
    public void flush() {
        if (active) {
            close(BarView.INCOMPLETE);
        }
    }

    @Override
    public BarSpec spec() {
        return spec;
    }

    @Override
    public BarStats stats() {
        return new BarStats(ticks, barsClosed, 0, 0, 0, rejected);
    }
}
