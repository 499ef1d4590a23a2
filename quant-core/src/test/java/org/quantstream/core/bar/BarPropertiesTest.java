package org.quantstream.core.bar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/** Invariants on seeded random tick streams; the seed is in every assertion's description. */
class BarPropertiesTest {
    private static final Symbol SYM = Symbol.of("PROPUSDT");

    private static List<Tick> randomTicks(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Tick> out = new ArrayList<>();
        long t = 1_700_000_000_000_000_000L + r.nextLong(0, 10_000_000_000L);
        double p = 100;
        for (int i = 0; i < n; i++) {
            int mode = r.nextInt(10);
            t +=
                    mode == 0
                            ? 0
                            : mode == 1
                                    ? r.nextLong(0, 30_000_000_000L)
                                    : r.nextLong(0, 400_000_000L);
            if (mode == 2) {
                t = t - Math.floorMod(t, 1_000_000_000L); // exactly on a boundary
            }
            p = Math.max(0.01, p + (r.nextDouble() - 0.5));
            out.add(
                    new Tick(
                            SYM,
                            t,
                            0,
                            i,
                            Math.round(p * 100) / 100.0,
                            r.nextInt(1, 1000) / 1000.0,
                            Side.values()[r.nextInt(3)]));
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 17, 2024, 987654321})
    void shouldKeepOhlcOrderAndConserveVolumeAndCount(long seed) {
        List<Tick> ticks = randomTicks(seed, 5_000);
        for (String tf : new String[] {"1s", "5s", "1m"}) {
            BarCollector bars = new BarCollector();
            TimeBarAggregator agg =
                    TimeBarAggregator.builder(SYM, Timeframe.parse(tf), bars).build();
            ticks.forEach(agg::onTick);
            agg.flush();
            double volume = 0;
            long count = 0;
            for (Bar b : bars.closed) {
                assertThat(b.low())
                        .as("seed %d %s low <= open, close", seed, tf)
                        .isLessThanOrEqualTo(Math.min(b.open(), b.close()));
                assertThat(b.high())
                        .as("seed %d %s high >= open, close", seed, tf)
                        .isGreaterThanOrEqualTo(Math.max(b.open(), b.close()));
                assertThat(b.vwap())
                        .as("seed %d %s low <= vwap <= high", seed, tf)
                        .isBetween(b.low() - 1e-9, b.high() + 1e-9);
                assertThat(b.buyVolume()).isLessThanOrEqualTo(b.volume() + 1e-12);
                volume += b.volume();
                count += b.tradeCount();
            }
            assertThat(count).as("seed %d %s", seed, tf).isEqualTo(ticks.size());
            assertThat(volume)
                    .as("seed %d %s", seed, tf)
                    .isCloseTo(ticks.stream().mapToDouble(Tick::quantity).sum(), within(1e-6));
            for (int i = 1; i < bars.closed.size(); i++) {
                assertThat(bars.closed.get(i).openTimeNanos())
                        .as("seed %d %s increasing", seed, tf)
                        .isGreaterThan(bars.closed.get(i - 1).openTimeNanos());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 6, 7, 99, 31337})
    void shouldMakeFiveSecondBarsEqualToAggregatedOneSecondBars(long seed) {
        List<Tick> ticks = randomTicks(seed, 5_000);
        BarCollector bars = new BarCollector();
        Timeframe s1 = Timeframe.parse("1s");
        Timeframe s5 = Timeframe.parse("5s");
        MultiTimeframeAggregator agg =
                MultiTimeframeAggregator.of(SYM, List.of(s5, s1), bars, GapPolicy.SKIP);
        ticks.forEach(agg::onTick);
        agg.flush();
        List<Bar> fromOnes = new ArrayList<>();
        for (Bar b : bars.of(s1)) {
            long open = s5.floor(b.openTimeNanos());
            Bar last = fromOnes.isEmpty() ? null : fromOnes.get(fromOnes.size() - 1);
            if (last == null || last.openTimeNanos() != open) {
                fromOnes.add(
                        new Bar(
                                SYM,
                                s5,
                                open,
                                open + s5.nanos(),
                                b.open(),
                                b.high(),
                                b.low(),
                                b.close(),
                                b.volume(),
                                b.quoteVolume(),
                                b.tradeCount(),
                                b.buyVolume(),
                                b.vwap(),
                                0));
            } else {
                double v = last.volume() + b.volume();
                double qv = last.quoteVolume() + b.quoteVolume();
                fromOnes.set(
                        fromOnes.size() - 1,
                        new Bar(
                                SYM,
                                s5,
                                open,
                                open + s5.nanos(),
                                last.open(),
                                Math.max(last.high(), b.high()),
                                Math.min(last.low(), b.low()),
                                b.close(),
                                v,
                                qv,
                                last.tradeCount() + b.tradeCount(),
                                last.buyVolume() + b.buyVolume(),
                                qv / v,
                                0));
            }
        }
        List<Bar> fives = bars.of(s5);
        assertThat(fives).as("seed %d", seed).hasSameSizeAs(fromOnes);
        for (int i = 0; i < fives.size(); i++) {
            Bar a = fives.get(i);
            Bar b = fromOnes.get(i);
            String at = "seed " + seed + " bar " + i;
            assertThat(a.openTimeNanos()).as(at).isEqualTo(b.openTimeNanos());
            assertThat(List.of(a.open(), a.high(), a.low(), a.close()))
                    .as(at)
                    .isEqualTo(List.of(b.open(), b.high(), b.low(), b.close()));
            assertThat(a.tradeCount()).as(at).isEqualTo(b.tradeCount());
            assertThat(a.volume()).as(at).isCloseTo(b.volume(), within(1e-9));
            assertThat(a.vwap()).as(at).isCloseTo(b.vwap(), within(1e-9));
        }
    }
}
