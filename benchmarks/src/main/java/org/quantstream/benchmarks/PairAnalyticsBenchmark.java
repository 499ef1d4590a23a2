package org.quantstream.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.tick.Symbol;

/**
 * {@link PairAnalytics} per aligned bar time (two bars in, one {@link PairSnapshot} out) with its
 * defaults: log prices, rolling OLS over 120, z-score and correlation over 60, ADF over 120 with a
 * fixed lag 1, half-life over 120. Preloaded cointegrated random-walk bars, 16,384 times, times
 * rising without end so the windows stay in steady state.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PairAnalyticsBenchmark -prof gc}
 *
 * <p>Measured 2026-11-22 (2-core shared VM, OpenJDK 17.0.15, 1 fork, 5 x 1 s): 207 ± 23 ns per
 * aligned time (4.8 M pair updates/s) and 104 B/op, which is the one {@link PairSnapshot} handed
 * out (the two bars are scalar-replaced); the alignment, the operators and the ADF allocate
 * nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PairAnalyticsBenchmark {
    static final int N = 1 << 14;
    private static final Symbol A = Symbol.of("BENCHAUSDT");
    private static final Symbol B = Symbol.of("BENCHBUSDT");
    private static final Timeframe SEC = Timeframe.parse("1s");

    private final double[] closeA = new double[N];
    private final double[] closeB = new double[N];
    private PairAnalytics pair;
    private Blackhole sink;
    private long second;

    /**
     * Builds the series and the analytics.
     *
     * @param bh where the snapshots go
     */
    @Setup
    public void setUp(Blackhole bh) {
        SplittableRandom r = new SplittableRandom(5);
        double a = Math.log(60_000);
        double u = 0;
        for (int i = 0; i < N; i++) {
            a += 1e-4 * r.nextGaussian();
            u = 0.9 * u + 1e-4 * r.nextGaussian();
            closeA[i] = Math.exp(a);
            closeB[i] = Math.exp(1.1 * a - 4 + u);
        }
        sink = bh;
        pair = PairAnalytics.builder(A, B).timeframe(SEC).handler(sink::consume).build();
    }

    private static Bar bar(Symbol s, long second, double close) {
        long t = second * 1_000_000_000L;
        return new Bar(
                s, SEC, t, t + 999_999_999L, close, close, close, close, 1, close, 1, 0, close, 0);
    }

    /**
     * One aligned time: A's bar, then B's (the bars are built in the call, as an aggregator hands
     * out a new closed bar).
     */
    @Benchmark
    public void alignedTime() {
        int i = (int) (second & (N - 1));
        pair.onBarClosed(bar(A, second, closeA[i]));
        pair.onBarClosed(bar(B, second, closeB[i]));
        second++;
    }
}
