package org.quantstream.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.DataFeedProvider;
import org.quantstream.core.feed.DataFeeds;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickSummary;

/** The example mains, run as a user runs them, checked against the pandas bar reference. */
class ExamplesTest {
    private static JsonNode reference;

    @TempDir Path dir;

    @BeforeAll
    static void loadReference() throws Exception {
        try (InputStream in =
                ExamplesTest.class.getResourceAsStream("/reference/bars_real_2024-08-08.json")) {
            reference = new ObjectMapper().readTree(in).path("symbols").path("BTCUSDT");
        }
    }

    /** Open, high, low, close and volume of each bar equal to pandas' resample of the same tape. */
    private static void assertEqualsPandas(List<Bar> bars, String timeframe) {
        JsonNode ref = reference.path(timeframe);
        assertThat(bars).hasSize(ref.path("open_time_ms").size());
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            assertThat(b.openTimeNanos() / 1_000_000L)
                    .isEqualTo(ref.path("open_time_ms").get(i).asLong());
            assertThat(b.open()).isEqualTo(ref.path("open").get(i).asDouble());
            assertThat(b.high()).isEqualTo(ref.path("high").get(i).asDouble());
            assertThat(b.low()).isEqualTo(ref.path("low").get(i).asDouble());
            assertThat(b.close()).isEqualTo(ref.path("close").get(i).asDouble());
            assertThat(b.volume()).isCloseTo(ref.path("volume").get(i).asDouble(), within(1e-9));
        }
    }

    @Test
    void tapeToBarsShouldGiveThePandasBarsOfTheTape() throws Exception {
        List<Bar> bars =
                TapeToBars.bars(
                        List.of(TestData.file(TestData.BTC_2024_08_08)),
                        List.of(Timeframe.parse("1s"), Timeframe.parse("1m")));
        List<Bar> minutes = new ArrayList<>();
        List<Bar> seconds = new ArrayList<>();
        for (Bar b : bars) {
            (b.timeframe().equals(Timeframe.parse("1m")) ? minutes : seconds).add(b);
        }
        assertEqualsPandas(minutes, "1m");
        assertEqualsPandas(seconds, "1s");
    }

    @Test
    void customFeedExampleShouldFindItsFeedThroughTheSpiAndDeliverEveryTick() throws Exception {
        List<String> names = DataFeeds.providers().stream().map(DataFeedProvider::name).toList();
        assertThat(names).contains(RandomWalkFeedProvider.NAME, "file", "binance-usdm", "replay");
        TickSummary.SymbolSummary a = CustomFeedExample.run(5_000, 7);
        TickSummary.SymbolSummary b = CustomFeedExample.run(5_000, 7);
        assertThat(a.symbol()).isEqualTo(Symbol.of("RNDUSDT"));
        assertThat(a.count()).isEqualTo(5_000);
        assertThat(a.firstTradeId()).isEqualTo(1);
        assertThat(a.lastTradeId()).isEqualTo(5_000);
        assertThat(a.gaps()).isZero();
        assertThat(a.minPrice()).isPositive().isLessThan(a.maxPrice());
        assertThat(b).as("seeded: the same trades again").isEqualTo(a);
        assertThat(CustomFeedExample.run(5_000, 8).vwap()).isNotEqualTo(a.vwap());
    }

    @Test
    void liveToStoreToBarsShouldStoreEveryTradeAndGiveThePandasBarsLive() throws Exception {
        List<Bar> live = new ArrayList<>();
        List<Bar> bars =
                LiveToStoreToBars.run(
                        dir.resolve("store"),
                        TestData.file(TestData.BTC_2024_08_08),
                        60,
                        live::add);
        assertThat(live).as("every bar reached the handler as it closed").isEqualTo(bars);
        assertEqualsPandas(bars, "1s");
    }
}
