package org.quantstream.core.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.PairListener;
import org.quantstream.core.util.Args;

/**
 * The pair mean-reversion backtest of SPEC §13, event-driven: one call per aligned bar time with
 * the two closes and the hedge ratio and z-score known at that close, as a {@link PairListener} on
 * a {@code Pipeline} (recorded history or the live feed: paper trading) or fed directly with {@link
 * #onAligned}.
 *
 * <p>Two legs in quote currency: leg B sized at the strategy's notional, leg A at {@code beta}
 * times it (beta of the entry decision, no re-hedging), fees and slippage per leg and fill, fills
 * at the next aligned time's closes ({@link FillMode#NEXT}, default) or at the decision time's
 * ({@link FillMode#CLOSE}). An order decided at the last aligned time is not filled, and a position
 * still open there is closed at its closes (reason END): so an aligned time is settled when the
 * next one arrives or at {@link #finish()}, and the {@link BacktestListener} hears of a time's
 * fills and equity then.
 *
 * <p>No look-ahead by construction: the decision at {@code t} reads only {@code t}'s z-score and
 * hedge ratio (which a {@code PairAnalytics} computes from data up to the close of {@code t}) and
 * the position; a fill uses the closes of its own time.
 *
 * <p>Not thread-safe: one feeding thread. Per aligned time it allocates nothing but the growth of
 * its paths (amortised) and one record per fill and trade.
 */
public final class Backtester implements PairListener {
    private final MeanReversionStrategy strategy;
    private final FillMode fillMode;
    private final FeeModel fees;
    private final SlippageModel slippage;
    private final double capital;
    private final double periodsPerYear;
    private final String pair;
    private final BacktestListener listener;

    // the aligned time received but not settled yet (it may be the last)
    private boolean held;
    private long hTime;
    private double hA;
    private double hB;
    private double hBeta;
    private double hZ;

    private int index = -1; // index of the last settled time
    private boolean finished;
    private BacktestResult result;

    // the rules, with the decided position (equal to the filled one at every decision)
    private final Decisions decisions;
    // orders waiting for the next time (NEXT) or the end of this one (CLOSE)
    private boolean exitOrder;
    private ExitReason exitReason;
    private double exitZ;
    private int entryOrder; // side, 0 for none
    private double entryOrderZ;
    private double entryOrderBeta;

    // the filled position
    private int side;
    private int entryIndex;
    private long entryTime;
    private double entryZ;
    private double beta;
    private double qa;
    private double qb;
    private double ea;
    private double eb;
    private double entryFees;

    private double realized;
    private double prevPnl;
    private final List<Trade> trades = new ArrayList<>();
    private final PathStats stats;
    private final boolean keepPaths;
    private long[] times;
    private double[] equity;
    private double[] returns;
    private byte[] positions;

    private Backtester(Builder b) {
        this.strategy = b.strategy;
        this.fillMode = b.fill;
        this.fees = b.fees;
        this.slippage = b.slippage;
        this.capital = b.capital;
        this.periodsPerYear = b.periodsPerYear;
        this.pair = b.pair;
        this.listener = b.listener;
        this.decisions = new Decisions(b.strategy);
        this.stats = new PathStats(b.capital);
        this.keepPaths = b.keepPaths;
        int capacity = keepPaths ? 1024 : 0; // without paths the metrics are accumulated only
        this.times = new long[capacity];
        this.equity = new double[capacity];
        this.returns = new double[capacity];
        this.positions = new byte[capacity];
    }

    /**
     * A builder with SPEC §13's defaults: {@link MeanReversionStrategy#defaults()}, fills NEXT, no
     * fees, no slippage, capital 20,000, 1-second bars.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes a pair snapshot: its bar open time, closes, hedge ratio and z-score. Snapshots of other
     * pairs than the one configured with {@link Builder#pair} are ignored.
     *
     * @param name the pair's name
     * @param s the snapshot
     */
    @Override
    public void onSnapshot(String name, PairSnapshot s) {
        if (pair == null || pair.equals(name)) {
            onAligned(s.openTimeNanos(), s.priceA(), s.priceB(), s.beta(), s.zScore());
        }
    }

    /**
     * Takes one aligned time. Settles the previous one (its fills, its equity): an order decided
     * there fills now in NEXT mode.
     *
     * @param openTimeNanos the bars' open time, epoch ns, after the previous one
     * @param closeA leg A's close, {@code > 0}
     * @param closeB leg B's close, {@code > 0}
     * @param hedgeRatio the hedge ratio known at this close (NaN before the hedge window is full)
     * @param z the spread's z-score known at this close (NaN: no decision at this time)
     * @throws IllegalStateException after {@link #finish()}
     * @throws IllegalArgumentException for a time not after the previous one, or a price that is
     *     not a positive number
     */
    public void onAligned(
            long openTimeNanos, double closeA, double closeB, double hedgeRatio, double z) {
        if (finished) {
            throw new IllegalStateException("the backtest has finished");
        }
        if (held && openTimeNanos <= hTime) {
            throw new IllegalArgumentException(
                    "aligned times must increase: " + openTimeNanos + " after " + hTime);
        }
        if (!(closeA > 0) || !(closeB > 0) || Double.isInfinite(closeA + closeB)) {
            throw new IllegalArgumentException(
                    "closes must be positive numbers, were " + closeA + " and " + closeB);
        }
        if (held) {
            settle(false);
        }
        held = true;
        hTime = openTimeNanos;
        hA = closeA;
        hB = closeB;
        hBeta = hedgeRatio;
        hZ = z;
    }

