package org.quantstream.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableQuote;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;
import org.quantstream.feed.binance.internal.BinanceDecoder;

/**
 * The byte decoder against the file reader (Jackson) on the real wire recordings, and on hand-made
 * bad frames.
 */
class BinanceDecoderTest {
    private final BinanceDecoder decoder = new BinanceDecoder();
    private final MutableTick tick = new MutableTick();
    private final MutableQuote quote = new MutableQuote();

    private int decode(String text) {
        ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return decoder.decode(b, 7, tick);
        } finally {
            b.release();
        }
    }

    private int decodeWithQuotes(String text) {
        ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return decoder.decode(b, 7, tick, quote);
        } finally {
            b.release();
        }
    }

    /**
     * Every recorded bookTicker (the two 2024 captures and the 2021 cryptofeed capture) decodes to
     * the values Jackson reads from the same text.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({TestData.BTC_MIXED, TestData.ETH_MIXED, TestData.AGGTRADE_CAPTURE})
    void shouldDecodeEveryRecordedBookTickerLikeJackson(String file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        int quotes = 0;
        int ticks = 0;
        for (String line : Files.readAllLines(TestData.file(file))) {
            int brace = line.indexOf('{');
            if (brace < 0) {
                continue;
            }
            String text = line.substring(brace);
            JsonNode root = json.readTree(text);
            JsonNode data = root.has("data") ? root.get("data") : root;
            int r = decodeWithQuotes(text);
            if (!"bookTicker".equals(data.path("e").asText())) {
                assertThat(r).as(line).isNotEqualTo(BinanceDecoder.QUOTE);
                ticks += r == BinanceDecoder.TICK ? 1 : 0;
                continue;
            }
            assertThat(r).as(line).isEqualTo(BinanceDecoder.QUOTE);
            quotes++;
            assertThat(quote.symbol().name()).isEqualTo(data.get("s").asText());
            assertThat(quote.updateId()).isEqualTo(data.get("u").asLong());
            long timeMs = data.has("T") ? data.get("T").asLong() : data.get("E").asLong();
            assertThat(quote.eventTimeNanos()).isEqualTo(timeMs * 1_000_000L);
            assertThat(quote.receiveTimeNanos()).isEqualTo(7);
            assertThat(quote.bidPrice()).isEqualTo(Double.parseDouble(data.get("b").asText()));
            assertThat(quote.bidQuantity()).isEqualTo(Double.parseDouble(data.get("B").asText()));
            assertThat(quote.askPrice()).isEqualTo(Double.parseDouble(data.get("a").asText()));
            assertThat(quote.askQuantity()).isEqualTo(Double.parseDouble(data.get("A").asText()));
            assertThat(decode(text))
                    .as("without a quote to fill")
                    .isEqualTo(BinanceDecoder.OTHER_EVENT);
        }
        // PROVENANCE.md: 301 and 312 book tickers in the 2024 captures, 613 in the 2021 one
        assertThat(quotes)
                .isEqualTo(
                        switch (file) {
                            case TestData.BTC_MIXED -> 301;
                            case TestData.ETH_MIXED -> 312;
                            default -> 613;
                        });
        assertThat(ticks).isPositive(); // trades in the same files still decode as trades
    }

    @Test
    void shouldRefuseBookTickersWithMissingOrBadFields() {
        String good =
                "{\"e\":\"bookTicker\",\"u\":9,\"s\":\"BTCUSDT\",\"b\":\"10.5\",\"B\":\"2\",\"a\":\"10.6\",\"A\":\"0\",\"T\":5,\"E\":6,\"new\":[1]}";
        assertThat(decodeWithQuotes(good)).isEqualTo(BinanceDecoder.QUOTE);
        assertThat(quote.askQuantity()).isZero(); // an empty side is a quote, not an error
        assertThat(quote.eventTimeNanos()).isEqualTo(5_000_000L);
        assertThat(decodeWithQuotes(good.replace("\"u\":9,", "")))
                .isEqualTo(BinanceDecoder.MISSING_FIELD);
        assertThat(decodeWithQuotes(good.replace("\"B\":\"2\",", "")))
                .isEqualTo(BinanceDecoder.MISSING_FIELD);
        assertThat(decodeWithQuotes(good.replace("\"T\":5,\"E\":6,", "")))
                .isEqualTo(BinanceDecoder.MISSING_FIELD);
        assertThat(decodeWithQuotes(good.replace("\"10.5\"", "\"x\"")))
                .isEqualTo(BinanceDecoder.BAD_NUMBER);
        assertThat(decodeWithQuotes(good.replace("\"10.6\"", "\"0\"")))
                .isEqualTo(BinanceDecoder.BAD_NUMBER);
        assertThat(decodeWithQuotes(good.replace("\"B\":\"2\"", "\"B\":\"-2\"")))
                .isEqualTo(BinanceDecoder.BAD_NUMBER);
        assertThat(decodeWithQuotes(good.replace("\"u\":9", "\"u\":-9")))
                .isEqualTo(BinanceDecoder.BAD_NUMBER);
    }

    /**
     * The fast path for Binance's exact layouts decides nothing the field-by-field parse would not:
     * on every recorded frame of three captures (trades, aggregate trades, book tickers, depth,
     * klines, control replies) and on 20 damaged copies of each trade (a byte dropped, doubled or
     * changed, a space or a field added, fields swapped), both give the same result and the same
     * tick or quote, and the real trade frames take the fast path.
     */
    @Test
    void theFastPathAgreesWithTheFieldByFieldParseOnRealAndDamagedFrames() throws Exception {
        BinanceDecoder fast = new BinanceDecoder(true);
        BinanceDecoder slow = new BinanceDecoder(false);
        java.util.Random rnd = new java.util.Random(11);
        int trades = 0;
        int compared = 0;
        for (String file :
                List.of(TestData.BTC_MIXED, TestData.AGGTRADE_CAPTURE, TestData.ETH_2024_08_08)) {
            List<String> lines =
                    file.endsWith(".gz")
                            ? new java.io.BufferedReader(
                                            new java.io.InputStreamReader(
                                                    new java.util.zip.GZIPInputStream(
                                                            Files.newInputStream(
                                                                    TestData.file(file))),
                                                    StandardCharsets.UTF_8))
                                    .lines()
                                    .toList()
                            : Files.readAllLines(TestData.file(file));
            for (String line : lines) {
                int brace = line.indexOf('{');
                if (brace < 0) {
                    continue;
                }
                String frame = line.substring(brace);
                if (sameDecoding(fast, slow, frame) == BinanceDecoder.TICK) {
                    trades++;
                    for (int k = 0; k < 20; k++) {
                        sameDecoding(fast, slow, damaged(frame, rnd));
                        compared++;
                    }
                }
                compared++;
            }
        }
        assertThat(trades).isGreaterThan(14_000);
        assertThat(compared).isGreaterThan(300_000);
        assertThat(fast.templateFrames()).isGreaterThanOrEqualTo(trades);
        assertThat(slow.templateFrames()).isZero();
    }

    private int sameDecoding(BinanceDecoder fast, BinanceDecoder slow, String frame) {
        ByteBuf b = Unpooled.copiedBuffer(frame, StandardCharsets.ISO_8859_1);
        try {
            MutableTick t1 = new MutableTick();
            MutableTick t2 = new MutableTick();
            MutableQuote q1 = new MutableQuote();
            MutableQuote q2 = new MutableQuote();
            int r1 = fast.decode(b, 7, t1, q1);
            int r2 = slow.decode(b, 7, t2, q2);
            assertThat(r1).as(frame).isEqualTo(r2);
            if (r1 == BinanceDecoder.TICK) {
                assertThat(Tick.copyOf(t1)).as(frame).isEqualTo(Tick.copyOf(t2));
            } else if (r1 == BinanceDecoder.QUOTE) {
                assertThat(org.quantstream.core.tick.Quote.copyOf(q1))
                        .as(frame)
                        .isEqualTo(org.quantstream.core.tick.Quote.copyOf(q2));
            }
            return r1;
        } finally {
            b.release();
        }
    }

    private static final String DAMAGE = "0123456789.,:{}\"\\ -eEtfx";

    private static String damaged(String frame, java.util.Random rnd) {
        StringBuilder b = new StringBuilder(frame);
        int at = rnd.nextInt(frame.length());
        switch (rnd.nextInt(6)) {
            case 0 -> b.deleteCharAt(at);
            case 1 -> b.insert(at, frame.charAt(at));
            case 2 -> b.setCharAt(at, DAMAGE.charAt(rnd.nextInt(DAMAGE.length())));
            case 3 -> b.insert(at, ' ');
            case 4 -> b.insert(frame.lastIndexOf('}') - (rnd.nextBoolean() ? 0 : 1), ",\"Z\":1");
            default -> {
                int p = frame.indexOf("\"p\":");
                int q = frame.indexOf(",\"q\":");
                int e = frame.indexOf(',', q + 1);
                if (p > 0 && q > p && e > q) { // "p" and "q" swapped
                    String pf = frame.substring(p, q);
                    String qf = frame.substring(q + 1, e);
                    return frame.substring(0, p) + qf + "," + pf + frame.substring(e);
                }
                b.deleteCharAt(at);
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({TestData.BTC_MIXED, TestData.AGGTRADE_CAPTURE, TestData.ETH_2024_08_08})
    void shouldDecodeEveryRecordedMessageLikeTheFileReader(String file) throws Exception {
        List<Tick> expected = new ArrayList<>();
        TickFiles.forEach(
                List.of(TestData.file(file)),
                ReadOptions.defaults(),
                t -> expected.add(Tick.copyOf(t)));
        List<Tick> got = new ArrayList<>();
        int other = 0;
        List<String> lines;
        if (file.endsWith(".gz")) {
            lines =
                    new java.io.BufferedReader(
                                    new java.io.InputStreamReader(
                                            new java.util.zip.GZIPInputStream(
                                                    Files.newInputStream(TestData.file(file))),
                                            StandardCharsets.UTF_8))
                            .lines()
                            .toList();
        } else {
            lines = Files.readAllLines(TestData.file(file));
        }
        for (String line : lines) {
            int brace = line.indexOf('{');
            if (brace < 0) {
                continue;
            }
            int r = decode(line.substring(brace));
            if (r == BinanceDecoder.TICK) {
                got.add(
                        new Tick(
                                tick.symbol(),
                                tick.eventTimeNanos(),
                                0,
                                tick.tradeId(),
                                tick.price(),
                                tick.quantity(),
                                tick.aggressor()));
            } else {
                assertThat(r).as(line).isEqualTo(BinanceDecoder.OTHER_EVENT);
                other++;
            }
        }
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.size(); i++) {
            Tick e = expected.get(i);
            assertThat(got.get(i))
                    .isEqualTo(
                            new Tick(
                                    e.symbol(),
                                    e.eventTimeNanos(),
                                    0,
                                    e.tradeId(),
                                    e.price(),
                                    e.quantity(),
                                    e.aggressor()));
        }
        assertThat(other)
                .isEqualTo(
                        lines.size()
                                - got.size()
                                - (file.equals(TestData.AGGTRADE_CAPTURE) ? 1 : 0));
    }

    @Test
    void shouldDecodeRawPayloadsAndIgnoreUnknownFieldsAndEnums() {
        assertThat(
                        decode(
                                "{\"e\":\"aggTrade\",\"E\":1,\"a\":42,\"s\":\"BTCUSDT\",\"p\":\"61800.30\",\"q\":\"0.006\",\"f\":1,\"l\":2,"
                                        + "\"T\":1723161256322,\"m\":true,\"nq\":\"9\",\"st\":{\"x\":[1,{\"y\":\"}\"}]},\"X\":\"NEW_KIND\"}"))
                .isEqualTo(BinanceDecoder.TICK);
        assertThat(tick.symbol()).isEqualTo(Symbol.of("BTCUSDT"));
        assertThat(tick.tradeId()).isEqualTo(42);
        assertThat(tick.price()).isEqualTo(61800.30);
        assertThat(tick.quantity()).isEqualTo(0.006);
        assertThat(tick.eventTimeNanos()).isEqualTo(1_723_161_256_322_000_000L);
        assertThat(tick.receiveTimeNanos()).isEqualTo(7);
        assertThat(tick.aggressor()).isEqualTo(Side.SELL);
    }

    @Test
    void shouldParseDecimalsExactlyAsDoubleParseDouble() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            long m = r.nextLong(1, 1L << 52);
            int scale = r.nextInt(0, 12);
            String text =
                    new java.math.BigDecimal(java.math.BigInteger.valueOf(m), scale)
                            .toPlainString();
            assertThat(
                            decode(
                                    "{\"e\":\"trade\",\"T\":5,\"s\":\"XUSDT\",\"t\":1,\"p\":\""
                                            + text
                                            + "\",\"q\":\"1\"}"))
                    .as(text)
                    .isEqualTo(BinanceDecoder.TICK);
            assertThat(tick.price()).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    @Test
    void shouldClassifyControlRepliesOtherEventsAndBadFrames() {
        assertThat(decode("{\"result\":null,\"id\":1}")).isEqualTo(BinanceDecoder.CONTROL);
        assertThat(decode("{\"result\":[\"btcusdt@aggTrade\"],\"id\":3}"))
                .isEqualTo(BinanceDecoder.CONTROL);
        assertThat(decode("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":2}"))
                .isEqualTo(BinanceDecoder.CONTROL);
        assertThat(
                        decode(
                                "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"a\":\"61800.4\"}}"))
                .isEqualTo(BinanceDecoder.OTHER_EVENT);
        assertThat(decode("not json")).isEqualTo(BinanceDecoder.BAD_JSON);
        assertThat(decode("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"p\":"))
                .isEqualTo(BinanceDecoder.BAD_JSON);
        assertThat(decode("{\"e\":\"aggTrade\",\"T\":5,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\"}"))
                .isEqualTo(BinanceDecoder.MISSING_FIELD);
        assertThat(
                        decode(
                                "{\"e\":\"aggTrade\",\"a\":1,\"T\":5,\"s\":\"BTCUSDT\",\"p\":\"abc\",\"q\":\"1\"}"))
                .isEqualTo(BinanceDecoder.BAD_NUMBER);
        assertThat(
                        decode(
                                "{\"e\":\"aggTrade\",\"a\":1,\"T\":5,\"s\":\"BTCUSDT\",\"p\":\"0\",\"q\":\"1\"}"))
                .isEqualTo(BinanceDecoder.BAD_NUMBER);
    }

    /**
     * The feed turns Netty's UTF-8 validation off (it took 41 % of the I/O thread): bytes that are
     * not UTF-8 reach this decoder, which must refuse them in every field it reads, as a counted
     * bad frame (before, Netty closed the whole connection for one such frame).
     */
    @Test
    void shouldRefuseBytesThatAreNotUtf8InEveryFieldItReads() {
        String good =
                "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1723161256323,"
                        + "\"a\":2223334445,\"s\":\"BTCUSDT\",\"p\":\"61800.30\",\"q\":\"0.006\",\"f\":1,"
                        + "\"l\":2,\"T\":1723161256322,\"m\":true}}";
        assertThat(decodeBytes(good.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(BinanceDecoder.TICK);
        // inside the value of the symbol, price, quantity, id, event type and time
        for (String field :
                new String[] {
                    "\"s\":\"BT", "\"p\":\"61", "\"q\":\"0.", "\"a\":22", "\"e\":\"ag", "\"T\":17"
                }) {
            for (byte[] bad : new byte[][] {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80}}) {
                int at = good.indexOf(field) + field.length();
                byte[] head = good.substring(0, at).getBytes(StandardCharsets.US_ASCII);
                byte[] tail = good.substring(at).getBytes(StandardCharsets.US_ASCII);
                byte[] frame = new byte[head.length + bad.length + tail.length];
                System.arraycopy(head, 0, frame, 0, head.length);
                System.arraycopy(bad, 0, frame, head.length, bad.length);
                System.arraycopy(tail, 0, frame, head.length + bad.length, tail.length);
                assertThat(decodeBytes(frame))
                        .as("%s with %s", field, java.util.Arrays.toString(bad))
                        .isNotIn(BinanceDecoder.TICK, BinanceDecoder.QUOTE, BinanceDecoder.CONTROL);
            }
        }
        // in an unknown string field nothing is read, so the trade is kept
        String note = good.replace("\"f\":1,", "\"note\":\"x\",\"f\":1,");
        byte[] f = note.getBytes(StandardCharsets.US_ASCII);
        f[note.indexOf("\"x\"") + 1] = (byte) 0xFF;
        assertThat(decodeBytes(f)).isEqualTo(BinanceDecoder.TICK);
    }

    private int decodeBytes(byte[] bytes) {
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        try {
            return decoder.decode(b, 7, tick);
        } finally {
            b.release();
        }
    }

    /**
     * The word-at-a-time scans read up to eight bytes past a value: a truncated frame decoded right
     * after the full one (whose bytes are still in the buffer) must not borrow them.
     */
    @Test
    void shouldNotReadPastTheFrameWhenAFrameIsCutAnywhere() throws Exception {
        List<String> frames = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.file(TestData.BTC_MIXED))) {
            if (line.contains("@trade") || line.contains("@bookTicker")) {
                frames.add(line.substring(line.indexOf('{')));
            }
            if (frames.size() == 40) {
                break;
            }
        }
        for (String f : frames) {
            int full = decodeWithQuotes(f);
            assertThat(full).isIn(BinanceDecoder.TICK, BinanceDecoder.QUOTE);
            for (int cut = 1; cut < f.length(); cut++) {
                decodeWithQuotes(f); // leave the whole frame in the decoder's buffer
                assertThat(decodeWithQuotes(f.substring(0, cut)))
                        .as(f.substring(0, cut))
                        .isEqualTo(BinanceDecoder.BAD_JSON);
            }
        }
    }

    @Test
    void shouldDecodePrettyPrintedFramesAndEscapedStringsTheSame() {
        String compact =
                "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1723161256323,"
                        + "\"a\":2223334445,\"s\":\"BTCUSDT\",\"p\":\"61800.30\",\"q\":\"0.006\",\"f\":1,"
                        + "\"l\":2,\"T\":1723161256322,\"m\":true}}";
        assertThat(decode(compact)).isEqualTo(BinanceDecoder.TICK);
        Tick expected = Tick.copyOf(tick);
        String pretty = compact.replace(",", " ,\n\t").replace(":", " : ").replace("{", "{\r\n ");
        assertThat(decode(pretty)).as(pretty).isEqualTo(BinanceDecoder.TICK);
        assertThat(Tick.copyOf(tick)).isEqualTo(expected);
        // escaped quotes and backslashes in unknown string fields, on and across 8-byte words
        String escaped =
                compact.replace(
                        "\"f\":1,",
                        "\"note\":\"a\\\"b\\\\\",\"x\":\"\\\"\\\"\\\"\\\"\\\"\\\"\",\"k\\\"ey\":\"}\",\"f\":1,");
        assertThat(decode(escaped)).as(escaped).isEqualTo(BinanceDecoder.TICK);
        assertThat(Tick.copyOf(tick)).isEqualTo(expected);
        // ids and times of every length, parsed eight digits at a time where they can be
        for (long id : new long[] {0, 7, 12345678, 123456789, 99999999999L, 123456789012345678L}) {
            assertThat(decode(compact.replace("2223334445", Long.toString(id))))
                    .isEqualTo(BinanceDecoder.TICK);
            assertThat(tick.tradeId()).isEqualTo(id);
        }
        assertThat(decode(compact.replace("2223334445", "22233x4445")))
                .isEqualTo(BinanceDecoder.BAD_NUMBER);
        assertThat(decode(compact.replace("1723161256322", "17231612:6322")))
                .isEqualTo(BinanceDecoder.BAD_NUMBER);
    }
}
