package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/**
 * Format detection, every CSV variant, symbol resolution and the error messages, on hand-made
 * files.
 */
class TickReaderFormatsTest {
    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static List<Tick> read(Path file, ReadOptions options) throws IOException {
        List<Tick> out = new ArrayList<>();
        TickFiles.forEach(List.of(file), options, t -> out.add(Tick.copyOf(t)));
        return out;
    }

    private static TickFormat formatOf(Path file) throws IOException {
        try (TickReader r =
                TickReader.open(file, ReadOptions.defaults().withSymbol(Symbol.of("XUSDT")))) {
            return r.format();
        }
    }

    @Test
    void shouldReadBinanceTradesCsvWithHeaderInMilliseconds() throws Exception {
        Path f =
                write(
                        "BTCUSDT-trades-2024-07-18.csv",
                        "id,price,qty,quote_qty,time,is_buyer_maker\n"
                                + "5182005737,63900.10,0.005,319.5005,1721347022956,true\n"
                                + "5182005738,63900.20,1.250,79875.25,1721347022957,false\r\n");
        assertThat(formatOf(f)).isEqualTo(TickFormat.BINANCE_TRADES_CSV);
        Symbol btc = Symbol.of("BTCUSDT");
        assertThat(read(f, ReadOptions.defaults()))
                .containsExactly(
                        new Tick(
                                btc,
                                1_721_347_022_956_000_000L,
                                0,
                                5182005737L,
                                63900.10,
                                0.005,
                                Side.SELL),
                        new Tick(
                                btc,
                                1_721_347_022_957_000_000L,
                                0,
                                5182005738L,
                                63900.20,
                                1.25,
                                Side.BUY));
    }

    @Test
    void shouldReadBinanceTradesCsvWithoutHeaderInMicroseconds() throws Exception {
        Path f =
                write(
                        "ETHUSDT-trades-2025-01-02.csv",
                        "42,3400.5,0.1,340.05,1735776000123456,False\n");
        assertThat(read(f, ReadOptions.defaults()))
                .containsExactly(
                        new Tick(
                                Symbol.of("ETHUSDT"),
                                1_735_776_000_123_456_000L,
                                0,
                                42,
                                3400.5,
                                0.1,
                                Side.BUY));
    }

    @Test
    void shouldReadBinanceAggTradesCsvWithAndWithoutHeader() throws Exception {
        String row = "16599292,1.01100,10,23961322,23961325,1626992741421,false\n";
        Path withHeader =
                write(
                        "CTKUSDT-aggTrades-2021-07-22.csv",
                        "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
                                + row);
        Path without = write("CTKUSDT-aggTrades-2021-07-23.csv", row);
        Tick expected =
                new Tick(
                        Symbol.of("CTKUSDT"),
                        1_626_992_741_421_000_000L,
                        0,
                        16599292,
                        1.011,
                        10,
                        Side.BUY);
        assertThat(formatOf(withHeader)).isEqualTo(TickFormat.BINANCE_AGGTRADES_CSV);
        assertThat(formatOf(without)).isEqualTo(TickFormat.BINANCE_AGGTRADES_CSV);
        assertThat(read(withHeader, ReadOptions.defaults())).containsExactly(expected);
        assertThat(read(without, ReadOptions.defaults())).containsExactly(expected);
    }

    @Test
    void shouldTakeTheSymbolFromTheOptionBeforeTheFileName() throws Exception {
        Path f = write("BTCUSDT-trades.csv", "1,100,1,100,1721347022956,true\n");
        assertThat(read(f, ReadOptions.defaults().withSymbol(Symbol.of("solusdt"))))
                .extracting(t -> t.symbol().name())
                .containsExactly("SOLUSDT");
    }

    @Test
    void shouldTakeTheSymbolFromTheDataBeforeTheOption() throws Exception {
        Path f =
                write(
                        "x.jsonl",
                        "{\"e\":\"trade\",\"E\":1,\"T\":1723161256322,\"s\":\"BTCUSDT\",\"t\":7,\"p\":\"1.5\",\"q\":\"2\",\"m\":true}\n");
        assertThat(formatOf(f)).isEqualTo(TickFormat.BINANCE_JSON);
        assertThat(read(f, ReadOptions.defaults().withSymbol(Symbol.of("ETHUSDT"))))
                .containsExactly(
                        new Tick(
                                Symbol.of("BTCUSDT"),
                                1_723_161_256_322_000_000L,
                                0,
                                7,
                                1.5,
                                2,
                                Side.SELL));
    }