    /**
     * Ends the backtest: settles the last time (its orders are not filled; an open position closes
     * at its closes, reason END) and computes the metrics. Idempotent.
     *
     * @return the result
     */
    public BacktestResult finish() {
        if (!finished) {
            if (held) {
                settle(true);
                held = false;
            }
            finished = true;
            int n = keepPaths ? index + 1 : 0;
            result =
                    new BacktestResult(
                            capital,
                            strategy,
                            trades,
                            BacktestMetrics.of(trades, stats, prevPnl, periodsPerYear),
                            Arrays.copyOf(times, n),
                            Arrays.copyOf(equity, n),
                            Arrays.copyOf(returns, n),
                            Arrays.copyOf(positions, n));
        }
        return result;
    }

    /**
     * The round trips closed so far.
     *
     * @return an unmodifiable view, in time order
     */
    public List<Trade> trades() {
        return java.util.Collections.unmodifiableList(trades);
    }

    /**
     * The side held now: +1 long, -1 short, 0 flat (as of the last settled time).
     *
     * @return the side
     */
    public int position() {
        return side;
    }

    /** Fills, decides and marks the held time {@code t}. */
    private void settle(boolean last) {
        int t = ++index;
        // 1. what was decided at t-1 fills at t's closes, the exit first (NEXT)
        fillOrders(t);
        // 2. the decisions of t
        decide(t);
        // 3. fill at t (CLOSE), keep for t+1 (NEXT), or drop (last time); END at the last time
        if (last) {
            exitOrder = false;
            entryOrder = 0;
            if (side != 0) {
                close(t, hZ, ExitReason.END);
            }
        } else if (fillMode == FillMode.CLOSE) {
            fillOrders(t);
        }
        // 4. mark to market at t's closes
        double pnl = realized;
        if (side != 0) {
            pnl += qa * (hA - ea) + qb * (hB - eb) - entryFees;
        }
        double r = (pnl - prevPnl) / (capital + prevPnl);
        prevPnl = pnl;
        record(t, capital + pnl, r);
        if (listener != null) {
            listener.onEquity(hTime, capital + pnl, side);
        }
    }

    private void fillOrders(int t) {
        if (exitOrder) {
            exitOrder = false;
            close(t, exitZ, exitReason);
        }
        if (entryOrder != 0) {
            open(t, entryOrder, entryOrderZ, entryOrderBeta);
            entryOrder = 0;
        }
    }

    private void decide(int t) {
        int before = decisions.side();
        decisions.decide(t, hZ, t - entryIndex);
        if (decisions.exit != null) {
            exitOrder = true;
            exitReason = decisions.exit;
            exitZ = hZ;
            if (listener != null) {
                listener.onSignal(new Signal(hTime, false, side(before), decisions.exit, hZ));
            }
        }
        if (decisions.entry != 0) {
            entryOrder = decisions.entry;
            entryOrderZ = hZ;
            entryOrderBeta = hBeta;
            if (listener != null) {
                listener.onSignal(new Signal(hTime, true, side(decisions.entry), null, hZ));
            }
        }
    }

    private static PositionSide side(int sign) {
        return sign > 0 ? PositionSide.LONG : PositionSide.SHORT;
    }

    private void open(int t, int s, double z, double b) {
        double n = strategy.notional();
        double fb = slippage.fillPrice(Leg.B, hB, s);
        double qB = s * n / fb;
        double fa = slippage.fillPrice(Leg.A, hA, -s * b);
        double qA = -s * (b * n) / fa;
        double feeA = fees.fee(Leg.A, qA, fa);
        double feeB = fees.fee(Leg.B, qB, fb);
        side = s;
        entryIndex = t;
        entryTime = hTime;
        entryZ = z;
        beta = b;
        qa = qA;
        qb = qB;
        ea = fa;
        eb = fb;
        entryFees = feeA + feeB;
        if (listener != null) {
            int k = trades.size() + 1;
            listener.onFill(new Fill(hTime, Leg.A, qA, fa, feeA, true, k));
            listener.onFill(new Fill(hTime, Leg.B, qB, fb, feeB, true, k));
        }
    }

