package org.quantstream.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;

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

    private int decode(String text) {
        ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return decoder.decode(b, 7, tick);
        } finally {
            b.release();
        }
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
}
