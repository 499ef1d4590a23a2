package org.quantstream.core.pair;

import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.BarView;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.regression.HedgeRatio;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.regression.SpreadZScore;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.RollingAdf;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.stats.RollingCorrelation;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.util.Args;

/**
 * Pair analytics over two symbols' closed bars of one timeframe: the bars are aligned by open time
 * (a time with a bar of one symbol only is skipped or forward-filled, {@link MissingLeg}), and each
 * aligned time drives, in this order, the correlation of the legs' returns, the hedge ratio of B on
 * A with the spread {@code b - beta·a - alpha} and its z-score ({@link SpreadZScore}), a rolling
 * ADF test of the spread ({@link RollingAdf}) and its half-life (a rolling OLS of {@code Δs_t} on
 * {@code s_{t-1}}, equal to {@link org.quantstream.core.stationarity.HalfLife} on the same window).
 * Prices are taken in logs by default. Each aligned time yields a {@link PairSnapshot}.
 *
 * <p>Feed it as a {@link BarHandler} (bars of other symbols or timeframes and revised bars are
 * ignored and counted). Bars of one symbol must arrive in time order; the two symbols may be
 * interleaved in any way: a time waits until the other symbol has a bar at or after it.
 *
 * <p>Not thread-safe; confine to the pipeline thread. Per bar O(1) plus the ADF update (O(k²)); one
 * {@link PairSnapshot} allocated per aligned time, nothing else in steady state.
 */
public final class PairAnalytics implements BarHandler {
    private final Symbol a;
    private final Symbol b;
    private final Timeframe timeframe;
    private final boolean logPrices;
    private final MissingLeg missingLeg;
    private final long maxStaleNanos;
    private final PairHandler handler;
    private final SpreadZScore spread;
    private final RollingCorrelation correlation;
    private final RollingAdf adf;
    private final RollingOls halfLife;
    private final Pending pendingA;
    private final Pending pendingB;

    private long lastTimeA = Long.MIN_VALUE;
    private double lastCloseA = Double.NaN;
    private long lastTimeB = Long.MIN_VALUE;
    private double lastCloseB = Double.NaN;
    private double prevX = Double.NaN;
    private double prevY = Double.NaN;
    private double prevSpread = Double.NaN;
    private long aligned;
    private long filled;
    private long skipped;
    private long ignored;
    private long overflow;

    private PairAnalytics(Builder c) {
        this.a = c.a;
        this.b = c.b;
        this.timeframe = Args.notNull(c.timeframe, "timeframe");
        this.handler = Args.notNull(c.handler, "handler");
        this.logPrices = c.logPrices;
        this.missingLeg = c.missingLeg;
        this.maxStaleNanos = c.maxStaleBars * timeframe.nanos();
        this.spread = new SpreadZScore(c.hedge != null ? c.hedge : new RollingOls(120), c.zWindow);
        this.correlation = new RollingCorrelation(c.correlationWindow);
        this.adf = new RollingAdf(c.adfWindow, c.adfTrend, c.adfAutolag, c.adfMaxLag);
        this.halfLife = new RollingOls(c.halfLifeWindow);
        this.pendingA = new Pending(c.maxPending);
        this.pendingB = new Pending(c.maxPending);
    }

    /**
     * A builder for the pair of {@code a} (the regressor) and {@code b} (the regressand).
     *
     * @param a leg A, the x of the hedge regression
     * @param b leg B, the y
     * @return the builder
     * @throws IllegalArgumentException if a symbol is null or both are the same
     */
    public static Builder builder(Symbol a, Symbol b) {
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        if (a == b) {
            throw new IllegalArgumentException("a pair needs two symbols, got " + a + " twice");
        }
        return new Builder(a, b);
    }

    @Override
    public void onBarClosed(Bar bar) {
        Symbol s = bar.symbol();
        if ((s != a && s != b)
                || !(bar.spec() instanceof Timeframe)
                || !timeframe.equals(bar.spec())
                || bar.has(BarView.REVISED)) {
            ignored++;
            return;
        }
        boolean synthetic = bar.has(BarView.SYNTHETIC);
        if (!(s == a ? pendingA : pendingB).add(bar.openTimeNanos(), bar.close(), synthetic)) {
            overflow++;
        }
        pairOff();
    }

