package org.quantstream.core.pair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarView;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.MultiTimeframeAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.regression.SpreadZScore;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.HalfLife;
import org.quantstream.core.stationarity.RollingAdf;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.stats.RollingCorrelation;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Symbol;

class PairAnalyticsTest {
    private static final Symbol A = Symbol.of("PAIRTESTAUSDT");
    private static final Symbol B = Symbol.of("PAIRTESTBUSDT");
    private static final Timeframe SEC = Timeframe.parse("1s");

    private static Bar bar(Symbol s, long second, double close, int flags) {
        long t = second * 1_000_000_000L;
        return new Bar(
                s,
                SEC,
                t,
                t + 999_999_999L,
                close,
                close,
                close,
                close,
                1,
                close,
                1,
                0,
                close,
                flags);
    }

    private static Bar bar(Symbol s, long second, double close) {
        return bar(s, second, close, 0);
    }

    private static List<PairSnapshot> run(PairAnalytics.Builder b, List<Bar> bars) {
        List<PairSnapshot> out = new ArrayList<>();
        PairAnalytics p = b.timeframe(SEC).handler(out::add).build();
        bars.forEach(p::onBarClosed);
        return out;
    }

    private static long[] seconds(List<PairSnapshot> s) {
        return s.stream().mapToLong(x -> x.openTimeNanos() / 1_000_000_000L).toArray();
    }

    @Test
    void shouldAlignByOpenTimeWhateverTheInterleaving() {
        // A trades at 0, 1, 2, 4; B at 0, 2, 3, 4 (closes: A 100+t, B 200+t)
        List<Bar> as = List.of(bar(A, 0, 100), bar(A, 1, 101), bar(A, 2, 102), bar(A, 4, 104));
        List<Bar> bs = List.of(bar(B, 0, 200), bar(B, 2, 202), bar(B, 3, 203), bar(B, 4, 204));
        List<Bar> aFirst = new ArrayList<>(as);
        aFirst.addAll(bs);
        List<Bar> bFirst = new ArrayList<>(bs);
        bFirst.addAll(as);
        List<Bar> byTime = new ArrayList<>(aFirst);
        byTime.sort((x, y) -> Long.compare(x.openTimeNanos(), y.openTimeNanos()));
        for (List<Bar> order : List.of(aFirst, bFirst, byTime)) {
            List<PairSnapshot> skip = run(PairAnalytics.builder(A, B), order);
            assertThat(seconds(skip)).containsExactly(0, 2, 4);
            assertThat(skip.get(1).priceA()).isEqualTo(102);
            assertThat(skip.get(1).priceB()).isEqualTo(202);
            List<PairSnapshot> fill =
                    run(PairAnalytics.builder(A, B).missingLeg(MissingLeg.FORWARD_FILL, 1), order);
            assertThat(seconds(fill)).containsExactly(0, 1, 2, 3, 4);
            assertThat(fill.get(1))
                    .extracting(
                            PairSnapshot::priceA,
                            PairSnapshot::priceB,
                            PairSnapshot::filledA,
                            PairSnapshot::filledB)
                    .containsExactly(101.0, 200.0, false, true);
            assertThat(fill.get(3))
                    .extracting(
                            PairSnapshot::priceA,
                            PairSnapshot::priceB,
                            PairSnapshot::filledA,
                            PairSnapshot::filledB)
                    .containsExactly(102.0, 203.0, true, false);
        }
    }

    @Test
    void shouldFillOnlyWithinTheStalenessBoundAndCountWhatItDid() {
        List<Bar> bars = new ArrayList<>(List.of(bar(A, 0, 100), bar(A, 5, 105)));
        for (int t = 0; t <= 5; t++) {
            bars.add(bar(B, t, 200 + t));
        }
        List<PairSnapshot> out = new ArrayList<>();
        PairAnalytics p =
                PairAnalytics.builder(A, B)
                        .missingLeg(MissingLeg.FORWARD_FILL, 2)
                        .timeframe(SEC)
                        .handler(out::add)
                        .build();
        bars.forEach(p::onBarClosed);
        // A's close of second 0 may stand in for seconds 1 and 2, not 3 and 4
        assertThat(seconds(out)).containsExactly(0, 1, 2, 5);
        assertThat(p.filled()).isEqualTo(2);
        assertThat(p.skipped()).isEqualTo(2);
        assertThat(p.aligned()).isEqualTo(4);
        p.onBarClosed(bar(Symbol.of("OTHERUSDT"), 6, 1));
        p.onBarClosed(
                new Bar(
                        A,
                        Timeframe.parse("1m"),
                        0,
                        59_999_999_999L,
                        1,
                        1,
                        1,
                        1,
                        1,
                        1,
                        1,
                        0,
                        1,
                        0));
        p.onBarClosed(bar(A, 5, 106, BarView.REVISED));
        assertThat(p.ignored()).isEqualTo(3);
        p.onBarClosed(bar(A, 6, 107, BarView.SYNTHETIC));
        p.onBarClosed(bar(B, 6, 207));
        assertThat(out.get(out.size() - 1).filledA()).as("a synthetic bar is flagged").isTrue();
    }

    @Test
    void shouldDropTheOldestPendingBarsOfALegThatRunsAhead() {
        List<PairSnapshot> out = new ArrayList<>();
        PairAnalytics p =
                PairAnalytics.builder(A, B).maxPending(3).timeframe(SEC).handler(out::add).build();
        for (int t = 0; t < 5; t++) {
            p.onBarClosed(bar(A, t, 100 + t));
        }
        assertThat(p.overflow()).isEqualTo(2);
        p.onBarClosed(bar(B, 2, 202));
        assertThat(seconds(out)).containsExactly(2);
    }

