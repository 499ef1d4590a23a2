package org.quantstream.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.feed.binance.internal.BinanceDecoder;

/**
 * Decoding Binance trade messages (the real recorded BTCUSDT combined-stream frames, 4,096 of them,
 * held as bytes) into a tick: quantstream's byte decoder against Jackson streaming (a JsonParser
 * over the bytes, prices through Double.parseDouble) and Jackson databind (readValue into a small
 * POJO), the usual ways. Scores are per message.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DecodeBenchmark -prof gc}
 *
 * <p>Measured 2026-11-22 (2-core shared VM, OpenJDK 17.0.15, 1 fork, 5 x 1 s), per message:
 * quantstream 223 ± 17 ns (4.5 M messages/s) at 0 B/op; Jackson streaming 495 ± 46 ns and 968 B;
 * Jackson databind 669 ± 141 ns and 1,296 B. quantstream is 3.0 times databind and 2.2 times
 * streaming. A re-run the same day measured databind at 601 ns and quantstream at 219 ns, 2.7
 * times, under the floor of 3: the decoder then scanned one-letter keys without the
 * word-at-a-time string search and kept its position in a field. After those changes (2 forks x 5 x
 * 1 s, {@code -prof gc}): quantstream 174 ± 4 ns (5.8 M messages/s) at 0 B/op; Jackson streaming
 * 503 ± 16 ns and 968 B; Jackson databind 639 ± 119 ns and 1,296 B: 3.7 times databind, 2.9 times
 * streaming.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecodeBenchmark {
    static final int N = 4096;

    private final byte[][] frames = new byte[N][];
    private final ByteBuf[] bufs = new ByteBuf[N];
    private final BinanceDecoder decoder = new BinanceDecoder();
    private final BinanceDecoder fieldByField = new BinanceDecoder(false);
    private final MutableTick tick = new MutableTick();
    private final JsonFactory factory = new JsonFactory();
    private final ObjectMapper mapper =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The wrapper of the combined stream. */
    public static final class Wrapper {
        /** The stream name. */
        public String stream;

        /** The payload. */
        public Trade data;
    }

    /** A trade payload. */
    public static final class Trade {
        /** Event type. */
        public String e;

        /** Event time. */
        public long E;

        /** Trade time. */
        public long T;

        /** Symbol. */
        public String s;

        /** Trade id. */
        public long t;

        /** Price. */
        public String p;

        /** Quantity. */
        public String q;

        /** Buyer is maker. */
        public boolean m;
    }

    /**
     * Loads the frames.
     *
     * @throws IOException if the tape cannot be read
     */
    @Setup
    public void setUp() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        Files.newInputStream(
                                                TestData.file(TestData.BTC_2024_08_08))),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && lines.size() < N) {
                lines.add(line.substring(line.indexOf('{')).getBytes(StandardCharsets.UTF_8));
            }
        }
        for (int i = 0; i < N; i++) {
            frames[i] = lines.get(i);
            bufs[i] = Unpooled.wrappedBuffer(frames[i]);
        }
    }

    /**
     * quantstream's decoder.
     *
     * @return a checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double quantstream() {
        double s = 0;
        for (ByteBuf b : bufs) {
            if (decoder.decode(b, 0, tick) == BinanceDecoder.TICK) {
                s += tick.price();
            }
        }
        return s;
    }

    /**
     * quantstream's decoder without its fast path for Binance's exact layouts: every frame parsed
     * field by field (what {@link #quantstream()} measured before the fast path).
     *
     * @return a checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double quantstreamFieldByField() {
        double s = 0;
        for (ByteBuf b : bufs) {
            if (fieldByField.decode(b, 0, tick) == BinanceDecoder.TICK) {
                s += tick.price();
            }
        }
        return s;
    }

    /**
     * Jackson streaming.
     *
     * @return a checksum
     * @throws IOException never, for the recorded data
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double jacksonStreaming() throws IOException {
        double s = 0;
        for (byte[] f : frames) {
            try (JsonParser p = factory.createParser(f)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if ("data".equals(name)) {
                        String sym = null;
                        long id = 0;
                        long time = 0;
                        double price = 0;
                        double qty = 0;
                        boolean m = false;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            p.nextToken();
                            switch (k) {
                                case "s":
                                    sym = p.getText();
                                    break;
                                case "t":
                                    id = p.getLongValue();
                                    break;
                                case "T":
                                    time = p.getLongValue();
                                    break;
                                case "p":
                                    price = Double.parseDouble(p.getText());
                                    break;
                                case "q":
                                    qty = Double.parseDouble(p.getText());
                                    break;
                                case "m":
                                    m = p.getBooleanValue();
                                    break;
                                default:
                                    p.skipChildren();
                            }
                        }
                        tick.set(
                                Symbol.of(sym),
                                time * 1_000_000L,
                                0,
                                id,
                                price,
                                qty,
                                m ? Side.SELL : Side.BUY);
                        s += tick.price();
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        return s;
    }

    /**
     * Jackson databind into POJOs.
     *
     * @return a checksum
     * @throws IOException never, for the recorded data
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double jacksonDatabind() throws IOException {
        double s = 0;
        for (byte[] f : frames) {
            Wrapper w = mapper.readValue(f, Wrapper.class);
            Trade t = w.data;
            tick.set(
                    Symbol.of(t.s),
                    t.T * 1_000_000L,
                    0,
                    t.t,
                    Double.parseDouble(t.p),
                    Double.parseDouble(t.q),
                    t.m ? Side.SELL : Side.BUY);
            s += tick.price();
        }
        return s;
    }
}
