package org.quantstream.core.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quantstream.core.io.TickFormat;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/**
 * The byte path of the line parsers against their text path: every real trade of the bundled tapes,
 * in the recording and in the three CSV formats, is read from its bytes (no fallback) with exactly
 * the text path's tick; seeded byte mutations of those lines are either left to the text path or
 * read exactly as it reads them (the byte path never takes a line the text path refuses or reads
 * otherwise); the decimal parser equals {@link Double#parseDouble} bit for bit.
 */
class FastPathTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");

    @Test
    void shouldReadEveryRealTradeFromItsBytesAsTheTextPathDoes() throws IOException {
        int lines = 0;
        for (String name :
                List.of(
                        TestData.BTC_2024_08_08,
                        TestData.ETH_2024_08_08,
                        TestData.BTC_2024_07_18,
                        TestData.ETH_2024_07_18)) {
            for (String line : lines(name)) {
                Tick t = both(new BinanceJsonParser(true, null), line, true);
                both(new CsvLineParser(TickFormat.BINANCE_TRADES_CSV, t.symbol()), trades(t), true);
                both(new CsvLineParser(TickFormat.BINANCE_AGGTRADES_CSV, t.symbol()), agg(t), true);
                both(new CsvLineParser(TickFormat.QUANT_CSV, null), quant(t), true);
                // a raw payload, without the recorded time and the combined-stream wrapper
                String payload = line.substring(line.indexOf("\"data\":") + 7, line.length() - 1);
                both(new BinanceJsonParser(false, null), payload, true);
                lines++;
            }
        }
        assertThat(lines).isEqualTo(59_745);
    }

    @Test
    void shouldNeverTakeAMutatedLineTheTextPathRefusesOrReadsOtherwise() throws IOException {
        SplittableRandom random = new SplittableRandom(20261206L);
        List<String> real = lines(TestData.BTC_2024_08_08).subList(0, 400);
        String alphabet = "0123456789.,-+eE \"{}[]:tfnulasTEpqmX\\\u00e9x";
        int fast = 0;
        int total = 0;
        for (String line : real) {
            Tick t = both(new BinanceJsonParser(true, null), line, true);
            String[] forms = {line, trades(t), agg(t), quant(t)};
            for (int f = 0; f < forms.length; f++) {
                for (int k = 0; k < 60; k++) {
                    StringBuilder m = new StringBuilder(forms[f]);
                    int edits = 1 + random.nextInt(3);
                    for (int j = 0; j < edits && m.length() > 1; j++) {
                        int at = random.nextInt(m.length());
                        char c = alphabet.charAt(random.nextInt(alphabet.length()));
                        switch (random.nextInt(3)) {
                            case 0 -> m.setCharAt(at, c);
                            case 1 -> m.insert(at, c);
                            default -> m.deleteCharAt(at);
                        }
                    }
                    LineParser p =
                            switch (f) {
                                case 0 -> new BinanceJsonParser(true, null);
                                case 1 -> new CsvLineParser(TickFormat.BINANCE_TRADES_CSV, BTC);
                                case 2 -> new CsvLineParser(TickFormat.BINANCE_AGGTRADES_CSV, BTC);
                                default -> new CsvLineParser(TickFormat.QUANT_CSV, null);
                            };
                    if (both(p, m.toString(), false) != null) {
                        fast++;
                    }
                    total++;
                }
            }
        }
        // most mutations break the line; some (a digit changed) still make a trade
        assertThat(fast).isBetween(total / 50, total / 2);
    }

    @Test
    void shouldParseDecimalsExactlyAsParseDouble() {
        SplittableRandom random = new SplittableRandom(7L);
        int fast = 0;
        for (int n = 0; n < 1_000_000; n++) {
            StringBuilder s = new StringBuilder();
            int digits = 1 + random.nextInt(20);
            for (int i = 0; i < digits; i++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(4) != 0) {
                s.insert(random.nextInt(s.length() + 1), '.');
            }
            String text = s.toString();
            byte[] b = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
            double v = AsciiNumbers.parseDecimal(b, 1, b.length - 1);
            // with 16 bytes of room after it, the two-load path; without, digit by digit: the same
            byte[] padded = ("x" + text + ",9.9,12345678,x").getBytes(StandardCharsets.US_ASCII);
            double w = AsciiNumbers.parseDecimal(padded, 1, 1 + text.length());
            assertThat(Double.doubleToRawLongBits(w))
                    .as("padded %s", text)
                    .isEqualTo(Double.doubleToRawLongBits(v));
            if (!Double.isNaN(v)) {
                assertThat(Double.doubleToRawLongBits(v))
                        .as(text)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
                fast++;
            } else if (!text.equals(".")) {
                // only too many digits leave the fast path
                assertThat(new BigDecimal(text).unscaledValue().bitLength())
                        .as(text)
                        .isGreaterThanOrEqualTo(50);
            }
        }
        assertThat(fast).isGreaterThan(500_000);
        for (String bad : List.of("", ".", "1..2", "1.2.3", "-1", "+1", "1e5", " 1", "1 ", "0x1")) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertThat(AsciiNumbers.parseDecimal(b, 0, b.length)).as(bad).isNaN();
        }
        SplittableRandom ids = new SplittableRandom(9L);
        for (int n = 0; n < 200_000; n++) {
            long id = ids.nextLong(Long.MAX_VALUE);
            String text = Long.toString(id >>> ids.nextInt(63));
            byte[] exact = text.getBytes(StandardCharsets.US_ASCII);
            byte[] padded = (text + ",1234567890123456").getBytes(StandardCharsets.US_ASCII);
            assertThat(AsciiNumbers.parseDigits(exact, 0, exact.length))
                    .as(text)
                    .isEqualTo(Long.parseLong(text));
            assertThat(AsciiNumbers.parseDigits(padded, 0, exact.length))
                    .as(text)
                    .isEqualTo(Long.parseLong(text));
        }
        byte[] max = "9223372036854775807".getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiNumbers.parseDigits(max, 0, max.length)).isEqualTo(Long.MAX_VALUE);
        byte[] over = "9223372036854775808".getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiNumbers.parseDigits(over, 0, over.length)).isEqualTo(-1);
    }

    /**
     * Parses a line both ways (a fresh parser each, past a first line); checks they agree.
     *
     * @param mustBeFast whether the byte path must take the line
     * @return the tick of the byte path, or null if it left the line to the text path
     */
    private static Tick both(LineParser parser, String line, boolean mustBeFast) {
        byte[] b = ("##" + line + "#").getBytes(StandardCharsets.UTF_8);
        // the first line goes to the text path (it may be a header): pass one
        pastFirstLine(parser);
        MutableTick fast = new MutableTick();
        boolean took = parser.parseFast(b, 2, b.length - 1, fast);
        if (mustBeFast) {
            assertThat(took).as(line).isTrue();
        }
        Tick inPlace = inPlace(parser, line);
        if (parser instanceof CsvLineParser c && c.format() != TickFormat.QUANT_CSV) {
            // the one-pass path of Binance's CSV formats takes the same lines
            assertThat(inPlace).as("in place: " + line).isEqualTo(took ? Tick.copyOf(fast) : null);
        } else if (!took) {
            assertThat(inPlace).as("in place, not by the byte path: " + line).isNull();
        }
        if (!took) {
            return null;
        }
        MutableTick text = new MutableTick();
        try {
            assertThat(parser.parse(line, text)).as(line).isTrue();
        } catch (BadLine e) {
            throw new AssertionError("the byte path took a line the text path refuses: " + line, e);
        }
        assertThat(Tick.copyOf(fast)).as(line).isEqualTo(Tick.copyOf(text));
        assertThat(Double.doubleToRawLongBits(fast.price()))
                .isEqualTo(Double.doubleToRawLongBits(text.price()));
        return Tick.copyOf(fast);
    }

    /**
     * The line where it lies in a buffer, followed by each terminator and by stale bytes past the
     * limit: {@link LineParser#parseLineAt} must agree for each, and take nothing from a line whose
     * terminator is not yet in the buffer.
     *
     * @return the tick it read, or null if it declined
     */
    private static Tick inPlace(LineParser parser, String line) {
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        Tick first = null;
        boolean declined = false;
        for (String end : List.of("\n", "\r", "\r\n")) {
            byte[] b = new byte[3 + text.length + CsvCursor.SPAN + 8];
            // stale bytes that would continue the line if they were read as part of it
            Arrays.fill(b, (byte) '7');
            b[0] = '\n';
            b[1] = '#';
            System.arraycopy(text, 0, b, 2, text.length);
            byte[] terminator = end.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(terminator, 0, b, 2 + text.length, terminator.length);
            int limit = 2 + text.length + terminator.length;
            MutableTick into = new MutableTick();
            assertThat(parser.parseLineAt(b, 2, limit - terminator.length, into))
                    .as("no terminator before the limit: " + line)
                    .isEqualTo(-1);
            int t = parser.parseLineAt(b, 2, limit, into);
            if (t < 0) {
                declined = true;
                continue;
            }
            assertThat(t).as(line).isEqualTo(2 + text.length);
            Tick got = Tick.copyOf(into);
            assertThat(first == null || first.equals(got)).as(line).isTrue();
            first = got;
        }
        assertThat(declined && first != null)
                .as("same answer for each terminator: " + line)
                .isFalse();
        return first;
    }

    private static void pastFirstLine(LineParser parser) {
        if (parser instanceof CsvLineParser) {
            try {
                parser.parse("", new MutableTick());
            } catch (BadLine expected) {
                // an empty line is not a trade: only the first-line flag matters
            }
        }
    }

    private static String trades(Tick t) {
        BigDecimal quote =
                new BigDecimal(Fields.formatDouble(t.price()))
                        .multiply(new BigDecimal(Fields.formatDouble(t.quantity())));
        return t.tradeId()
                + ","
                + Fields.formatDouble(t.price())
                + ","
                + Fields.formatDouble(t.quantity())
                + ","
                + quote.toPlainString()
                + ","
                + t.eventTimeNanos() / 1_000_000
                + ","
                + (t.aggressor() == org.quantstream.core.tick.Side.SELL);
    }

    private static String agg(Tick t) {
        return t.tradeId()
                + ","
                + Fields.formatDouble(t.price())
                + ","
                + Fields.formatDouble(t.quantity())
                + ","
                + t.tradeId() * 3
                + ","
                + (t.tradeId() * 3 + 2)
                + ","
                + t.eventTimeNanos() / 1_000_000
                + ","
                + (t.aggressor() == org.quantstream.core.tick.Side.SELL);
    }

    private static String quant(Tick t) {
        return t.symbol().name()
                + ","
                + t.tradeId()
                + ","
                + t.eventTimeNanos()
                + ","
                + t.receiveTimeNanos()
                + ","
                + Fields.formatDouble(t.price())
                + ","
                + Fields.formatDouble(t.quantity())
                + ","
                + t.aggressor();
    }

    private static List<String> lines(String name) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = TextFiles.open(TestData.file(name))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains("\"e\":\"trade\"")) {
                    out.add(line);
                }
            }
        }
        return out;
    }
}