    @Test
    void shouldRefuseIncompleteOrSelfPairs() {
        assertThatThrownBy(() -> PairAnalytics.builder(A, A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two symbols");
        assertThatThrownBy(() -> PairAnalytics.builder(A, B).handler(s -> {}).build())
                .hasMessageContaining("timeframe");
        assertThatThrownBy(() -> PairAnalytics.builder(A, B).timeframe(SEC).build())
                .hasMessageContaining("handler");
        assertThatThrownBy(() -> PairAnalytics.builder(A, B).missingLeg(MissingLeg.FORWARD_FILL, 0))
                .hasMessageContaining("maxStaleBars");
    }

    /**
     * On the real 2024-08-08 tapes (1-second bars of BTCUSDT and ETHUSDT), every metric equals the
     * operators driven by hand over the inner join of the two bar series, and the half-life equals
     * the batch {@link HalfLife} on the same window.
     */
    @Test
    void shouldEqualTheOperatorsDrivenByHandOnTheRealTapes() throws Exception {
        Symbol btc = Symbol.of("BTCUSDT");
        Symbol eth = Symbol.of("ETHUSDT");
        List<PairSnapshot> out = new ArrayList<>();
        PairAnalytics pair =
                PairAnalytics.builder(btc, eth).timeframe(SEC).handler(out::add).build();
        Map<Symbol, Map<Long, Double>> closes = new HashMap<>();
        closes.put(btc, new HashMap<>());
        closes.put(eth, new HashMap<>());
        List<Timeframe> tfs = List.of(SEC);
        MultiTimeframeAggregator barsBtc =
                MultiTimeframeAggregator.of(
                        btc,
                        tfs,
                        bar -> {
                            closes.get(btc).put(bar.openTimeNanos(), bar.close());
                            pair.onBarClosed(bar);
                        },
                        GapPolicy.SKIP);
        MultiTimeframeAggregator barsEth =
                MultiTimeframeAggregator.of(
                        eth,
                        tfs,
                        bar -> {
                            closes.get(eth).put(bar.openTimeNanos(), bar.close());
                            pair.onBarClosed(bar);
                        },
                        GapPolicy.SKIP);
        TickFiles.forEach(
                List.of(
                        TestData.file(TestData.BTC_2024_08_08),
                        TestData.file(TestData.ETH_2024_08_08)),
                ReadOptions.defaults(),
                t -> (t.symbol() == btc ? barsBtc : barsEth).onTick(t));
        barsBtc.flush();
        barsEth.flush();

        long[] times =
                closes.get(btc).keySet().stream()
                        .filter(closes.get(eth)::containsKey)
                        .mapToLong(Long::longValue)
                        .sorted()
                        .toArray();
        assertThat(out).hasSize(times.length);
        assertThat(times.length).isGreaterThan(300);
        RollingCorrelation corr = new RollingCorrelation(60);
        SpreadZScore z = new SpreadZScore(new RollingOls(120), 60);
        RollingAdf adf = new RollingAdf(120, Trend.C, Autolag.NONE, 1);
        List<Double> spreads = new ArrayList<>();
        double px = Double.NaN;
        double py = Double.NaN;
        int halfLives = 0;
        for (int i = 0; i < times.length; i++) {
            double x = Math.log(closes.get(btc).get(times[i]));
            double y = Math.log(closes.get(eth).get(times[i]));
            if (i > 0) {
                corr.update(x - px, y - py);
            }
            px = x;
            py = y;
            z.update(x, y);
            PairSnapshot s = out.get(i);
            assertThat(s.openTimeNanos()).isEqualTo(times[i]);
            same(s.correlation(), corr.isReady() ? corr.value() : Double.NaN);
            if (!z.hedge().isReady()) {
                assertThat(s.beta()).isNaN();
                continue;
            }
            spreads.add(z.spread());
            adf.update(z.spread());
            same(s.beta(), z.hedge().beta());
            same(s.spread(), z.spread());
            same(s.zScore(), z.isReady() ? z.value() : Double.NaN);
            same(s.adfStatistic(), adf.isReady() ? adf.value() : Double.NaN);
            same(s.adfPValue(), adf.isReady() ? adf.pValue() : Double.NaN);
            if (spreads.size() >= 121) {
                double[] w =
                        spreads.subList(spreads.size() - 121, spreads.size()).stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray();
                double lambda = lambda(w);
                if (lambda < 0) {
                    halfLives++;
                    assertThat(s.halfLife())
                            .isCloseTo(
                                    HalfLife.of(w).halfLife(),
                                    within(1e-9 * Math.abs(s.halfLife())));
                } else {
                    assertThat(s.halfLife()).isNaN();
                }
            } else {
                assertThat(s.halfLife()).isNaN();
            }
        }
        assertThat(halfLives).as("half-lives compared").isGreaterThan(50);
        assertThat(
                        Arrays.stream(out.stream().mapToDouble(PairSnapshot::adfPValue).toArray())
                                .filter(v -> !Double.isNaN(v))
                                .count())
                .isGreaterThan(50);
    }

    /** Bit for bit, NaN equal to NaN. */
    private static void same(double actual, double expected) {
        assertThat(Double.doubleToLongBits(actual))
                .as(actual + " vs " + expected)
                .isEqualTo(Double.doubleToLongBits(expected));
    }

    /** λ of Δs on s_{t-1} with a constant, as HalfLife estimates it (NaN-free windows only). */
    private static double lambda(double[] s) {
        try {
            return HalfLife.of(s).lambda();
        } catch (IllegalArgumentException notReverting) {
            return 0;
        }
    }
}
