package org.quantstream.core.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.quantstream.core.alert.AlertEngine;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.alert.AlertSink;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.op.UnivariateOperator;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickHandler;
import org.quantstream.core.tick.TickView;
import org.quantstream.core.time.EpochNanoClock;
import org.quantstream.core.util.Args;
import org.quantstream.core.util.ErrorHandler;
import org.quantstream.core.util.IdleStrategy;

/**
 * The engine: ticks from a {@link TickSource} → time bars per symbol and timeframe → per-symbol
 * operators over the bars → pair analytics → alert rules → the user's handlers, all on one thread,
 * in that order.
 *
 * <pre>
 *   DataFeed ──(its thread)──▶ ring ─┐
 *   PolledFeed ─(polled here)─▶ store┤
 *   TickStore cursor ────────────────┼─▶ [pipeline thread] tick → TimeBarAggregator(symbol, tf)...
 *   tick files ──────────────────────┘        │ bar closed
 *                                             ├─▶ BarHandlers
 *                                             ├─▶ operators(symbol) ─▶ MetricListener, alerts
 *                                             ├─▶ alerts on bar metrics (close, volume, ...)
 *                                             └─▶ PairAnalytics(A/B) ─▶ snapshot
 *                                                     ├─▶ PairListeners, MetricListener
 *                                                     └─▶ alerts on pair metrics ─▶ AlertSinks
 * </pre>
 *
 * <p><b>Threading.</b> {@link #start()} runs the stages on a thread of the pipeline's own ({@link
 * #run()} on the caller's); every handler, listener and sink is called on it, so they need no locks
 * and must not block. The only hand-off between threads is the source's (a feed's ring; with {@link
 * TickSource#polled} the feed's network thread's own ring, the feed's delivery work then running
 * here). {@link #stats()} and {@link #status()} may be read from any thread.
 *
 * <p><b>Allocation.</b> None per tick in steady state; the records handed out ({@link Bar}, {@link
 * PairSnapshot}, alerts) are allocated per bar, snapshot and alert.
 *
 * <p><b>Time.</b> Bars close when a later trade arrives, at the end ({@link Builder#flushAtEnd})
 * and, with {@link Builder#watermark}, when the injected clock passes a bar's end plus the grace,
 * so that an idle market still closes its bars on time. Without a watermark the same ticks give the
 * same results whatever the source: live, replayed from a store, or read from files.
 *
 * <p><b>Errors.</b> An exception of a user handler goes to the {@link ErrorHandler} and is counted
 * ({@link PipelineStats#sinkErrors()}); the pipeline goes on. An exception of the source (a bad
 * line in a file) or of a stage stops it: {@link PipelineStatus#FAILED}, {@link #failure()}.
 */
public final class Pipeline implements AutoCloseable {
    private static final int BATCH = 256;

    private final TickSource source;
    private final Symbol[] symbols;
    private final int[] slotBySymbolId;
    private final TimeBarAggregator[][] aggregators;
    private final Timeframe[] timeframes;
    private final Timeframe analysisTimeframe;
    private final PipelineConfig config;
    private final SymbolAnalytics[] stages;
    private final PairStage[] pairs;
    private final List<BarHandler> barHandlers;
    private final List<PairListener> pairListeners;
    private final MetricListener[] metricListeners;
    private final AlertEngine alerts;
    private final ErrorHandler errors;
    private final IdleStrategy idle;
    private final EpochNanoClock watermarkClock;
    private final long graceNanos;
    private final EpochNanoClock lagClock;
    private final boolean flushAtEnd;
    private final CountDownLatch terminated = new CountDownLatch(1);

    private volatile PipelineStatus status = PipelineStatus.NEW;
    private volatile boolean stopping;
    private volatile Throwable failure;

    /** The counters as the pipeline's thread last published them (release stores, no garbage). */
    private final java.util.concurrent.atomic.AtomicLongArray published =
            new java.util.concurrent.atomic.AtomicLongArray(11);

    private long lastPublish;
    private boolean dirty;
    private boolean agent;
    private long nextWatermark = Long.MIN_VALUE;
    private final MutableTick work = new MutableTick();
    private final TickHandler tickSink = this::onTick;
    private Thread thread;

