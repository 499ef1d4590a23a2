package org.quantstream.core.bar;

import java.time.Duration;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickView;
import org.quantstream.core.util.Args;

/**
 * Builds one symbol's time bars, aligned to multiples of the {@link Timeframe} since the epoch. A
 * bar covers {@code [open, open + timeframe)}: a trade exactly on a boundary opens the next bar
 * (pandas {@code closed='left', label='left'}). Exchange event time drives the bars.
 *
 * <p>A bar closes when a trade of a later bar arrives, or when the watermark ({@link #onTime})
 * passes its end plus the close grace, so an idle market gets its bar on time. Gaps follow the
 * {@link GapPolicy}; trades older than the bar in progress follow the {@link LatePolicy}
 * (amendable: the last {@code ceil(lateWindow / timeframe)} closed bars). Trades of another symbol
 * and trades whose price is not finite and positive or whose quantity is negative or not finite are
 * refused and counted.
 *
 * <p>Not thread-safe; confine to one thread. A trade in the bar in progress costs two comparisons
 * and a few additions and allocates nothing; a {@link Bar} is allocated per close.
 */
public final class TimeBarAggregator implements BarAggregator {
    private final Symbol symbol;
    private final Timeframe timeframe;
    private final long tf;
    private final BarHandler handler;
    private final GapPolicy gapPolicy;
    private final LatePolicy latePolicy;
    private final long closeGrace;
    private final BarState current;
    private final BarState[] recent;

    private boolean active;
    private long curOpen = Long.MAX_VALUE;
    private long curClose = Long.MIN_VALUE;

    /** End of the last bar emitted (real or synthetic): bars before it are closed. */
    private long frontier = Long.MIN_VALUE;

    private double lastClose = Double.NaN;

    private long ticks;
    private long barsClosed;
    private long syntheticBars;
    private long lateDropped;
    private long lateAmended;
    private long rejected;

    private TimeBarAggregator(Builder b) {
        this.symbol = b.symbol;
        this.timeframe = b.timeframe;
        this.tf = b.timeframe.nanos();
        this.handler = b.handler;
        this.gapPolicy = b.gapPolicy;
        this.latePolicy = b.latePolicy;
        this.closeGrace = b.closeGrace.toNanos();
        this.current = new BarState(symbol, timeframe);
        int slots =
                b.latePolicy == LatePolicy.AMEND
                        ? (int) Math.max(1, (b.lateWindow.toNanos() + tf - 1) / tf)
                        : 0;
        this.recent = new BarState[slots];
        for (int i = 0; i < slots; i++) {
            recent[i] = new BarState(symbol, timeframe);
            recent[i].openTime = Long.MIN_VALUE;
        }
    }

    /**
     * Starts a builder.
     *
     * @param symbol the instrument whose trades are aggregated
     * @param timeframe the bar duration
     * @param handler receives the bars
     * @return a builder with {@link GapPolicy#SKIP}, {@link LatePolicy#DROP} and no close grace
     */
    public static Builder builder(Symbol symbol, Timeframe timeframe, BarHandler handler) {
        return new Builder(symbol, timeframe, handler);
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
        boolean buy = tick.aggressor() == Side.BUY;
        if (t >= curOpen && t < curClose) { // the bar in progress: the common case
            current.add(t, price, qty, buy);
            ticks++;
            handler.onBarUpdate(current);
            return;
        }
        if (t < frontier || (active && t < curOpen)) {
            late(t, price, qty, buy);
            return;
        }
        if (active) {
            closeCurrent(0);
        }
        long open = timeframe.floor(t);
        if (gapPolicy == GapPolicy.FLAT_FILL && frontier != Long.MIN_VALUE) {
            while (frontier < open) {
                emitSynthetic(frontier);
            }
        }
        current.start(open, open + tf);
        curOpen = open;
        curClose = open + tf;
        active = true;
        current.add(t, price, qty, buy);
        ticks++;
        handler.onBarUpdate(current);
    }

    @Override
    public void onTime(long nowNanos) {
        if (active && nowNanos - closeGrace >= curClose) {
            closeCurrent(0);
        }
        if (gapPolicy == GapPolicy.FLAT_FILL && frontier != Long.MIN_VALUE && !active) {
            while (nowNanos - closeGrace >= frontier + tf) {
                emitSynthetic(frontier);
            }
        }
    }