    @Test
    void shouldFailClearlyWhenNoSymbolCanBeFound() throws Exception {
        Path f = write("trades.csv", "1,100,1,100,1721347022956,true\n");
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("trades.csv")
                .hasMessageContaining("cannot tell the symbol")
                .hasMessageContaining("--symbol");
    }

    @Test
    void shouldRecogniseSymbolsInFileNames() {
        assertThat(TickReader.symbolFromFileName("BTCUSDT-trades-2024-07-18.csv"))
                .isEqualTo(Symbol.of("BTCUSDT"));
        assertThat(TickReader.symbolFromFileName("ethusdt_20240808.gz"))
                .isEqualTo(Symbol.of("ETHUSDT"));
        assertThat(TickReader.symbolFromFileName("1000PEPEUSDT-aggTrades-2024-01.zip"))
                .isEqualTo(Symbol.of("1000PEPEUSDT"));
        assertThat(TickReader.symbolFromFileName("trades-2024.csv")).isNull();
        assertThat(TickReader.symbolFromFileName("bad.csv")).isNull();
    }

    @Test
    void shouldReadGzipFromContentNotExtension() throws Exception {
        Path f = dir.resolve("BTCUSDT-trades.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(
                    "1,100,1,100,1721347022956,true\n2,101,1,101,1721347022957,false\n"
                            .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(read(f, ReadOptions.defaults()))
                .extracting(Tick::tradeId)
                .containsExactly(1L, 2L);
    }

    @Test
    void shouldRejectATruncatedGzipStream() throws Exception {
        Path full = dir.resolve("full.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(full))) {
            for (int i = 1; i <= 5000; i++) {
                out.write(
                        ("BTCUSDT," + i + ",1723161256322000000,0,100.5,0.25,BUY\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("BTCUSDT-cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> read(cut, ReadOptions.defaults())).isInstanceOf(IOException.class);
    }

    @Test
    void shouldTreatAnEmptyFileAsNoTicks() throws Exception {
        Path f = write("BTCUSDT-empty.csv", "\n\n");
        assertThat(formatOf(f)).isEqualTo(TickFormat.EMPTY);
        assertThat(read(f, ReadOptions.defaults())).isEmpty();
    }

    @Test
    void shouldNameFileLineColumnAndCauseOfABadPrice() throws Exception {
        Path f =
                write(
                        "BTCUSDT-bad.csv",
                        "id,price,qty,quote_qty,time,is_buyer_maker\n"
                                + "1,100,1,100,1721347022956,true\n"
                                + "2,abc,1,100,1721347022957,true\n");
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(f + ":3:3: price \"abc\" is not a number")
                .satisfies(
                        e -> {
                            InputFormatException ife = (InputFormatException) e;
                            assertThat(ife.line()).isEqualTo(3);
                            assertThat(ife.column()).isEqualTo(3);
                            assertThat(ife.source()).isEqualTo(f.toString());
                        });
    }

    @Test
    void shouldReportEachKindOfBadCsvRow() throws Exception {
        assertBad("2,100,1,100,1721347022957\n", ":2:26: expected 6 fields");
        assertBad("2,100,1,100,1721347022957,true,extra\n", ":2:31: expected 6 fields");
        assertBad("x2,100,1,100,1721347022957,true\n", ":2:1: id \"x2\" is not an integer");
        assertBad("2,NaN,1,100,1721347022957,true\n", ":2:3: price \"NaN\" is not a number");
        assertBad("2,-5,1,100,1721347022957,true\n", ":2:3: price -5.0 must be > 0");
        assertBad("2,100,0,100,1721347022957,true\n", ":2:7: qty 0.0 must be > 0");
        assertBad("2,100,1,100,soon,true\n", ":2:13: time \"soon\" is not an integer");
        assertBad(
                "2,100,1,100,1721347022957,maybe\n",
                ":2:27: is_buyer_maker \"maybe\" is not true or false");
        assertBad("-2,100,1,100,1721347022957,true\n", ":2:1: id -2 must be >= 0");
    }

    @Test
    void shouldRefuseNumberFormsThatJavaTakesButNoExchangeWrites() throws Exception {
        String end = ",1,100,1721347022957,true\n";
        for (String price : List.of("0x1p6", "100d", "100f", "Infinity", "1e", "+100", "1..2")) {
            assertBad("2," + price + end, ":2:3: price \"" + price + "\" is not a number");
        }
        assertBad(
                "2,\u0661\u0660\u0660" + end, ":2:3: price \"\u0661\u0660\u0660\" is not a number");
        assertBad("2,\u0001100" + end, ":2:3: price \"\u0001100\" is not a number");
        assertBad("\u0662,100,1,100,1721347022957,true\n", ":2:1: id \"\u0662\" is not an integer");
        assertBad("+2,100,1,100,1721347022957,true\n", ":2:1: id \"+2\" is not an integer");
        assertBad(
                "99999999999999999999,100,1,100,1721347022957,true\n",
                ":2:1: id \"99999999999999999999\" is not an integer");
    }

    @Test
    void shouldRefuseTimesThatAreNotMillisMicrosOrNanosBetween2017And2100() throws Exception {
        String head = "2,100,1,100,";
        for (String time :
                List.of(
                        "1721347022", // seconds
                        "946684800000", // 2000-01-01 in ms
                        "4102444800000", // 2100-01-01 in ms
                        "100000000000000", // between the ms and µs ranges
                        "9223372036854775807")) {
            assertBad(
                    head + time + ",true\n",
                    ":2:13: time " + time + " is not an epoch time in ms, µs or ns");
        }
    }

    @Test
    void shouldReadTheSameInstantInMillisMicrosAndNanos() throws Exception {
        for (String time : List.of("1721347022957", "1721347022957000", "1721347022957000000")) {
            Path f = write("BTCUSDT-units.csv", "1,100,1," + "100," + time + ",true\n");
            assertThat(read(f, ReadOptions.defaults()).get(0).eventTimeNanos())
                    .as(time)
                    .isEqualTo(1_721_347_022_957_000_000L);
        }
    }

    /** Writes a good first line (so the format is detected) and then the bad one. */
    private void assertBad(String secondLine, String expected) throws IOException {
        Path f = write("BTCUSDT-case.csv", "1,100,1,100,1721347022956,true\n" + secondLine);
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + expected);
    }

    @Test
    void shouldRejectAFirstLineThatIsNoKnownCsvLayout() throws Exception {
        Path header = write("BTCUSDT-h.csv", "ident,price,qty,quote_qty,time,is_buyer_maker\n");
        assertThatThrownBy(() -> read(header, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(header + ":1:1: unrecognised CSV header \"ident,price");
        Path shortRow = write("BTCUSDT-s.csv", "2,100,1,100,1721347022957\n");
        assertThatThrownBy(() -> read(shortRow, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(shortRow + ":1:1: unrecognised tick format");
    }

    @Test
    void shouldReportMalformedJsonWithItsPlace() throws Exception {
        Path f =
                write(
                        "rec.txt",
                        "1723161255088176367 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"T\":1723161256322,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":false}}\n"
                                + "1723161255088176368 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"p\":\n");
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":2:")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void shouldReportATradeWithoutPrice() throws Exception {
        Path f =
                write(
                        "rec.txt",
                        "1723161255088176367 {\"e\":\"trade\",\"T\":1723161256322,\"s\":\"BTCUSDT\",\"t\":1,\"q\":\"1\"}\n");
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(f + ":1:21: trade has no price \"p\"");
    }

    @Test
    void shouldIgnoreUnknownBinanceFieldsAndKeepAnUnknownExecutionType() throws Exception {
        Path f =
                write(
                        "rec.txt",
                        "1723161255088176367 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"T\":1723161256322,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"X\":\"SOMETHING_NEW\",\"nq\":\"1\",\"st\":{\"x\":[1,2]},\"m\":false}}\n");
        assertThat(read(f, ReadOptions.defaults())).hasSize(1);
    }

    @Test
    void shouldSkipAndCountBadLinesWhenAskedKeepingEveryGoodOne() throws Exception {
        Path f =
                write(
                        "BTCUSDT-mixed.csv",
                        "1,100,1,100,1721347022956,true\n"
                                + "2,abc,1,100,1721347022957,true\n"
                                + "3,102,1,102,1721347022958,false\n"
                                + "4,103,1\n"
                                + "5,104,1,104,1721347022960,true\n");
        List<InputFormatException> bad = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        TickFiles.Counts counts =
                TickFiles.forEach(
                        List.of(f),
                        ReadOptions.defaults().withSkipBad(bad::add),
                        t -> ticks.add(Tick.copyOf(t)));
        assertThat(ticks).extracting(Tick::tradeId).containsExactly(1L, 3L, 5L);
        assertThat(counts.badLines()).isEqualTo(2);
        assertThat(bad).extracting(InputFormatException::line).containsExactly(2L, 4L);
    }

    @Test
    void shouldRejectAFileWithABadLineBeforeAnyTickIsUsedWhenValidating() throws Exception {
        Path f =
                write(
                        "BTCUSDT-bad.csv",
                        "1,100,1,100,1721347022956,true\n2,100,1,100,1721347022957,oops\n");
        assertThatThrownBy(() -> TickFiles.validate(List.of(f), ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining(":2:");
    }

    @Test
    void shouldRejectAnUnrecognisedFormat() throws Exception {
        Path f = write("notes.txt", "hello world\n");
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":1:1: unrecognised tick format")
                .hasMessageContaining("hello world");
    }

    @Test
    void shouldRejectAnUnknownFieldInOurOwnJsonFormat() throws Exception {
        Path f =
                write(
                        "ticks.jsonl",
                        "{\"symbol\":\"BTCUSDT\",\"tradeId\":1,\"eventTimeNanos\":5,\"receiveTimeNanos\":0,\"price\":1,\"quantity\":1,\"aggressor\":\"BUY\",\"colour\":\"red\"}\n");
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("ticks.jsonl:1:")
                .hasMessageContaining("unknown field \"colour\"");
    }

    @Test
    void shouldRejectAMissingFieldInOurOwnCsvFormat() throws Exception {
        Path f =
                write(
                        "ticks.csv",
                        "symbol,trade_id,event_time_ns,receive_time_ns,price,quantity,aggressor\nBTCUSDT,1,1723161256322000000,0,1,1,SIDEWAYS\n");
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(f + ":2:37: aggressor \"SIDEWAYS\" is not BUY, SELL or UNKNOWN");
    }

    private static final String AGG =
            "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1723161255088,"
                    + "\"a\":%d,\"s\":\"BTCUSDT\",\"p\":\"61000.1\",\"q\":\"0.002\",\"f\":1,\"l\":1,"
                    + "\"T\":1723161255087,\"m\":true}}";

    @Test
    void shouldRejectATradeWithADamagedEventTypeOrStreamInsteadOfSkippingIt() throws Exception {
        String good = "1723161255088176367 " + String.format(AGG, 1) + "\n";
        String payload = AGG.substring(AGG.indexOf("\"data\":") + 7, AGG.length() - 1);
        String[][] cases = {
            {
                AGG.replace("\"e\":\"aggTrade\"", "\"e\":\"aggTradx\""),
                "stream \"btcusdt@aggTrade\" carries trades, but the event type is \"aggTradx\""
            },
            {
                payload.replace("\"e\":\"aggTrade\"", "\"e\":\"aggTradx\""),
                "unknown event type \"aggTradx\""
            },
            {
                AGG.replace("btcusdt@aggTrade", "btcusdt@depth")
                        .replace("\"e\":\"aggTrade\"", "\"e\":\"kline\""),
                "a trade's fields (p, q, and t or a) under event type \"kline\""
            },
        };
        for (String[] c : cases) {
            Path f =
                    write("rec.txt", good + "1723161255088176368 " + String.format(c[0], 2) + "\n");
            assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                    .as(c[0])
                    .isInstanceOf(InputFormatException.class)
                    .hasMessageStartingWith(f + ":2:")
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void shouldSkipWellFormedOtherEventsAndCountThemByType() throws Exception {
        String ticker =
                "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":5,"
                        + "\"s\":\"BTCUSDT\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\","
                        + "\"T\":1723161255087,\"E\":1723161255088}}";
        Path f =
                write(
                        "rec2.txt",
                        "1723161255088176367 "
                                + String.format(AGG, 1)
                                + "\n"
                                + "1723161255088176368 "
                                + ticker
                                + "\n"
                                + "1723161255088176369 {\"result\":null,\"id\":1}\n"
                                + "1723161255088176370 "
                                + String.format(AGG, 2)
                                + "\n");
        try (TickReader r = TickReader.open(f, ReadOptions.defaults())) {
            org.quantstream.core.tick.MutableTick t = new org.quantstream.core.tick.MutableTick();
            int n = 0;
            while (r.next(t)) {
                n++;
            }
            assertThat(n).isEqualTo(2);
            assertThat(r.skippedByType())
                    .containsExactly(
                            java.util.Map.entry("(no event type)", 1L),
                            java.util.Map.entry("bookTicker", 1L));
        }
    }

    @Test
    void shouldCheckTheColumnsATickDoesNotUse() throws Exception {
        String[][] cases = {
            // trades CSV: quote_qty must be a number equal to price * qty
            {
                "id,price,qty,quote_qty,time,is_buyer_maker\n",
                "1,61800.3,0.006,370.8018,1723161256322,false",
                null
            },
            {
                "id,price,qty,quote_qty,time,is_buyer_maker\n",
                "1,61800.3,0.006,370.9018,1723161256322,false",
                ":2:17: quote_qty 370.9018 is not price * qty (370.8018"
            },
            {
                "id,price,qty,quote_qty,time,is_buyer_maker\n",
                "1,61800.3,0.006,abc,1723161256322,false",
                ":2:17: quote_qty \"abc\" is not a number"
            },
            // aggTrades CSV: first and last trade ids must be ordered ids
            {"", "7,61800.3,0.006,10,12,1723161256322,true", null},
            {
                "",
                "7,61800.3,0.006,12,10,1723161256322,true",
                ":1:20: last_trade_id 10 is below first_trade_id 12"
            },
            {
                "",
                "7,61800.3,0.006,x1,12,1723161256322,true",
                ":1:17: first_trade_id \"x1\" is not an integer"
            },
            // surrounding control characters are damage; spaces and tabs are not
            {"", "7,61800.3,0.006,10,12,1723161256322, true\t", null},
            {
                "",
                "7,61800.3,0.006,10,12,1723161256322,true\u0007",
                ":1:37: is_buyer_maker \"true\u0007\" is not true or false"
            },
        };
        for (String[] c : cases) {
            Path f = write("BTCUSDT-x.csv", c[0] + c[1] + "\n");
            if (c[2] == null) {
                assertThat(read(f, ReadOptions.defaults())).as(c[1]).hasSize(1);
            } else {
                assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                        .as(c[1])
                        .isInstanceOf(InputFormatException.class)
                        .hasMessageStartingWith(f + c[2]);
            }
        }
    }

    @Test
    void shouldRejectReceiveTimesOutOfRangeAndDuplicateKeys() throws Exception {
        String msg = String.format(AGG, 1);
        String[][] cases = {
            {"5 " + msg, ":1:1: receive time \"5\" is not an epoch time"},
            {"1723161255 " + msg, ":1:1: receive time \"1723161255\" is not an epoch time"},
            {"-1723161255088176367 " + msg, ":1:1: "}, // not even a recording
            {"99999999999999999999 " + msg, ":1:1: receive time"},
            {"9223372036854775807.5: " + msg, ":1:1: receive time"},
            {
                "1723161255088176367 "
                        + msg.replace("\"s\":\"BTCUSDT\"", "\"s\":\"BTCUSDT\",\"s\":\"ETHUSDT\""),
                ":1:"
            },
            {"1723161255088176367 " + msg.replace("\"s\":\"BTCUSDT\"", "\"s\":7"), ":1:"},
        };
        for (String[] c : cases) {
            Path f = write("rec.txt", c[0] + "\n");
            assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                    .as(c[0])
                    .isInstanceOf(InputFormatException.class)
                    .hasMessageStartingWith(f + c[1]);
        }
        Path ok = write("rec.txt", "1626992741.06217: " + msg + "\n");
        assertThat(read(ok, ReadOptions.defaults()).get(0).receiveTimeNanos())
                .isEqualTo(1_626_992_741_062_170_000L);
    }

    @Test
    void shouldRejectOurOwnFormatsWithTimesOutsideTheRange() throws Exception {
        String header = "symbol,trade_id,event_time_ns,receive_time_ns,price,quantity,aggressor\n";
        Path ms = write("t.csv", header + "BTCUSDT,1,1723161256322,0,1,1,BUY\n");
        assertThatThrownBy(() -> read(ms, ReadOptions.defaults()))
                .hasMessage(
                        ms
                                + ":2:11: event_time_ns 1723161256322 is not an epoch time in ns"
                                + " between 2017-01-01 and 2100-01-01");
        Path recv = write("t.csv", header + "BTCUSDT,1,1723161256322000000,-3,1,1,BUY\n");
        assertThatThrownBy(() -> read(recv, ReadOptions.defaults()))
                .hasMessageStartingWith(recv + ":2:31: receive_time_ns -3 is neither 0");
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldRefuseALineLongerThanTheLimitInConstantMemory() throws Exception {
        String good = "1723161255088176367 " + String.format(AGG, 1) + "\n";
        String huge = "1723161255088176368 " + "x".repeat(3 * (1 << 20)) + "\n";
        Path f =
                write(
                        "rec.txt",
                        good + huge + "1723161255088176369 " + String.format(AGG, 2) + "\n");
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(f + ":2:1: line longer than 1048576 bytes");
        List<InputFormatException> bad = new ArrayList<>();
        List<Tick> ticks = read(f, ReadOptions.defaults().withSkipBad(bad::add));
        assertThat(ticks).extracting(Tick::tradeId).containsExactly(1L, 2L);
        assertThat(bad).hasSize(1);
        // a stream with no end of line at all (before: OutOfMemoryError), as a strict reader meets
        // it: refused at the limit, not read to its end
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            assertThatThrownBy(
                            () ->
                                    read(
                                            zero,
                                            ReadOptions.defaults()
                                                    .withSymbol(Symbol.of("BTCUSDT"))))
                    .isInstanceOf(InputFormatException.class)
                    .hasMessage("/dev/zero:1:1: line longer than 1048576 bytes");
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldNameTheFileOfDamagedGzipData() throws Exception {
        byte[] whole;
        try (var out = new java.io.ByteArrayOutputStream();
                GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (int i = 1; i <= 2000; i++) {
                gz.write(
                        ("1723161255088176367 " + String.format(AGG, i) + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
            gz.finish();
            whole = out.toByteArray();
        }
        Path cut = dir.resolve("cut.txt.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> read(cut, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(cut + ":")
                .hasMessageContaining("damaged or truncated gzip data");
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldRefuseGarbageAfterTheGzipDataNamingTheFile() throws Exception {
        byte[] whole;
        try (var out = new java.io.ByteArrayOutputStream();
                GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(
                    ("1723161255088176367 " + String.format(AGG, 1) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
            gz.finish();
            whole = out.toByteArray();
        }
        Path f = dir.resolve("rec.txt.gz");
        Files.write(f, whole);
        assertThat(read(f, ReadOptions.defaults())).hasSize(1);
        // another file's bytes appended: the JDK's GZIPInputStream read this as the one trade
        Files.write(
                f,
                "not gzip\n".getBytes(StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> read(f, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(
                        f
                                + ":2: damaged or truncated gzip data: garbage after gzip member 1 at"
                                + " byte "
                                + whole.length
                                + " (the file holds more than its gzip data: damaged, or another"
                                + " file appended to it)");
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldReadOnlyTheSnapshotOfAFileThatGrows() throws Exception {
        String line1 = "1723161255088176367 " + String.format(AGG, 1) + "\n";
        Path f = write("rec.txt", line1);
        long[] sizes = TickFiles.sizes(List.of(f));
        Files.writeString(
                f,
                "1723161255088176368 " + String.format(AGG, 2) + "\nnot a trade\n",
                java.nio.file.StandardOpenOption.APPEND);
        // validated and read: the same first line only, the grown tail (with its bad line) unseen
        assertThat(TickFiles.validate(List.of(f), sizes, ReadOptions.defaults()).ticks())
                .isEqualTo(1);
        List<Long> ids = new ArrayList<>();
        TickFiles.forEach(List.of(f), sizes, ReadOptions.defaults(), t -> ids.add(t.tradeId()));
        assertThat(ids).containsExactly(1L);
        assertThatThrownBy(() -> TickReader.open(dir, ReadOptions.defaults()))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(dir + ": is a directory, expected a tick file");
    }
}