    private void close(int t, double z, ExitReason reason) {
        double xa = slippage.fillPrice(Leg.A, hA, -qa);
        double xb = slippage.fillPrice(Leg.B, hB, -qb);
        double feeA = fees.fee(Leg.A, -qa, xa);
        double feeB = fees.fee(Leg.B, -qb, xb);
        double exitFees = feeA + feeB;
        double gross = qa * (xa - ea) + qb * (xb - eb);
        double allFees = entryFees + exitFees;
        double net = gross - allFees;
        Trade trade =
                new Trade(
                        trades.size() + 1,
                        side(side),
                        entryTime,
                        hTime,
                        entryZ,
                        z,
                        beta,
                        qa,
                        qb,
                        ea,
                        eb,
                        xa,
                        xb,
                        allFees,
                        gross,
                        net,
                        net / strategy.notional(),
                        t - entryIndex,
                        reason);
        trades.add(trade);
        realized += net;
        side = 0;
        if (listener != null) {
            listener.onFill(new Fill(hTime, Leg.A, -qa, xa, feeA, false, trade.trade()));
            listener.onFill(new Fill(hTime, Leg.B, -qb, xb, feeB, false, trade.trade()));
            listener.onTrade(trade);
        }
        qa = 0;
        qb = 0;
        entryFees = 0;
    }

    private void record(int t, double v, double r) {
        stats.add(v, r, side);
        if (!keepPaths) {
            return;
        }
        if (t == times.length) {
            int cap = t * 2;
            times = Arrays.copyOf(times, cap);
            equity = Arrays.copyOf(equity, cap);
            returns = Arrays.copyOf(returns, cap);
            positions = Arrays.copyOf(positions, cap);
        }
        times[t] = hTime;
        equity[t] = v;
        returns[t] = r;
        positions[t] = (byte) side;
    }

    /** Configures a {@link Backtester}. Not thread-safe. */
    public static final class Builder {
        private MeanReversionStrategy strategy = MeanReversionStrategy.defaults();
        private FillMode fill = FillMode.NEXT;
        private FeeModel fees = FeeModel.none();
        private SlippageModel slippage = SlippageModel.none();
        private double capital = 20_000.0;
        private double periodsPerYear = 365.0 * 86_400.0;
        private String pair;
        private BacktestListener listener;
        private boolean keepPaths = true;

        private Builder() {}

        /**
         * Whether the result keeps the paths (times, equity, returns, positions) of every aligned
         * time (default true). Without them a backtest allocates nothing per aligned time, and the
         * metrics are the same (they are accumulated as it runs): for sweeps.
         *
         * @param keep false to keep the metrics and trades only
         * @return this
         */
        public Builder keepPaths(boolean keep) {
            this.keepPaths = keep;
            return this;
        }

        /**
         * Sets the strategy (default {@link MeanReversionStrategy#defaults()}).
         *
         * @param s the strategy
         * @return this
         */
        public Builder strategy(MeanReversionStrategy s) {
            this.strategy = Args.notNull(s, "strategy");
            return this;
        }

        /**
         * Sets when orders fill (default {@link FillMode#NEXT}).
         *
         * @param f the fill mode
         * @return this
         */
        public Builder fill(FillMode f) {
            this.fill = Args.notNull(f, "fill");
            return this;
        }

        /**
         * Sets the fees (default none).
         *
         * @param f the fee model
         * @return this
         */
        public Builder fees(FeeModel f) {
            this.fees = Args.notNull(f, "fees");
            return this;
        }

        /**
         * Sets the slippage (default none).
         *
         * @param s the slippage model
         * @return this
         */
        public Builder slippage(SlippageModel s) {
            this.slippage = Args.notNull(s, "slippage");
            return this;
        }

        /**
         * Sets the starting capital (default 20,000).
         *
         * @param c quote currency, {@code > 0}
         * @return this
         */
        public Builder capital(double c) {
            if (!(Args.finite(c, "capital") > 0)) {
                throw new IllegalArgumentException("capital must be > 0, was " + c);
            }
            this.capital = c;
            return this;
        }

        /**
         * Sets the bar timeframe, from which the periods a year follow: {@code 365·86400 / seconds}
         * (crypto trades every second of the year). Default 1 s.
         *
         * @param tf the timeframe of the aligned times
         * @return this
         */
        public Builder timeframe(Timeframe tf) {
            this.periodsPerYear = 365.0 * 86_400.0 * 1e9 / Args.notNull(tf, "timeframe").nanos();
            return this;
        }

        /**
         * Takes only this pair's snapshots when used as a {@link PairListener} (default: every
         * snapshot, for a pipeline with one pair).
         *
         * @param name the pair's name, {@code A/B}
         * @return this
         */
        public Builder pair(String name) {
            this.pair = Args.notBlank(name, "pair");
            return this;
        }

        /**
         * Sets a listener for fills, trades and equity as they happen (default none).
         *
         * @param l the listener, called on the feeding thread
         * @return this
         */
        public Builder listener(BacktestListener l) {
            this.listener = Args.notNull(l, "listener");
            return this;
        }

        /**
         * Builds the backtester.
         *
         * @return a new backtester
         */
        public Backtester build() {
            return new Backtester(this);
        }
    }
}
