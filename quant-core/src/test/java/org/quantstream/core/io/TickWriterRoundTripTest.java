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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/** quantstream's own tick formats give back every field bit for bit. */
class TickWriterRoundTripTest {
    @TempDir Path dir;

    private List<Tick> roundTrip(List<Tick> ticks, TickFormat format) throws Exception {
        Path f = dir.resolve("out." + format.name().toLowerCase());
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
                TickWriter writer = TickWriter.open(w, format)) {
            for (Tick t : ticks) {
                writer.write(t);
            }
            assertThat(writer.written()).isEqualTo(ticks.size());
        }
        List<Tick> back = new ArrayList<>();
        try (TickReader r = TickReader.open(f, ReadOptions.defaults())) {
            assertThat(r.format()).isEqualTo(format);
        }
        TickFiles.forEach(List.of(f), ReadOptions.defaults(), t -> back.add(Tick.copyOf(t)));
        return back;
    }

    @ParameterizedTest
    @EnumSource(
            value = TickFormat.class,
            names = {"QUANT_CSV", "QUANT_JSONL"})
    void shouldRoundTripTheRealRecordingExactly(TickFormat format) throws Exception {
        List<Tick> ticks = new ArrayList<>();
        TickFiles.forEach(
                List.of(
                        TestData.file(TestData.BTC_2024_08_08),
                        TestData.file(TestData.ETH_2024_08_08)),
                ReadOptions.defaults(),
                t -> ticks.add(Tick.copyOf(t)));
        assertThat(roundTrip(ticks, format)).containsExactlyElementsOf(ticks);
    }

    @ParameterizedTest
    @EnumSource(
            value = TickFormat.class,
            names = {"QUANT_CSV", "QUANT_JSONL"})
    void shouldRoundTripAwkwardDoublesExactly(TickFormat format) throws Exception {
        SplittableRandom random = new SplittableRandom(2024);
        List<Tick> ticks = new ArrayList<>();
        double[] awkward = {
            1e-8, 0.1 + 0.2, 123456789.123456789, 1e15, 5e-324 * 1e10, 0.00012345678901234
        };
        for (int i = 0; i < awkward.length; i++) {
            ticks.add(
                    new Tick(
                            Symbol.of("XUSDT"),
                            1_723_161_256_322_000_000L + i,
                            0,
                            i,
                            awkward[i],
                            awkward[awkward.length - 1 - i],
                            Side.UNKNOWN));
        }
        for (int i = 0; i < 2_000; i++) {
            double p =
                    Double.longBitsToDouble(
                            random.nextLong(0x3E00000000000000L, 0x4300000000000000L));
            ticks.add(
                    new Tick(
                            Symbol.of("XUSDT"),
                            1_723_161_256_322_000_000L + i,
                            1_723_161_255_088_176_367L + i,
                            100 + i,
                            p,
                            1 / p,
                            Side.values()[i % 3]));
        }
        assertThat(roundTrip(ticks, format)).containsExactlyElementsOf(ticks);
    }

    @Test
    void shouldWriteTheDocumentedCsvLayout() throws Exception {
        StringWriter out = new StringWriter();
        try (TickWriter w = TickWriter.open(out, TickFormat.QUANT_CSV)) {
            w.write(
                    new Tick(
                            Symbol.of("BTCUSDT"),
                            1_723_161_256_322_000_000L,
                            1_723_161_255_088_176_367L,
                            5266583935L,
                            61800.3,
                            0.0001,
                            Side.BUY));
        }
        assertThat(out.toString())
                .isEqualTo(
                        "symbol,trade_id,event_time_ns,receive_time_ns,price,quantity,aggressor\n"
                                + "BTCUSDT,5266583935,1723161256322000000,1723161255088176367,61800.3,0.0001,BUY\n");
    }

    @Test
    void shouldWriteTheDocumentedJsonLayout() throws Exception {
        StringWriter out = new StringWriter();
        try (TickWriter w = TickWriter.open(out, TickFormat.QUANT_JSONL)) {
            w.write(
                    new Tick(
                            Symbol.of("BTCUSDT"),
                            1_723_161_256_322_000_000L,
                            0,
                            5266583935L,
                            61800,
                            2.5,
                            Side.SELL));
        }
        assertThat(out.toString())
                .isEqualTo(
                        "{\"symbol\":\"BTCUSDT\",\"tradeId\":5266583935,\"eventTimeNanos\":1723161256322000000,"
                                + "\"receiveTimeNanos\":0,\"price\":61800,\"quantity\":2.5,\"aggressor\":\"SELL\"}\n");
    }

    @Test
    void shouldRefuseAFormatItCannotWrite() {
        assertThatThrownBy(() -> TickWriter.open(new StringWriter(), TickFormat.BINANCE_TRADES_CSV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BINANCE_TRADES_CSV");
    }
}
