package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;
import org.quantstream.core.tick.TickSummary;
import org.quantstream.core.tick.TickSummary.SymbolSummary;

/**
 * The readers on the bundled real recordings. Expected figures come from the data's provenance
 * table and from an independent Python pass with exact decimal arithmetic (count, ids, times, price
 * range, volume, VWAP).
 */
class TickReaderRealDataTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        TestData.BTC_2024_08_08
                + ",BTCUSDT,21313,5266583935,5266605247,61590.3,61839.9,1723161256322,1723161599643,2429.366,61680.98215328608369",
        TestData.ETH_2024_08_08
                + ",ETHUSDT,14076,4308068523,4308082598,2677.9,2684.82,1723161256560,1723161600029,9164.948,2681.39617531927077",
        TestData.BTC_2024_07_18
                + ",BTCUSDT,10701,5182005737,5182016437,63834.5,63999.1,1721347022956,1721347502282,1122.459,63910.50918421073732",
        TestData.ETH_2024_07_18
                + ",ETHUSDT,13655,4217896584,4217910238,3415.72,3427.14,1721347022707,1721347502276,10845.688,3420.34566777783023"
    })
    void shouldSummarizeEachRecordingExactly(
            String file,
            String symbol,
            long count,
            long firstId,
            long lastId,
            double minPrice,
            double maxPrice,
            long firstMs,
            long lastMs,
            double volume,
            double vwap)
            throws Exception {
        TickSummary summary = new TickSummary();
        TickFiles.Counts counts =
                TickFiles.forEach(List.of(TestData.file(file)), ReadOptions.defaults(), summary);

        assertThat(counts.ticks()).isEqualTo(count);
        assertThat(counts.skipped()).isZero();
        assertThat(summary.summaries()).hasSize(1);
        SymbolSummary s = summary.summaries().get(0);
        assertThat(s.symbol()).isSameAs(Symbol.of(symbol));
        assertThat(s.count()).isEqualTo(count);
        assertThat(s.firstTradeId()).isEqualTo(firstId);
        assertThat(s.lastTradeId()).isEqualTo(lastId);
        assertThat(s.minPrice()).isEqualTo(minPrice);
        assertThat(s.maxPrice()).isEqualTo(maxPrice);
        assertThat(s.firstTimeNanos()).isEqualTo(firstMs * 1_000_000L);
        assertThat(s.lastTimeNanos()).isEqualTo(lastMs * 1_000_000L);
        assertThat(s.volume()).isCloseTo(volume, within(1e-9));
        assertThat(s.vwap()).isCloseTo(vwap, within(1e-9));
        assertThat(s.duplicates()).isZero();
        assertThat(s.gaps()).as("the tapes are contiguous").isZero();
    }

    @Test
    void shouldReadTheFirstRecordedMessageFieldByField() throws Exception {
        MutableTick t = new MutableTick();
        try (TickReader r =
                TickReader.open(TestData.file(TestData.BTC_2024_08_08), ReadOptions.defaults())) {
            assertThat(r.format()).isEqualTo(TickFormat.BINANCE_RECORDING);
            assertThat(r.next(t)).isTrue();
        }
        // 1723161255088176367
        // {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,
        // "s":"BTCUSDT","t":5266583935,"p":"61800.30","q":"0.006","X":"MARKET","m":false}}
        assertThat(Tick.copyOf(t))
                .isEqualTo(
                        new Tick(
                                Symbol.of("BTCUSDT"),
                                1_723_161_256_322_000_000L,
                                1_723_161_255_088_176_367L,
                                5_266_583_935L,
                                61800.30,
                                0.006,
                                Side.BUY));
    }

    @Test
    void shouldSkipEveryMessageThatIsNotATradeInTheMixedRecording() throws Exception {
        List<Tick> ticks = new ArrayList<>();
        TickFiles.Counts counts =
                TickFiles.forEach(
                        List.of(TestData.file(TestData.BTC_MIXED)),
                        ReadOptions.defaults(),
                        t -> ticks.add(Tick.copyOf(t)));
        // 400 lines: 59 @trade; bookTicker, depthUpdate and one REST snapshot line make up the
        // rest.
        assertThat(counts.ticks()).isEqualTo(59);
        assertThat(counts.skipped()).isEqualTo(341);
        assertThat(ticks).allSatisfy(t -> assertThat(t.symbol().name()).isEqualTo("BTCUSDT"));
        assertThat(ticks).extracting(Tick::tradeId).isSorted();
    }

    @Test
    void shouldReadAggTradesFromTheCryptofeedCapture() throws Exception {
        Path file = TestData.file(TestData.AGGTRADE_CAPTURE);
        List<Tick> ticks = new ArrayList<>();
        TickFiles.Counts counts =
                TickFiles.forEach(
                        List.of(file), ReadOptions.defaults(), t -> ticks.add(Tick.copyOf(t)));
        assertThat(counts.ticks()).isEqualTo(91);
        assertThat(counts.skipped()).as("URL line, bookTicker, depth, kline").isEqualTo(1536 - 91);
        assertThat(ticks)
                .contains(
                        new Tick(
                                Symbol.of("CTKUSDT"),
                                1_626_992_741_421_000_000L,
                                1_626_992_742_289_739_000L, // "1626992742.289739:" on line 22
                                16_599_292L,
                                1.011,
                                10,
                                Side.BUY));
        assertThat(ticks)
                .extracting(t -> t.symbol().name())
                .containsOnly("SUSHIUSDT", "AKROUSDT", "KEEPUSDT", "CTKUSDT");
        assertThat(ticks)
                .allSatisfy(
                        t ->
                                assertThat(t.receiveTimeNanos())
                                        .isBetween(
                                                1_626_992_740_000_000_000L,
                                                1_626_993_000_000_000_000L));
    }
}