    @Override
    public void flush() {
        if (active) {
            closeCurrent(BarView.INCOMPLETE);
        }
    }

    private void closeCurrent(int extraFlags) {
        active = false;
        curOpen = Long.MAX_VALUE;
        curClose = Long.MIN_VALUE;
        frontier = current.closeTime;
        lastClose = current.close;
        remember(current);
        barsClosed++;
        handler.onBarClosed(current.toBar(extraFlags));
    }

    private void emitSynthetic(long open) {
        BarState s = recent.length > 0 ? slot(open) : current;
        s.start(open, open + tf);
        s.flat(lastClose);
        frontier = open + tf;
        syntheticBars++;
        barsClosed++;
        handler.onBarClosed(s.toBar(0));
    }

    private void remember(BarState closed) {
        if (recent.length > 0) {
            slot(closed.openTime).copyFrom(closed);
        }
    }

    private BarState slot(long open) {
        return recent[(int) Math.floorMod(Math.floorDiv(open, tf), (long) recent.length)];
    }

    private void late(long t, double price, double qty, boolean buy) {
        if (latePolicy == LatePolicy.AMEND && recent.length > 0) {
            long open = timeframe.floor(t);
            BarState s = slot(open);
            if (s.openTime == open) {
                if (s.tradeCount == 0) { // a synthetic bar becomes a real one
                    s.flags &= ~BarView.SYNTHETIC;
                }
                s.add(t, price, qty, buy);
                s.flags |= BarView.REVISED;
                ticks++;
                lateAmended++;
                handler.onBarClosed(s.toBar(0));
                return;
            }
        }
        lateDropped++;
    }

    @Override
    public Timeframe spec() {
        return timeframe;
    }

    /**
     * The instrument.
     *
     * @return the symbol
     */
    public Symbol symbol() {
        return symbol;
    }

    /**
     * The bar in progress.
     *
     * @return a reused view of it, or null when no bar is open
     */
    public BarView current() {
        return active ? current : null;
    }

    @Override
    public BarStats stats() {
        return new BarStats(ticks, barsClosed, syntheticBars, lateDropped, lateAmended, rejected);
    }

    /** Configures a {@link TimeBarAggregator}. Not thread-safe. */
    public static final class Builder {
        private final Symbol symbol;
        private final Timeframe timeframe;
        private final BarHandler handler;
        private GapPolicy gapPolicy = GapPolicy.SKIP;
        private LatePolicy latePolicy = LatePolicy.DROP;
        private Duration lateWindow = Duration.ZERO;
        private Duration closeGrace = Duration.ZERO;

        private Builder(Symbol symbol, Timeframe timeframe, BarHandler handler) {
            this.symbol = Args.notNull(symbol, "symbol");
            this.timeframe = Args.notNull(timeframe, "timeframe");
            this.handler = Args.notNull(handler, "handler");
        }

        /**
         * Sets the gap policy.
         *
         * @param policy {@link GapPolicy#SKIP} (default) or {@link GapPolicy#FLAT_FILL}
         * @return this
         */
        public Builder gapPolicy(GapPolicy policy) {
            this.gapPolicy = Args.notNull(policy, "policy");
            return this;
        }

        /**
         * Amends late trades into bars closed within a window, re-emitting them flagged {@link
         * BarView#REVISED}.
         *
         * @param window how far back (rounded up to whole bars, at least one)
         * @return this
         */
        public Builder amendLateTrades(Duration window) {
            Args.notNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("late window must be > 0, was " + window);
            }
            this.latePolicy = LatePolicy.AMEND;
            this.lateWindow = window;
            return this;
        }

        /**
         * Sets how long after a bar's end the watermark waits before closing it, to let delayed
         * trades in.
         *
         * @param grace the grace, &gt;= 0 (default 0)
         * @return this
         */
        public Builder closeGrace(Duration grace) {
            Args.notNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("close grace must be >= 0, was " + grace);
            }
            this.closeGrace = grace;
            return this;
        }

        /**
         * Builds the aggregator.
         *
         * @return a new aggregator with no bar open
         */
        public TimeBarAggregator build() {
            return new TimeBarAggregator(this);
        }
    }
}