    // the pipeline thread's counters, published per batch
    private long ticks;
    private long ignored;
    private long bars;
    private long snapshots;
    private long sinkErrors;
    private long lagLast;
    private long lagMax;

    private Pipeline(Builder b) {
        this.source = Args.notNull(b.source, "source");
        PipelineConfig c = b.config.build();
        this.config = c;
        this.symbols = c.symbols().toArray(new Symbol[0]);
        this.timeframes = c.timeframes().toArray(new Timeframe[0]);
        this.analysisTimeframe = c.analysisTimeframe();
        int maxId = 0;
        for (Symbol s : symbols) {
            maxId = Math.max(maxId, s.id());
        }
        this.slotBySymbolId = new int[maxId + 1];
        Arrays.fill(slotBySymbolId, -1);
        for (int i = 0; i < symbols.length; i++) {
            slotBySymbolId[symbols[i].id()] = i;
        }
        this.barHandlers = List.copyOf(b.barHandlers);
        this.pairListeners = List.copyOf(b.pairListeners);
        this.metricListeners = b.metricListeners.toArray(new MetricListener[0]);
        this.errors = b.errors;
        this.idle = b.idle;
        this.watermarkClock = b.watermarkClock;
        this.graceNanos = b.grace.toNanos();
        this.lagClock = b.lagClock;
        this.flushAtEnd = b.flushAtEnd;

        List<AlertSink> sinks = List.copyOf(b.alertSinks);
        this.alerts =
                AlertEngine.builder()
                        .rules(c.rules())
                        .symbolMetrics(c.operatorNames())
                        .errorHandler(this::sinkError)
                        .sink(
                                a -> {
                                    for (AlertSink s : sinks) {
                                        try {
                                            s.onAlert(a);
                                        } catch (RuntimeException e) {
                                            sinkError(e);
                                        }
                                    }
                                })
                        .build();

        this.stages = new SymbolAnalytics[symbols.length];
        for (int i = 0; i < symbols.length; i++) {
            stages[i] = new SymbolAnalytics(symbols[i], c, alerts, this::metric);
        }
        this.pairs = new PairStage[c.pairs().size()];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new PairStage(c.pairs().get(i));
        }
        this.aggregators = new TimeBarAggregator[symbols.length][timeframes.length];
        for (int i = 0; i < symbols.length; i++) {
            for (int j = 0; j < timeframes.length; j++) {
                aggregators[i][j] = c.newAggregator(symbols[i], timeframes[j], this::onBar);
            }
        }
    }

    /**
     * A builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private int slot(Symbol s) {
        int id = s.id();
        return id < slotBySymbolId.length ? slotBySymbolId[id] : -1;
    }

    /**
     * Starts the pipeline's thread ({@code quant-pipeline}).
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        checkNew();
        thread = new Thread(this::loop, "quant-pipeline");
        thread.setDaemon(true);
        status = PipelineStatus.RUNNING;
        thread.start();
    }

    /**
     * Runs the pipeline on the calling thread until its source ends (or {@link #close()} from
     * another thread).
     *
     * @return the final status
     * @throws IllegalStateException if already started
     */
    public PipelineStatus run() {
        synchronized (this) {
            checkNew();
            thread = Thread.currentThread();
            status = PipelineStatus.RUNNING;
        }
        loop();
        return status;
    }

    private void checkNew() {
        if (status != PipelineStatus.NEW) {
            throw new IllegalStateException("the pipeline was started already (" + status + ")");
        }
    }

    private void loop() {
        PipelineStatus end = PipelineStatus.CLOSED;
        try {
            source.start();
            while (!stopping) {
                int n = work();
                if (n == 0) {
                    if (source.isFinished()) {
                        end = PipelineStatus.COMPLETED;
                        break;
                    }
                    idle.idle();
                } else {
                    idle.reset();
                }
            }
        } catch (RuntimeException | Error e) {
            end = fail(e);
        }
        finish(end);
    }

    /**
     * One duty cycle on the caller's thread, for running the pipeline inside a loop of one's own
     * (an Agrona-style agent) instead of {@link #start()} or {@link #run()}: takes what the source
     * has ready, up to a batch of 256 ticks, through every stage; advances the watermark. The first
     * call starts the source on the calling thread, which then owns the pipeline; {@link #close()}
     * on it ends the pipeline (drain, flush). Allocation-free in steady state.
     *
     * @return the ticks processed; 0 when none was ready
     * @throws IllegalStateException if the pipeline runs on a thread of its own or has ended
     * @throws RuntimeException what a stage or the source threw (the pipeline is then FAILED)
     */
    public int doWork() {
        if (thread != Thread.currentThread()) {
            synchronized (this) {
                checkNew();
                thread = Thread.currentThread();
                agent = true;
                status = PipelineStatus.RUNNING;
            }
            try {
                source.start();
            } catch (RuntimeException | Error e) {
                finish(fail(e));
                throw e;
            }
        }
        if (status.isTerminal()) {
            throw new IllegalStateException("the pipeline has ended (" + status + ")");
        }
        try {
            return work();
        } catch (RuntimeException | Error e) {
            finish(fail(e));
            throw e;
        }
    }

    /**
     * Whether the source has ended (a replay or files read to the end): a caller driving {@link
     * #doWork()} then closes the pipeline.
     *
     * @return true when no tick will come again
     */
    public boolean sourceFinished() {
        return source.isFinished();
    }

    private int work() {
        int n = source.drain(tickSink, work, BATCH);
        if (watermarkClock != null) {
            long now = watermarkClock.epochNanos();
            if (now >= nextWatermark) {
                for (TimeBarAggregator[] row : aggregators) {
                    for (TimeBarAggregator a : row) {
                        a.onTime(now - graceNanos);
                    }
                }
                nextWatermark = now + 10_000_000L; // every 10 ms
            }
        }
        if (n > 0) {
            dirty = true;
        }
        if (dirty && (n == 0 || System.nanoTime() - lastPublish >= 1_000_000L)) {
            publish(); // at most every millisecond while busy, at once when idle
        }
        return n;
    }

    private PipelineStatus fail(Throwable e) {
        failure = e;
        errors.onError(e);
        return PipelineStatus.FAILED;
    }

    /** Ends the pipeline on its thread: drains a closed source, flushes, publishes. */
    private void finish(PipelineStatus end) {
        try {
            if (end == PipelineStatus.CLOSED) {
                // closing: what the source already handed over still goes through
                source.close();
                while (source.drain(tickSink, work, BATCH) > 0) {
                    // what was handed over before the close
                }
            }
            if (end != PipelineStatus.FAILED && flushAtEnd) {
                for (TimeBarAggregator[] row : aggregators) {
                    for (TimeBarAggregator a : row) {
                        a.flush();
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            end = fail(e);
        } finally {
            try {
                source.close();
            } catch (RuntimeException e) {
                errors.onError(e);
            }
            publish();
            status = end;
            terminated.countDown();
        }
    }

    private void onTick(TickView t) {
        ticks++;
        int s = slot(t.symbol());
        if (s < 0) {
            ignored++;
            return;
        }
        if (lagClock != null && (ticks & 63) == 0) {
            long lag = lagClock.epochNanos() - t.eventTimeNanos();
            lagLast = lag;
            if (lag > lagMax) {
                lagMax = lag;
            }
        }
        TimeBarAggregator[] row = aggregators[s];
        for (TimeBarAggregator a : row) {
            a.onTick(t);
        }
    }

    private void onBar(Bar bar) {
        bars++;
        if (bar.timeframe().equals(analysisTimeframe)) {
            // the stages first, so that a bar handler sees the operators and pairs of its bar
            stages[slot(bar.symbol())].onBar(bar);
            for (PairStage p : pairs) {
                if (p.a == bar.symbol() || p.b == bar.symbol()) {
                    p.analytics.onBarClosed(bar);
                }
            }
        }
        for (BarHandler h : barHandlers) {
            try {
                h.onBarClosed(bar);
            } catch (RuntimeException e) {
                sinkError(e);
            }
        }
    }

    /**
     * Hands the stages a bar closed elsewhere (read from a bar file, built by another aggregator),
     * as if this pipeline's aggregators had closed it: the operators, pairs and alerts of its
     * symbol run on it if it is of the analysis timeframe, then the bar handlers. Call it on the
     * pipeline's thread: in a caller's own loop after the first {@link #doWork()}, or from a
     * handler. Bars of symbols the pipeline does not follow are ignored (counted with the ticks).
     *
     * @param bar the closed bar; bars of a symbol in time order
     * @throws IllegalStateException if called from another thread than the pipeline's
     */
    public void acceptBar(Bar bar) {
        if (thread != Thread.currentThread()) {
            throw new IllegalStateException(
                    "acceptBar must be called on the pipeline's thread ("
                            + (thread == null
                                    ? "not started: call doWork() first"
                                    : thread.getName())
                            + ")");
        }
        if (slot(Args.notNull(bar, "bar").symbol()) < 0) {
            ignored++;
            return;
        }
        onBar(bar);
        dirty = true;
    }

    /**
     * Alerts a rule delivered so far (read on the pipeline's thread or after it ended).
     *
     * @param rule the rule's name
     * @return the count
     * @throws IllegalArgumentException if there is no such rule
     */
    public long alertsFired(String rule) {
        return alerts.fired(rule);
    }

    /**
     * Fires of a rule its cooldown suppressed so far (read on the pipeline's thread or after it
     * ended).
     *
     * @param rule the rule's name
     * @return the count
     * @throws IllegalArgumentException if there is no such rule
     */
    public long alertsSuppressed(String rule) {
        return alerts.suppressed(rule);
    }

    /**
     * A pair's analytics, for its counters ({@link PairAnalytics#aligned()}, ...): read them on the
     * pipeline's thread or after it ended.
     *
     * @param name the pair, {@code A/B}
     * @return its analytics
     * @throws IllegalArgumentException if the pipeline has no such pair
     */
    public PairAnalytics pair(String name) {
        for (PairStage p : pairs) {
            if (p.name.equals(name)) {
                return p.analytics;
            }
        }
        throw new IllegalArgumentException("no pair " + name);
    }

    private void sinkError(Throwable e) {
        sinkErrors++;
        errors.onError(e);
    }

    private void metric(String target, String metric, long time, double value) {
        for (MetricListener l : metricListeners) {
            try {
                l.onMetric(target, metric, time, value);
            } catch (RuntimeException e) {
                sinkError(e);
            }
        }
    }

    private void publish() {
        lastPublish = System.nanoTime();
        dirty = false;
        long late = 0;
        for (TimeBarAggregator[] row : aggregators) {
            for (TimeBarAggregator a : row) {
                late += a.stats().lateDropped();
            }
        }
        published.lazySet(0, ticks);
        published.lazySet(1, ignored);
        published.lazySet(2, bars);
        published.lazySet(3, late);
        published.lazySet(4, snapshots);
        published.lazySet(5, alerts.fired());
        published.lazySet(6, alerts.suppressed());
        published.lazySet(7, sinkErrors);
        published.lazySet(8, source.queueHighWaterMark());
        published.lazySet(9, lagLast);
        published.lazySet(10, lagMax);
    }

    /**
     * Stops the pipeline: the source is closed, what it already handed over goes through, open bars
     * are flushed if {@link Builder#flushAtEnd} (the default), the thread is joined. Idempotent; a
     * no-op after the pipeline ended by itself.
     */
    @Override
    public void close() {
        Thread th;
        synchronized (this) {
            if (status == PipelineStatus.NEW) {
                status = PipelineStatus.CLOSED;
                source.close();
                terminated.countDown();
                return;
            }
            stopping = true;
            th = thread;
            if (agent) {
                if (th != Thread.currentThread()) {
                    throw new IllegalStateException(
                            "the pipeline is driven by doWork() on "
                                    + th.getName()
                                    + "; close it there");
                }
                if (!status.isTerminal()) {
                    finish(PipelineStatus.CLOSED);
                }
                return;
            }
        }
        if (th != Thread.currentThread()) {
            try {
                terminated.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until the pipeline has stopped.
     *
     * @param timeout the longest wait
     * @return true if it stopped in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Where the pipeline is in its life.
     *
     * @return the status
     */
    public PipelineStatus status() {
        return status;
    }

    /**
     * What stopped a {@link PipelineStatus#FAILED} pipeline.
     *
     * @return the error, or null
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * The counters as of the last batch (any thread).
     *
     * @return the counters
     */
    public PipelineStats stats() {
        return new PipelineStats(
                published.get(0),
                published.get(1),
                published.get(2),
                published.get(3),
                published.get(4),
                published.get(5),
                published.get(6),
                published.get(7),
                published.get(8),
                published.get(9),
                published.get(10));
    }

    /** One pair's analytics, listeners and alerts. */
    private final class PairStage {
        final Symbol a;
        final Symbol b;
        final String name;
        final PairAnalytics analytics;
        final AlertEngine.PairWatch watch;

        PairStage(PipelineConfig.PairSpec pc) {
            this.a = pc.a();
            this.b = pc.b();
            this.name = pc.name();
            this.watch = alerts.pair(a.name(), b.name());
            this.analytics = config.newPairAnalytics(pc, this::onSnapshot);
        }

        void onSnapshot(PairSnapshot s) {
            snapshots++;
            for (PairListener l : pairListeners) {
                try {
                    l.onSnapshot(name, s);
                } catch (RuntimeException e) {
                    sinkError(e);
                }
            }
            if (metricListeners.length > 0) {
                long t = s.openTimeNanos();
                metric(name, "beta", t, s.beta());
                metric(name, "alpha", t, s.alpha());
                metric(name, "spread", t, s.spread());
                metric(name, "zScore", t, s.zScore());
                metric(name, "correlation", t, s.correlation());
                metric(name, "adfStatistic", t, s.adfStatistic());
                metric(name, "adfPValue", t, s.adfPValue());
                metric(name, "halfLife", t, s.halfLife());
            }
            watch.onSnapshot(s);
        }
    }

    /** Builds a {@link Pipeline}. Not thread-safe. */
    public static final class Builder {
        private TickSource source;
        private PipelineConfig.Builder config = PipelineConfig.builder();
        private final List<BarHandler> barHandlers = new ArrayList<>();
        private final List<PairListener> pairListeners = new ArrayList<>();
        private final List<MetricListener> metricListeners = new ArrayList<>();
        private final List<AlertSink> alertSinks = new ArrayList<>();
        private ErrorHandler errors =
                ErrorHandler.logging(org.slf4j.LoggerFactory.getLogger(Pipeline.class));
        private IdleStrategy idle = IdleStrategy.backoff();
        private EpochNanoClock watermarkClock;
        private Duration grace = Duration.ZERO;
        private EpochNanoClock lagClock;
        private boolean flushAtEnd = true;

        private Builder() {}

        /**
         * Where the ticks come from (required).
         *
         * @param source the source; the pipeline starts and closes it
         * @return this
         */
        public Builder source(TickSource source) {
            this.source = Args.notNull(source, "source");
            return this;
        }

        /**
         * Takes what to compute from a configuration: its symbols, timeframes, policies, operators,
         * pairs and rules replace any set on this builder so far (and later calls add to them), so
         * that a {@code quant-kafka} topology and this pipeline built from one configuration
         * compute the same.
         *
         * @param config the configuration
         * @return this
         */
        public Builder config(PipelineConfig config) {
            this.config = Args.notNull(config, "config").toBuilder();
            return this;
        }

        /**
         * The symbols to follow (required); ticks of others are counted and ignored.
         *
         * @param symbols the symbols
         * @return this
         */
        public Builder symbols(Symbol... symbols) {
            config.symbols(symbols);
            return this;
        }

        /**
         * The bar timeframes built for every symbol (required).
         *
         * @param timeframes e.g. 1s and 1m
         * @return this
         */
        public Builder timeframes(Timeframe... timeframes) {
            config.timeframes(timeframes);
            return this;
        }

        /**
         * The timeframe whose bars feed the operators, the bar-metric alerts and the pairs
         * (default: the first timeframe).
         *
         * @param tf one of the timeframes
         * @return this
         */
        public Builder analysisTimeframe(Timeframe tf) {
            config.analysisTimeframe(tf);
            return this;
        }

        /**
         * What an interval without trades gives (default {@link GapPolicy#SKIP}: no bar).
         *
         * @param policy the policy
         * @return this
         */
        public Builder gapPolicy(GapPolicy policy) {
            config.gapPolicy(policy);
            return this;
        }

        /**
         * Lets a trade up to {@code window} late amend its closed bar (re-emitted, flagged revised)
         * instead of being dropped and counted (the default).
         *
         * @param window the lateness accepted
         * @return this
         */
        public Builder amendLateTrades(Duration window) {
            config.amendLateTrades(window);
            return this;
        }

        /**
         * A per-symbol operator over the bars of the analysis timeframe, by name: its value goes to
         * the metric listeners and can be watched by alert rules ({@code symbol, name}).
         *
         * @param name the operator's name, e.g. {@code z60}
         * @param factory makes one operator per symbol, e.g. {@code () -> new RollingZScore(60)}
         * @param input what it is fed
         * @return this
         */
        public Builder operator(
                String name, Supplier<? extends UnivariateOperator> factory, OperatorInput input) {
            config.operator(name, factory, input);
            return this;
        }

        /**
         * A pair's analytics on the analysis timeframe's bars; {@code configure} sets the hedge
         * method, windows and missing-leg policy on the builder (its timeframe and handler are the
         * pipeline's).
         *
         * @param a the first leg (regressed on b... as {@link PairAnalytics} says)
         * @param b the second leg
         * @param configure configures the pair's {@link PairAnalytics.Builder}
         * @return this
         */
        public Builder pair(Symbol a, Symbol b, Consumer<PairAnalytics.Builder> configure) {
            config.pair(a, b, configure);
            return this;
        }

        /**
         * Alert rules on bar metrics, operator values and pair metrics.
         *
         * @param rules the rules
         * @return this
         */
        public Builder rules(List<AlertRule> rules) {
            config.rules(rules);
            return this;
        }

        /**
         * Receives every closed bar of every symbol and timeframe.
         *
         * @param handler the handler
         * @return this
         */
        public Builder onBar(BarHandler handler) {
            barHandlers.add(Args.notNull(handler, "handler"));
            return this;
        }

        /**
         * Receives every pair snapshot.
         *
         * @param listener the listener
         * @return this
         */
        public Builder onPair(PairListener listener) {
            pairListeners.add(Args.notNull(listener, "listener"));
            return this;
        }

        /**
         * Receives every operator value and pair metric.
         *
         * @param listener the listener
         * @return this
         */
        public Builder onMetric(MetricListener listener) {
            metricListeners.add(Args.notNull(listener, "listener"));
            return this;
        }

        /**
         * Receives every delivered alert.
         *
         * @param sink the sink
         * @return this
         */
        public Builder onAlert(AlertSink sink) {
            alertSinks.add(Args.notNull(sink, "sink"));
            return this;
        }

        /**
         * Receives the exceptions of handlers, listeners and sinks, and the one that stops the
         * pipeline (default: logged at ERROR).
         *
         * @param errors the handler; must not throw
         * @return this
         */
        public Builder errorHandler(ErrorHandler errors) {
            this.errors = Args.notNull(errors, "errors");
            return this;
        }

        /**
         * What the thread does when there is nothing to do (default: spin, then yield, then park up
         * to 1 ms).
         *
         * @param idle the strategy
         * @return this
         */
        public Builder idle(IdleStrategy idle) {
            this.idle = Args.notNull(idle, "idle");
            return this;
        }

        /**
         * Closes bars by the clock, too: every 10 ms each aggregator is told the clock's time minus
         * {@code grace}, and a bar whose end lies before it closes without waiting for the next
         * trade. For live sources whose event times follow the clock.
         *
         * @param clock the clock
         * @param grace how long after a bar's end its trades may still arrive
         * @return this
         */
        public Builder watermark(EpochNanoClock clock, Duration grace) {
            this.watermarkClock = Args.notNull(clock, "clock");
            if (Args.notNull(grace, "grace").isNegative()) {
                throw new IllegalArgumentException("grace must be >= 0, was " + grace);
            }
            this.grace = grace;
            return this;
        }

        /**
         * Measures the lag from a tick's event time to its processing with this clock (every 64th
         * tick).
         *
         * @param clock the clock
         * @return this
         */
        public Builder lagClock(EpochNanoClock clock) {
            this.lagClock = Args.notNull(clock, "clock");
            return this;
        }

        /**
         * Whether the bars still open when the pipeline ends are closed then (flagged incomplete;
         * default true).
         *
         * @param flush true to flush
         * @return this
         */
        public Builder flushAtEnd(boolean flush) {
            this.flushAtEnd = flush;
            return this;
        }

        /**
         * Builds the pipeline (not started).
         *
         * @return the pipeline
         * @throws IllegalArgumentException for a missing source, symbol or timeframe, a pair leg
         *     that is not a symbol, an alert rule on an unknown metric
         */
        public Pipeline build() {
            return new Pipeline(this);
        }
    }
}
