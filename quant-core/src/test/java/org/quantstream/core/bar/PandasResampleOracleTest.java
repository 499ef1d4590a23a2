package org.quantstream.core.bar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

/**
 * Equal to pandas {@code resample} on the oracle's case d (10,000 ticks with ties, boundary ticks
 * and three long gaps; see SPEC §8): OHLC, volume and count exact, VWAP to 1e-14 relative. SKIP
 * equals pandas with empty bins dropped; FLAT_FILL equals pandas with the empty bins' OHLC
 * forward-filled from the previous close.
 */
class PandasResampleOracleTest {
    private static JsonNode oracle;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in =
                PandasResampleOracleTest.class.getResourceAsStream("/oracle/d_ticks_ohlcv.json")) {
            oracle = new ObjectMapper().readTree(in);
        }
    }

    private static BarCollector run(Timeframe tf, GapPolicy policy) {
        JsonNode in = oracle.path("inputs");
        Symbol sym = Symbol.of("ORACLE");
        BarCollector bars = new BarCollector();
        TimeBarAggregator agg = TimeBarAggregator.builder(sym, tf, bars).gapPolicy(policy).build();
        MutableTick t = new MutableTick();
        int n = in.path("n").asInt();
        for (int i = 0; i < n; i++) {
            agg.onTick(
                    t.set(
                            sym,
                            in.path("t_ms").get(i).asLong() * 1_000_000L,
                            0,
                            i,
                            in.path("price").get(i).asDouble(),
                            in.path("volume").get(i).asDouble(),
                            Side.UNKNOWN));
        }
        agg.flush();
        assertThat(agg.stats().ticks()).isEqualTo(n);
        return bars;
    }

    @ParameterizedTest(name = "{0} skip")
    @CsvSource({"1s,1s", "5s,5s", "1min,1m", "5min,5m"})
    void shouldEqualPandasWithEmptyBinsDropped(String key, String timeframe) {
        JsonNode ref = oracle.path("bars").path(key);
        List<Bar> bars = run(Timeframe.parse(timeframe), GapPolicy.SKIP).closed;
        int j = 0;
        for (int i = 0; i < ref.path("n_bars").asInt(); i++) {
            if (ref.path("count").get(i).asLong() == 0) {
                continue;
            }
            Bar b = bars.get(j++);
            String at = key + " bar " + i;
            assertThat(b.openTimeNanos())
                    .as(at)
                    .isEqualTo(ref.path("t_ms").get(i).asLong() * 1_000_000L);
            assertThat(b.closeTimeNanos() - b.openTimeNanos())
                    .as(at)
                    .isEqualTo(Timeframe.parse(timeframe).nanos());
            assertThat(b.open()).as(at).isEqualTo(ref.path("open").get(i).asDouble());
            assertThat(b.high()).as(at).isEqualTo(ref.path("high").get(i).asDouble());
            assertThat(b.low()).as(at).isEqualTo(ref.path("low").get(i).asDouble());
            assertThat(b.close()).as(at).isEqualTo(ref.path("close").get(i).asDouble());
            assertThat(b.volume()).as(at).isEqualTo(ref.path("volume").get(i).asDouble());
            assertThat(b.tradeCount()).as(at).isEqualTo(ref.path("count").get(i).asLong());
            double vwap = ref.path("vwap").get(i).asDouble();
            assertThat(b.vwap()).as(at).isCloseTo(vwap, within(Math.abs(vwap) * 1e-14));
        }
        assertThat(bars).hasSize(j);
        assertThat(j).isEqualTo(ref.path("n_bars").asInt() - ref.path("n_empty_bars").asInt());
    }

    @ParameterizedTest(name = "{0} flat fill")
    @CsvSource({"1s,1s", "5s,5s", "1min,1m", "5min,5m"})
    void shouldEqualPandasWithEmptyBinsForwardFilled(String key, String timeframe) {
        JsonNode ref = oracle.path("bars").path(key);
        List<Bar> bars = run(Timeframe.parse(timeframe), GapPolicy.FLAT_FILL).closed;
        assertThat(bars).hasSize(ref.path("n_bars").asInt());
        double previousClose = Double.NaN;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            String at = key + " bar " + i;
            assertThat(b.openTimeNanos())
                    .as(at)
                    .isEqualTo(ref.path("t_ms").get(i).asLong() * 1_000_000L);
            if (ref.path("count").get(i).asLong() == 0) {
                assertThat(b.has(BarView.SYNTHETIC)).as(at).isTrue();
                assertThat(List.of(b.open(), b.high(), b.low(), b.close()))
                        .as(at)
                        .containsOnly(previousClose);
                assertThat(b.volume()).as(at).isZero();
                assertThat(b.tradeCount()).as(at).isZero();
            } else {
                assertThat(b.has(BarView.SYNTHETIC)).as(at).isFalse();
                assertThat(b.close()).as(at).isEqualTo(ref.path("close").get(i).asDouble());
                assertThat(b.open()).as(at).isEqualTo(ref.path("open").get(i).asDouble());
            }
            previousClose = b.close();
        }
    }
}
