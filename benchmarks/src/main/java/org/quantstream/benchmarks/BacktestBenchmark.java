package org.quantstream.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.quantstream.core.backtest.BacktestMetrics;
import org.quantstream.core.backtest.Backtester;
import org.quantstream.core.backtest.FeeModel;
import org.quantstream.core.backtest.MeanReversionStrategy;
import org.quantstream.core.backtest.SlippageModel;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.tick.Symbol;

/**
 * The pair backtester (SPEC §13). {@code perSnapshot}: strategy, fills and equity per aligned time
 * over 2^20 snapshots of a synthetic cointegrated pair (1 s bars, rolling OLS 120, z over 60, fees
 * 4 bps, slippage 1 bp, capital 10^7, the metrics accumulated as it runs, no path kept); {@code
 * withAnalytics}: the same from bars (the {@code PairAnalytics} included); {@code sweep}: 16
 * parameter sets (entry 1.5 to 2.25 by 0.25 × z window 30, 60, 90, 120) over 2^17 bars each, on
 * {@code threads} pool threads, as {@code quant backtest --sweep} runs them (bars shared
 * read-only).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BacktestBenchmark -prof gc}. The setup
 * writes the snapshots to {@code target/backtest-input.csv} for the peer: {@code /usr/bin/python3
 * benchmarks/peers/pair_backtest_peer.py ../shared/oracle target/backtest-input.csv}, which times
 * the reference implementation ({@code make_backtest_vectors.pair_backtest}, numpy arrays and a
 * Python decision loop) on the same input.
 *
 * <p>Measured 2026-12-06 (2-core shared VM, OpenJDK 17.0.15, 1 fork, 5 x 2 s, {@code -prof gc}):
 * perSnapshot 38.4 ± 31.9 ns, 3.25 B (the trade records); withAnalytics 543 ± 627 ns, 107 B (a
 * snapshot record each); realTape 85.7 ± 15.0 µs a backtest; sweep 5,861 ns on 1 thread, 3,768 ns
 * on 2. The reference peer: 1,722 ns per aligned time on the same input. Table and commands in
 * benchmarks/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BacktestBenchmark {
    static final int N = 1 << 20;
    static final int SWEEP_BARS = 1 << 17;
    private static final Symbol A = Symbol.of("AAAUSDT");
    private static final Symbol B = Symbol.of("BBBUSDT");
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final Symbol ETH = Symbol.of("ETHUSDT");
    private static final Timeframe TF = Timeframe.ofSeconds(1);
    private static final long T0 = 1_723_161_600_000_000_000L;

    private long[] time;
    private double[] a;
    private double[] b;
    private double[] beta;
    private double[] z;
    private Bar[] bars;
    private Bar[] tapeBars;

    /** Where the tapes are (the bundled recordings by default). */
    @Param({"quant-core/src/test/resources/data/binance/trades"})
    public String tapes;

    /** The sweep's thread pool. */
    @State(Scope.Benchmark)
    public static class SweepPool {
        /** Pool threads. */
        @Param({"1", "2"})
        public int threads;

        ExecutorService pool;

        /** Starts the pool. */
        @Setup(Level.Trial)
        public void start() {
            pool = Executors.newFixedThreadPool(threads);
        }

        /** Stops the pool. */
        @TearDown(Level.Trial)
        public void stop() {
            pool.shutdownNow();
        }
    }

    /** Builds the path, its bars and snapshots, and writes them for the peer. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SplittableRandom r = new SplittableRandom(42);
        time = new long[N];
        a = new double[N];
        b = new double[N];
        double x = Math.log(60_000);
        double u = 0;
        for (int t = 0; t < N; t++) {
            x += 1e-4 * gauss(r);
            u = 0.98 * u + 2e-4 * gauss(r);
            time[t] = T0 + t * TF.nanos();
            a[t] = Math.exp(x);
            b[t] = Math.exp(0.9 * x - 1.5 + u);
        }
        bars = new Bar[2 * N];
        for (int t = 0; t < N; t++) {
            bars[2 * t] = bar(A, time[t], a[t]);
            bars[2 * t + 1] = bar(B, time[t], b[t]);
        }
        beta = new double[N];
        z = new double[N];
        int[] k = {0};
        PairAnalytics pa =
                analytics(
                        60,
                        s -> {
                            beta[k[0]] = s.beta();
                            z[k[0]++] = s.zScore();
                        });
        for (Bar bar : bars) {
            pa.onBarClosed(bar);
        }
        List<Bar> real = new ArrayList<>();
        org.quantstream.core.pipeline.Pipeline.builder()
                .source(
                        org.quantstream.core.pipeline.TickSource.files(
                                List.of(
                                        Path.of(
                                                tapes,
                                                "BTCUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz"),
                                        Path.of(
                                                tapes,
                                                "ETHUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz")),
                                org.quantstream.core.io.ReadOptions.defaults()))
                .symbols(BTC, ETH)
                .timeframes(TF)
                .onBar(real::add)
                .build()
                .run();
        tapeBars = real.toArray(new Bar[0]);
        Path out = Path.of("target", "backtest-input.csv");
        Files.createDirectories(out.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write("time_ms,a_close,b_close,beta,z\n");
            for (int t = 0; t < N; t++) {
                w.write(
                        time[t] / 1_000_000L
                                + ","
                                + a[t]
                                + ","
                                + b[t]
                                + ","
                                + beta[t]
                                + ","
                                + z[t]
                                + "\n");
            }
        }
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
                * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static Bar bar(Symbol s, long open, double c) {
        return new Bar(s, TF, open, open + TF.nanos(), c, c, c, c, 1, c, 1, 0, c, 0);
    }

    private static PairAnalytics analytics(int zWindow, org.quantstream.core.pair.PairHandler h) {
        return PairAnalytics.builder(A, B)
                .timeframe(TF)
                .hedge(new RollingOls(120))
                .logPrices(true)
                .zWindow(zWindow)
                .handler(h)
                .build();
    }

    private static Backtester backtester(MeanReversionStrategy s) {
        return Backtester.builder()
                .strategy(s)
                .fees(FeeModel.bps(4))
                .slippage(SlippageModel.bps(1))
                .capital(1e7) // tens of thousands of trades: the fees alone would ruin 20,000
                .keepPaths(false)
                .build();
    }

    /**
     * Strategy, fills and equity per aligned time.
     *
     * @return the metrics
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public BacktestMetrics perSnapshot() {
        Backtester bt = backtester(MeanReversionStrategy.defaults());
        for (int t = 0; t < N; t++) {
            bt.onAligned(time[t], a[t], b[t], beta[t], z[t]);
        }
        return bt.finish().metrics();
    }

    /**
     * The pair analytics and the backtest, per aligned time (two bars).
     *
     * @return the metrics
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public BacktestMetrics withAnalytics() {
        return runOn(bars, bars.length, 60, MeanReversionStrategy.defaults());
    }

    private static BacktestMetrics runOn(
            Bar[] bars, int count, int zWindow, MeanReversionStrategy s) {
        Backtester bt = backtester(s);
        PairAnalytics pa = analytics(zWindow, snap -> bt.onSnapshot("AAAUSDT/BBBUSDT", snap));
        for (int i = 0; i < count; i++) {
            pa.onBarClosed(bars[i]);
        }
        return bt.finish().metrics();
    }

    /**
     * A whole backtest of the real tape (BTCUSDT/ETHUSDT 2024-08-08, 686 one-second bars, 343
     * aligned times) from its bars: the analytics and the backtest, SPEC §13's public case.
     *
     * @return the metrics
     */
    @Benchmark
    public BacktestMetrics realTape() {
        Backtester bt =
                Backtester.builder().fees(FeeModel.bps(4)).slippage(SlippageModel.bps(1)).build();
        PairAnalytics pa =
                PairAnalytics.builder(BTC, ETH)
                        .timeframe(TF)
                        .hedge(new RollingOls(120))
                        .logPrices(true)
                        .zWindow(60)
                        .handler(snap -> bt.onSnapshot("BTCUSDT/ETHUSDT", snap))
                        .build();
        for (Bar bar : tapeBars) {
            pa.onBarClosed(bar);
        }
        return bt.finish().metrics();
    }

    /**
     * Sixteen backtests with their analytics on the shared bars, on the pool: time per aligned time
     * of all sixteen.
     *
     * @param p the pool
     * @return the sum of their net P&amp;Ls
     * @throws Exception if a run fails
     */
    @Benchmark
    @OperationsPerInvocation(SWEEP_BARS / 2)
    public double sweep(SweepPool p) throws Exception {
        List<Future<BacktestMetrics>> runs = new ArrayList<>();
        for (double entry = 1.5; entry <= 2.25; entry += 0.25) {
            for (int w : new int[] {30, 60, 90, 120}) {
                MeanReversionStrategy s = MeanReversionStrategy.defaults().withEntry(entry);
                runs.add(p.pool.submit(() -> runOn(bars, SWEEP_BARS, w, s)));
            }
        }
        double sum = 0;
        for (Future<BacktestMetrics> f : runs) {
            sum += f.get().totalNetPnl();
        }
        return sum;
    }

    /**
     * The Java side of the peer comparison: writes the input, runs {@code perSnapshot} five times
     * and prints the best time and the metrics to set beside the peer's.
     *
     * @param args none
     * @throws IOException if the input cannot be written
     */
    public static void main(String[] args) throws IOException {
        BacktestBenchmark b = new BacktestBenchmark();
        b.tapes = "quant-core/src/test/resources/data/binance/trades";
        b.setUp();
        long best = Long.MAX_VALUE;
        BacktestMetrics m = null;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            m = b.perSnapshot();
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf(
                "quantstream Backtester: %d aligned times, best of 5: %.3f s = %.1f ns per aligned"
                        + " time; trades %d, total_net_pnl %s, sharpe %s%n",
                N, best / 1e9, (double) best / N, m.trades(), m.totalNetPnl(), m.sharpe());
    }
}