    /** Pairs the oldest pending times while both legs have one. */
    private void pairOff() {
        while (!pendingA.isEmpty() && !pendingB.isEmpty()) {
            long ta = pendingA.headTime();
            long tb = pendingB.headTime();
            if (ta == tb) {
                emit(
                        ta,
                        pendingA.headClose(),
                        pendingB.headClose(),
                        pendingA.headSynthetic(),
                        pendingB.headSynthetic());
                takeA();
                takeB();
            } else if (ta < tb) { // B has no bar at ta: it already closed a later one
                if (fillable(ta, lastTimeB)) {
                    filled++;
                    emit(ta, pendingA.headClose(), lastCloseB, pendingA.headSynthetic(), true);
                } else {
                    skipped++;
                }
                takeA();
            } else {
                if (fillable(tb, lastTimeA)) {
                    filled++;
                    emit(tb, lastCloseA, pendingB.headClose(), true, pendingB.headSynthetic());
                } else {
                    skipped++;
                }
                takeB();
            }
        }
    }

    private boolean fillable(long t, long lastOther) {
        return missingLeg == MissingLeg.FORWARD_FILL
                && lastOther != Long.MIN_VALUE
                && t - lastOther <= maxStaleNanos;
    }

    private void takeA() {
        lastTimeA = pendingA.headTime();
        lastCloseA = pendingA.headClose();
        pendingA.remove();
    }

    private void takeB() {
        lastTimeB = pendingB.headTime();
        lastCloseB = pendingB.headClose();
        pendingB.remove();
    }

    private void emit(long time, double pa, double pb, boolean filledA, boolean filledB) {
        double x = logPrices ? Math.log(pa) : pa;
        double y = logPrices ? Math.log(pb) : pb;
        if (!Double.isNaN(prevX)) {
            correlation.update(x - prevX, y - prevY);
        }
        prevX = x;
        prevY = y;
        spread.update(x, y);
        HedgeRatio hedge = spread.hedge();
        double s = spread.spread();
        if (hedge.isReady()) {
            adf.update(s);
            if (!Double.isNaN(prevSpread)) {
                halfLife.update(prevSpread, s - prevSpread);
            }
            prevSpread = s;
        }
        double lambda = halfLife.isReady() ? halfLife.beta() : Double.NaN;
        aligned++;
        handler.onSnapshot(
                new PairSnapshot(
                        time,
                        pa,
                        pb,
                        filledA,
                        filledB,
                        hedge.isReady() ? hedge.beta() : Double.NaN,
                        hedge.isReady() ? hedge.alpha() : Double.NaN,
                        s,
                        spread.isReady() ? spread.value() : Double.NaN,
                        correlation.isReady() ? correlation.value() : Double.NaN,
                        adf.isReady() ? adf.value() : Double.NaN,
                        adf.isReady() ? adf.pValue() : Double.NaN,
                        lambda < 0 ? -Math.log(2) / lambda : Double.NaN));
    }

    /**
     * Aligned times analysed so far (snapshots delivered).
     *
     * @return the count
     */
    public long aligned() {
        return aligned;
    }

    /**
     * Aligned times at which one leg was carried forward.
     *
     * @return the count
     */
    public long filled() {
        return filled;
    }

    /**
     * Times left out because only one leg had a bar (and it could not be filled).
     *
     * @return the count
     */
    public long skipped() {
        return skipped;
    }

    /**
     * Bars ignored: other symbols or timeframes, revised bars.
     *
     * @return the count
     */
    public long ignored() {
        return ignored;
    }

    /**
     * Pending bars dropped because one leg got {@code maxPending} bars ahead of the other.
     *
     * @return the count
     */
    public long overflow() {
        return overflow;
    }

    /** One leg's bars waiting for the other leg: a ring of primitives, oldest first. */
    private static final class Pending {
        private final long[] time;
        private final double[] close;
        private final boolean[] synthetic;
        private int head;
        private int size;

        Pending(int capacity) {
            time = new long[capacity];
            close = new double[capacity];
            synthetic = new boolean[capacity];
        }

        /** Adds a bar; when full, the oldest is dropped first and false returned. */
        boolean add(long t, double c, boolean syn) {
            boolean room = size < time.length;
            if (!room) {
                remove();
            }
            int i = (head + size) % time.length;
            time[i] = t;
            close[i] = c;
            synthetic[i] = syn;
            size++;
            return room;
        }

        boolean isEmpty() {
            return size == 0;
        }

        long headTime() {
            return time[head];
        }

        double headClose() {
            return close[head];
        }

        boolean headSynthetic() {
            return synthetic[head];
        }

        void remove() {
            head = (head + 1) % time.length;
            size--;
        }
    }

