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
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Symbol;

/**
 * Bars of the real 2024-08-08 tapes at 1s, 5s, 1m and 5m, in one pass through a {@link
 * MultiTimeframeAggregator}, against pandas' resample of the same trades
 * (reference/make_bar_reference.py, Debian python3-pandas 1.5.3).
 */
class RealTapeBarsTest {
    private static JsonNode reference;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in =
                RealTapeBarsTest.class.getResourceAsStream(
                        "/reference/bars_real_2024-08-08.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"BTCUSDT," + TestData.BTC_2024_08_08, "ETHUSDT," + TestData.ETH_2024_08_08})
    void shouldEqualPandasAtEveryTimeframe(String symbol, String file) throws Exception {
        BarCollector bars = new BarCollector();
        List<Timeframe> tfs =
                List.of(
                        Timeframe.parse("1s"),
                        Timeframe.parse("5s"),
                        Timeframe.parse("1m"),
                        Timeframe.parse("5m"));
        MultiTimeframeAggregator agg =
                MultiTimeframeAggregator.of(Symbol.of(symbol), tfs, bars, GapPolicy.SKIP);
        TickFiles.forEach(List.of(TestData.file(file)), ReadOptions.defaults(), agg);
        agg.flush();
        for (Timeframe tf : tfs) {
            JsonNode ref = reference.path("symbols").path(symbol).path(tf.label());
            List<Bar> got = bars.of(tf);
            assertThat(got).as(tf.label()).hasSize(ref.path("count").size());
            for (int i = 0; i < got.size(); i++) {
                Bar b = got.get(i);
                String at = symbol + " " + tf + " bar " + i;
                assertThat(b.openTimeNanos())
                        .as(at)
                        .isEqualTo(ref.path("open_time_ms").get(i).asLong() * 1_000_000L);
                assertThat(b.open()).as(at).isEqualTo(ref.path("open").get(i).asDouble());
                assertThat(b.high()).as(at).isEqualTo(ref.path("high").get(i).asDouble());
                assertThat(b.low()).as(at).isEqualTo(ref.path("low").get(i).asDouble());
                assertThat(b.close()).as(at).isEqualTo(ref.path("close").get(i).asDouble());
                assertThat(b.tradeCount()).as(at).isEqualTo(ref.path("count").get(i).asLong());
                assertRel(b.volume(), ref.path("volume").get(i).asDouble(), 1e-12, at + " volume");
                assertRel(
                        b.quoteVolume(),
                        ref.path("quote_volume").get(i).asDouble(),
                        1e-12,
                        at + " quote volume");
                assertRel(
                        b.buyVolume(),
                        ref.path("buy_volume").get(i).asDouble(),
                        1e-12,
                        at + " buy volume");
                assertRel(b.vwap(), ref.path("vwap").get(i).asDouble(), 1e-13, at + " vwap");
            }
        }
    }

    private static void assertRel(double actual, double expected, double rel, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(Math.abs(expected) * rel + 1e-15));
    }
}
