package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Symbol;

class BarFilesTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");

    @TempDir Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static List<Bar> realBars(GapPolicy gaps) throws Exception {
        List<Bar> bars = new ArrayList<>();
        BarHandler h = bars::add;
        TimeBarAggregator agg =
                TimeBarAggregator.builder(BTC, Timeframe.parse("5s"), h).gapPolicy(gaps).build();
        TickFiles.forEach(
                List.of(TestData.file(TestData.BTC_2024_08_08)), ReadOptions.defaults(), agg);
        agg.flush();
        return bars;
    }

    @ParameterizedTest
    @EnumSource(
            value = BarFormat.class,
            names = {"QUANT_CSV", "QUANT_JSONL"})
    void shouldRoundTripRealBarsExactlyIncludingSyntheticOnes(BarFormat format) throws Exception {
        List<Bar> bars = realBars(GapPolicy.FLAT_FILL);
        Path f = dir.resolve("bars." + format);
        try (Writer w = Files.newBufferedWriter(f);
                BarWriter writer = BarWriter.open(w, format)) {
            for (Bar b : bars) {
                writer.write(b);
            }
        }
        List<Bar> back = BarReader.read(f, BarReadOptions.defaults());
        assertThat(back).hasSameSizeAs(bars);
        for (int i = 0; i < bars.size(); i++) {
            Bar a = bars.get(i);
            Bar b = back.get(i);
            assertThat(b.withFlags(0)).as("bar %d", i).isEqualTo(a.withFlags(0));
        }
    }

    @Test
    void shouldWriteTheDocumentedCsvColumns() throws Exception {
        StringWriter out = new StringWriter();
        try (BarWriter w = BarWriter.open(out, BarFormat.QUANT_CSV)) {
            w.write(realBars(GapPolicy.SKIP).get(0));
        }
        String[] lines = out.toString().split("\n");
        assertThat(lines[0])
                .isEqualTo(
                        "symbol,open_time,close_time,open,high,low,close,volume,quote_volume,trades,buy_volume,vwap");
        assertThat(lines[1]).startsWith("BTCUSDT,1723161255000,1723161260000,61800.3,");
    }

    @Test
    void shouldReadBinanceKlinesWithAndWithoutHeader() throws Exception {
        String rows =
                "1723161600000,61780.10,61800.00,61770.00,61790.50,12.345,1723161659999,762728.7,321,6.1,376894.2,0\n"
                        + "1723161660000,61790.50,61795.00,61760.00,61761.00,3.5,1723161719999,216236.5,80,1.5,92646.1,0\n";
        Path with =
                write(
                        "BTCUSDT-1m-2024-08-09.csv",
                        "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n"
                                + rows);
        Path without = write("BTCUSDT-1m-2024-08-10.csv", rows);
        for (Path p : List.of(with, without)) {
            List<Bar> bars = BarReader.read(p, BarReadOptions.defaults());
            assertThat(bars).hasSize(2);
            Bar b = bars.get(0);
            assertThat(b.symbol()).isEqualTo(BTC);
            assertThat(b.timeframe()).isEqualTo(Timeframe.parse("1m"));
            assertThat(b.openTimeNanos()).isEqualTo(1723161600000L * 1_000_000L);
            assertThat(b.closeTimeNanos()).isEqualTo(1723161660000L * 1_000_000L);
            assertThat(List.of(b.open(), b.high(), b.low(), b.close(), b.volume()))
                    .containsExactly(61780.10, 61800.0, 61770.0, 61790.5, 12.345);
            assertThat(b.tradeCount()).isEqualTo(321);
            assertThat(b.buyVolume()).isEqualTo(6.1);
            assertThat(b.vwap()).isEqualTo(762728.7 / 12.345);
        }
    }

    @Test
    void shouldReadGenericOhlcWithIsoOrEpochTimesAndInferTheTimeframe() throws Exception {
        Path iso =
                write(
                        "ETHUSDT-hourly.csv",
                        "date,open,high,low,close,volume,adj_close\n2024-08-09 00:00:00,2680,2690,2670,2685,100,0\n2024-08-09 01:00:00,2685,2700,2680,2695,50,0\n");
        List<Bar> bars = BarReader.read(iso, BarReadOptions.defaults());
        assertThat(bars).extracting(b -> b.timeframe().label()).containsOnly("1h");
        assertThat(bars.get(1).openTimeNanos()).isEqualTo(1723165200L * 1_000_000_000L);
        assertThat(bars.get(0).vwap()).isNaN();

        Path seconds =
                write(
                        "prices.csv",
                        "timestamp,symbol,open,high,low,close,volume\n1723161600,SOLUSDT,150,151,149,150.5,10\n");
        List<Bar> one = BarReader.read(seconds, new BarReadOptions(null, Timeframe.parse("1m")));
        assertThat(one)
                .singleElement()
                .satisfies(
                        b -> {
                            assertThat(b.symbol().name()).isEqualTo("SOLUSDT");
                            assertThat(b.openTimeNanos()).isEqualTo(1723161600L * 1_000_000_000L);
                        });
        assertThatThrownBy(() -> BarReader.read(seconds, BarReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("cannot tell the timeframe")
                .hasMessageContaining("--timeframe");
    }

    private void assertRejected(String body, String expected) throws Exception {
        Path f = write("BTCUSDT-bad.csv", "timestamp,open,high,low,close,volume\n" + body);
        assertThatThrownBy(() -> BarReader.read(f, new BarReadOptions(null, Timeframe.parse("1m"))))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + expected);
    }

    @Test
    void shouldRejectEachKindOfInvalidBarNamingThePlace() throws Exception {
        String ok = "1723161600000,100,101,99,100.5,10\n";
        assertRejected(
                ok + "1723161660000,100,99.5,99,100.5,10\n",
                ":3:19: high 99.5 is below max(open, close) 100.5");
        assertRejected(
                ok + "1723161660000,100,101,100.2,100.1,10\n",
                ":3:23: low 100.2 is above min(open, close) 100.0");
        assertRejected(
                ok + "1723161660000,100,101,99,100.5,-1\n", ":3:32: volume -1.0 must be >= 0");
        assertRejected(
                ok + "1723161690000,100,101,99,100.5,1\n",
                ":3:1: open time 1723161690000 is not on the 1m grid");
        assertRejected(ok + ok, ":3:1: duplicate bar at 1723161600000 for BTCUSDT");
        assertRejected(
                ok + "1723161540000,100,101,99,100.5,1\n",
                ":3:1: open time 1723161540000 is not after the previous BTCUSDT bar's 1723161600000");
        assertRejected(
                ok + "1723161660000,100,abc,99,100.5,1\n", ":3:19: high \"abc\" is not a number");
        assertRejected(ok + "1723161660000,100,101,99\n", ":3:25: expected 6 fields, found 4");
        assertRejected(ok + "1723161660000,0,101,99,100.5,1\n", ":3:15: open 0.0 must be > 0");
        assertRejected(ok + "1723161660000,NaN,101,99,100.5,1\n", ":3:15: open NaN is not finite");
    }

    @Test
    void shouldListEveryProblemOfAFileInOrderUpToTheLimit() throws Exception {
        Path f =
                write(
                        "BTCUSDT-many.csv",
                        "timestamp,open,high,low,close,volume\n"
                                + "1723161600000,100,101,99,100.5,10\n"
                                + "1723161660000,100,99.5,99,100.5,10\n"
                                + "1723161720000,100,abc,99,100.5,1\n"
                                + "1723161780000,100,101,99,100.5,-1\n"
                                + "1723161840000,100,101,99,100.5,1\n"
                                + "1723161840000,100,101,99,100.5,1\n"
                                + "1723161900000,100,101,99\n");
        BarReadOptions m1 = new BarReadOptions(null, Timeframe.parse("1m"));
        List<InputFormatException> all = BarReader.validate(f, m1, 100);
        assertThat(all.stream().map(Throwable::getMessage).toList())
                .containsExactly(
                        f + ":4:19: high \"abc\" is not a number",
                        f + ":8:25: expected 6 fields, found 4",
                        f + ":3:19: high 99.5 is below max(open, close) 100.5",
                        f + ":5:32: volume -1.0 must be >= 0",
                        f + ":7:1: duplicate bar at 1723161840000 for BTCUSDT");
        // read() names the first of them, as it always did
        assertThatThrownBy(() -> BarReader.read(f, m1)).hasMessage(all.get(0).getMessage());
        assertThat(BarReader.validate(f, m1, 2)).hasSize(2);
        Path good =
                write(
                        "BTCUSDT-good.csv",
                        "timestamp,open,high,low,close,volume\n"
                                + "1723161600000,100,101,99,100.5,10\n");
        assertThat(BarReader.validate(good, m1, 10)).isEmpty();
        Path header = write("BTCUSDT-head.csv", "timestamp,open,high,low,close\n1,2,3,4,5\n");
        assertThat(BarReader.validate(header, m1, 10))
                .singleElement()
                .extracting(Throwable::getMessage)
                .asString()
                .contains("has no volume");
    }

    @Test
    void shouldRejectAHeaderWithoutTheNeededColumnsAndDataWithoutSymbol() throws Exception {
        Path noClose = write("BTCUSDT-x.csv", "timestamp,open,high,low,volume\n1,1,1,1,1\n");
        assertThatThrownBy(() -> BarReader.read(noClose, BarReadOptions.defaults()))
                .hasMessage(
                        noClose
                                + ":1:1: bar header \"timestamp,open,high,low,volume\" has no close");
        Path noSymbol =
                write(
                        "bars.csv",
                        "timestamp,open,high,low,close,volume\n1723161600000,100,101,99,100.5,10\n");
        assertThatThrownBy(
                        () ->
                                BarReader.read(
                                        noSymbol, new BarReadOptions(null, Timeframe.parse("1m"))))
                .hasMessageContaining("cannot tell the symbol");
        assertThat(BarReader.read(noSymbol, new BarReadOptions(BTC, Timeframe.parse("1m"))))
                .hasSize(1);
    }

    @Test
    void shouldReadJsonLinesWithoutASymbolAndJsonArraysOfObjectsOrKlines() throws Exception {
        // the same two 1-minute bars in four JSON shapes
        String lines =
                "{\"openTime\":1723161240000,\"open\":1,\"high\":2,\"low\":0.5,\"close\":1.5,\"volume\":10}\n"
                        + "{\"openTime\":1723161300000,\"open\":1.5,\"high\":2,\"low\":1,\"close\":1.2,\"volume\":3}\n";
        String records =
                "[\n  {\"timestamp\":\"2024-08-08T23:54:00Z\",\"open\":1,\"high\":2,\"low\":0.5,"
                        + "\"close\":1.5,\"volume\":10},\n"
                        + "  {\"timestamp\":\"2024-08-08T23:55:00Z\",\"open\":1.5,\"high\":2,\"low\":1,"
                        + "\"close\":1.2,\"volume\":3}\n]\n";
        String ohlcv = "[[1723161240000,1,2,0.5,1.5,10],[1723161300000,1.5,2,1,1.2,3]]";
        String klines =
                "[[1723161240000,\"1\",\"2\",\"0.5\",\"1.5\",\"10\",1723161299999,\"12\",7,\"4\",\"5\",\"0\"],"
                        + "[1723161300000,\"1.5\",\"2\",\"1\",\"1.2\",\"3\",1723161359999,\"4\",2,\"1\",\"1\",\"0\"]]";
        BarReadOptions eth = new BarReadOptions(Symbol.of("ETHUSDT"), null);
        for (String content : List.of(lines, records, ohlcv, klines)) {
            Path f = write("bars.json", content);
            List<Bar> bars = BarReader.read(f, eth);
            assertThat(bars).as(content).hasSize(2);
            assertThat(bars.get(0).symbol()).isEqualTo(Symbol.of("ETHUSDT"));
            assertThat(bars.get(0).openTimeNanos()).isEqualTo(1_723_161_240_000_000_000L);
            assertThat(bars.get(1).closeTimeNanos()).isEqualTo(1_723_161_360_000_000_000L);
            assertThat(bars.get(1).close()).isEqualTo(1.2);
            assertThat(bars.get(0).volume()).isEqualTo(10);
        }
        // a bad element names its line
        Path bad =
                write(
                        "bars.json",
                        "[\n[1723161240000,1,2,0.5,1.5,10],\n[1723161300000,1.5,0.9,1,1.2,3]\n]");
        assertThatThrownBy(() -> BarReader.read(bad, eth))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(bad + ":3:")
                .hasMessageContaining("high 0.9 is below");
        Path noSymbol = write("bars.json", lines);
        assertThatThrownBy(() -> BarReader.read(noSymbol, BarReadOptions.defaults()))
                .hasMessageContaining("cannot tell the symbol");
    }
}