    /**
     * Builds a {@link PairAnalytics}. Defaults: log prices, hedge ratio by rolling OLS over 120
     * times, z-score and correlation over 60, ADF with a constant over 120 with a fixed lag of 1,
     * half-life over 120, missing legs skipped, up to 4,096 pending bars a leg. Not thread-safe.
     */
    public static final class Builder {
        private final Symbol a;
        private final Symbol b;
        private Timeframe timeframe;
        private PairHandler handler;
        private HedgeRatio hedge;
        private boolean logPrices = true;
        private int zWindow = 60;
        private int correlationWindow = 60;
        private int adfWindow = 120;
        private Trend adfTrend = Trend.C;
        private Autolag adfAutolag = Autolag.NONE;
        private int adfMaxLag = 1;
        private int halfLifeWindow = 120;
        private MissingLeg missingLeg = MissingLeg.SKIP;
        private int maxStaleBars = 1;
        private int maxPending = 4096;

        private Builder(Symbol a, Symbol b) {
            this.a = a;
            this.b = b;
        }

        /**
         * The bars' timeframe (required): bars of other timeframes are ignored.
         *
         * @param tf the timeframe
         * @return this
         */
        public Builder timeframe(Timeframe tf) {
            this.timeframe = Args.notNull(tf, "timeframe");
            return this;
        }

        /**
         * Where the snapshots go (required).
         *
         * @param h the handler
         * @return this
         */
        public Builder handler(PairHandler h) {
            this.handler = Args.notNull(h, "handler");
            return this;
        }

        /**
         * The hedge-ratio estimator (default {@code new RollingOls(120)}): rolling or recursive
         * OLS, Huber, total least squares, Kalman; it belongs to the analytics once passed.
         *
         * @param h the estimator
         * @return this
         */
        public Builder hedge(HedgeRatio h) {
            this.hedge = Args.notNull(h, "hedge");
            return this;
        }

        /**
         * Whether prices are taken in logs (default true).
         *
         * @param on true for log prices
         * @return this
         */
        public Builder logPrices(boolean on) {
            this.logPrices = on;
            return this;
        }

        /**
         * The spread z-score's window (default 60).
         *
         * @param n times, at least 2
         * @return this
         */
        public Builder zWindow(int n) {
            this.zWindow = (int) Args.positive(n, "zWindow");
            return this;
        }

        /**
         * The window of the correlation of returns (default 60).
         *
         * @param n returns, at least 2
         * @return this
         */
        public Builder correlationWindow(int n) {
            this.correlationWindow = (int) Args.positive(n, "correlationWindow");
            return this;
        }

        /**
         * The rolling ADF test of the spread (default 120 times, constant, fixed lag 1).
         *
         * @param window spreads per test
         * @param trend deterministic terms
         * @param autolag lag selection ({@link Autolag#NONE} for the fixed lag {@code maxLag})
         * @param maxLag the largest (or fixed) lag, -1 for statsmodels' default
         * @return this
         */
        public Builder adf(int window, Trend trend, Autolag autolag, int maxLag) {
            this.adfWindow = window;
            this.adfTrend = Args.notNull(trend, "trend");
            this.adfAutolag = Args.notNull(autolag, "autolag");
            this.adfMaxLag = maxLag;
            return this;
        }

        /**
         * The half-life's window (default 120 spread changes).
         *
         * @param n changes, at least 3
         * @return this
         */
        public Builder halfLifeWindow(int n) {
            this.halfLifeWindow = (int) Args.positive(n, "halfLifeWindow");
            return this;
        }

        /**
         * What to do at a time with a bar of one symbol only (default {@link MissingLeg#SKIP}).
         *
         * @param policy the policy
         * @param maxStaleBars with {@link MissingLeg#FORWARD_FILL}: how many bar intervals old the
         *     carried close may be, at least 1
         * @return this
         */
        public Builder missingLeg(MissingLeg policy, int maxStaleBars) {
            this.missingLeg = Args.notNull(policy, "missingLeg");
            this.maxStaleBars = (int) Args.positive(maxStaleBars, "maxStaleBars");
            return this;
        }

        /**
         * How many bars of one leg may wait for the other (default 4,096); beyond, the oldest are
         * dropped and counted ({@link PairAnalytics#overflow()}).
         *
         * @param n bars, at least 1
         * @return this
         */
        public Builder maxPending(int n) {
            this.maxPending = (int) Args.positive(n, "maxPending");
            return this;
        }

        /**
         * Builds the analytics.
         *
         * @return the analytics
         * @throws IllegalArgumentException without a timeframe or handler, or with windows the
         *     operators refuse (each names its bound)
         */
        public PairAnalytics build() {
            if (timeframe == null) {
                throw new IllegalArgumentException("a timeframe is required");
            }
            if (handler == null) {
                throw new IllegalArgumentException("a handler is required");
            }
            return new PairAnalytics(this);
        }
    }
}
