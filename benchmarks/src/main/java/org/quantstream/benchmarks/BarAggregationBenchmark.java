package org.quantstream.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.MultiTimeframeAggregator;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.ta4j.core.BaseBarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;

/**
 * Ticks into OHLCV bars over a preloaded tick array (the real BTCUSDT tape of 2024-08-08, 21,313
 * trades, replayed with its times shifted one day further each pass so time keeps rising):
 * quantstream at one timeframe (1s) and fanned out to six (1s, 5s, 10s, 30s, 1m, 5m), and ta4j 0.17
 * building 1s bars the way its users do (an empty bar through {@code BarSeries.addBar(period,
 * endTime)} at each period, then {@code BarSeries.addTrade} per trade, with {@code DoubleNum}, its
 * fastest number type; 0.18 needs Java 21). Scores are per tick.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BarAggregationBenchmark -prof gc}
 *
 * <p>Measured 2026-11-22 (2-core shared VM, OpenJDK 17.0.15, 1 fork, 5 x 2 s), per tick:
 * quantstream 1s 9.98 ± 0.83 ns (100 M ticks/s; 1.8 B/op, which is the 344 {@link Bar} records of a
 * pass, about 112 B each, spread over 21,313 ticks), updates only 8.82 ± 0.33 ns at 0.005 B/op (one
 * Bar per pass: the update path allocates nothing), six timeframes 40.9 ± 3.4 ns (2.5 B/op), ta4j
 * 0.17 24.3 ± 1.1 ns and 127.6 B/op. quantstream is 2.4 times faster than ta4j with 70 times less
 * garbage, and 2.8 times the 36 M ticks/s of vectorised pandas resample (shared oracle PERF.md),
 * while streaming.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BarAggregationBenchmark {
    static final int TICKS = 21_313;
    private static final long DAY = 86_400_000_000_000L;
    private static final Symbol BTC = Symbol.of("BTCUSDT");

    private final long[] times = new long[TICKS];
    private final double[] prices = new double[TICKS];
    private final double[] quantities = new double[TICKS];
    private final Side[] sides = new Side[TICKS];
    private final MutableTick tick = new MutableTick();
    private long offset;
    private long closed;
    private Bar last;

    private TimeBarAggregator single;
    private MultiTimeframeAggregator fanOut;
    private BaseBarSeries series;
    private long ta4jBarEnd = Long.MIN_VALUE;

    /**
     * Loads the tape into primitive arrays and builds the aggregators.
     *
     * @throws IOException if the tape cannot be read
     */
    @Setup
    public void setUp() throws IOException {
        int[] n = {0};
        TickFiles.forEach(
                List.of(TestData.file(TestData.BTC_2024_08_08)),
                ReadOptions.defaults(),
                t -> {
                    times[n[0]] = t.eventTimeNanos();
                    prices[n[0]] = t.price();
                    quantities[n[0]] = t.quantity();
                    sides[n[0]] = t.aggressor();
                    n[0]++;
                });
        if (n[0] != TICKS) {
            throw new IllegalStateException("expected " + TICKS + " ticks, read " + n[0]);
        }
        BarHandler handler =
                bar -> {
                    closed++;
                    last = bar;
                };
        single = TimeBarAggregator.builder(BTC, Timeframe.parse("1s"), handler).build();
        List<Timeframe> six = new ArrayList<>();
        for (String tf : new String[] {"1s", "5s", "10s", "30s", "1m", "5m"}) {
            six.add(Timeframe.parse(tf));
        }
        fanOut = MultiTimeframeAggregator.of(BTC, six, handler, GapPolicy.SKIP);
        series =
                new BaseBarSeriesBuilder()
                        .withName("BTCUSDT")
                        .withNumTypeOf(DoubleNum.class)
                        .build();
        series.setMaximumBarCount(1_000);
    }

    /**
     * quantstream, one 1s timeframe.
     *
     * @return bars closed so far
     */
    @Benchmark
    @OperationsPerInvocation(TICKS)
    public long quantstreamOneTimeframe() {
        offset += DAY;
        for (int i = 0; i < TICKS; i++) {
            single.onTick(
                    tick.set(BTC, times[i] + offset, 0, i, prices[i], quantities[i], sides[i]));
        }
        return closed;
    }

    /**
     * quantstream, one 1s timeframe, every trade of a pass inside one bar: the update path alone
     * (one {@link Bar} per pass of 21,313 trades), to show it allocates nothing.
     *
     * @return bars closed so far
     */
    @Benchmark
    @OperationsPerInvocation(TICKS)
    public long quantstreamUpdatesOnly() {
        offset += DAY;
        long base = times[0] - Math.floorMod(times[0], 1_000_000_000L) + offset;
        for (int i = 0; i < TICKS; i++) {
            single.onTick(tick.set(BTC, base + i, 0, i, prices[i], quantities[i], sides[i]));
        }
        return closed;
    }

    /**
     * quantstream, six timeframes in one pass.
     *
     * @return bars closed so far
     */
    @Benchmark
    @OperationsPerInvocation(TICKS)
    public long quantstreamSixTimeframes() {
        offset += DAY;
        for (int i = 0; i < TICKS; i++) {
            fanOut.onTick(
                    tick.set(BTC, times[i] + offset, 0, i, prices[i], quantities[i], sides[i]));
        }
        return closed;
    }

    /**
     * ta4j, one 1s timeframe.
     *
     * @return bars in the series
     */
    @Benchmark
    @OperationsPerInvocation(TICKS)
    public int ta4jOneTimeframe() {
        offset += DAY;
        long second = 1_000_000_000L;
        for (int i = 0; i < TICKS; i++) {
            long t = times[i] + offset;
            if (t >= ta4jBarEnd) {
                long end = t - Math.floorMod(t, second) + second;
                series.addBar(
                        Duration.ofSeconds(1),
                        ZonedDateTime.ofInstant(Instant.ofEpochSecond(0, end), ZoneOffset.UTC));
                ta4jBarEnd = end;
            }
            series.addTrade(quantities[i], prices[i]);
        }
        return series.getBarCount();
    }

    /**
     * The last bar closed, so the JIT cannot drop the handler's work.
     *
     * @return the bar
     */
    public Bar last() {
        return last;
    }
}
