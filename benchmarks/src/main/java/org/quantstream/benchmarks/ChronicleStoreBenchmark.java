package org.quantstream.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.store.chronicle.ChronicleTickStore;

/**
 * The Chronicle tick store: append (dedupe check, 48-byte checked record through writingDocument),
 * sequential read, and opening a cursor at a time (binary search) in a store of 2,000,000 ticks, in
 * a temporary directory. Latency percentiles of single appends come from {@link StoreLatency}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ChronicleStoreBenchmark -prof gc}
 *
 * <p>Measured 2026-11-22 (2-core shared VM, OpenJDK 17.0.15, 1 fork, 5 x 2 s): append 278 ± 59 ns
 * (3.6 M/s), read 33.6 ± 1.4 ns (30 M/s), both 0 B/op; seek by time 66 µs (binary search over 2 M
 * records, 10 KB allocated per cursor opened). {@link StoreLatency}, 10 M timed appends: 3.17 M/s,
 * p50 163 ns, p90 169 ns, p99 267 ns, p99.9 431 ns, p99.99 22 µs (page faults as the mapped file
 * grows).
 *
 * <p>Measured 2026-12-06 (same VM, slower that day), the record check added to the layout against
 * the unchecked 43-byte layout of d98b228, in one session: append 391 ± 52 ns against 393 ± 95 ns,
 * read 68.2 ± 9.3 ns (10 iterations) against 55.5 ± 4.5 ns; both 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true"
        })
@State(Scope.Thread)
public class ChronicleStoreBenchmark {
    static final int BATCH = 100_000;
    static final int STORED = 2_000_000;
    static final long T0 = 1_723_161_256_322_000_000L;

    private Path dir;
    private ChronicleTickStore store;
    private TickAppender appender;
    private ChronicleTickStore readStore;
    private final MutableTick tick = new MutableTick();
    private final MutableTick into = new MutableTick();
    private final Symbol btc = Symbol.of("BTCUSDT");
    private long nextId;
    private long seekStep;

    /**
     * Creates a store to append to and a filled one to read.
     *
     * @throws IOException if the directory cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("quant-store-bench");
        store = ChronicleTickStore.open(dir.resolve("append"));
        appender = store.appender();
        readStore = ChronicleTickStore.open(dir.resolve("read"));
        TickAppender a = readStore.appender();
        for (int i = 0; i < STORED; i++) {
            a.append(tick.set(btc, T0 + i * 1_000_000L, T0, i, 61800.3 + (i & 7), 0.006, Side.BUY));
        }
    }

    /**
     * Closes and deletes the stores.
     *
     * @throws IOException if deleting fails
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        readStore.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Appends of new trade ids.
     *
     * @return appended count
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int append() {
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            long id = nextId++;
            if (appender.append(
                    tick.set(btc, T0 + id, T0 + id + 5, id, 61800.3, 0.006, Side.SELL))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Sequential reads of the filled store.
     *
     * @return a checksum
     */
    @Benchmark
    @OperationsPerInvocation(STORED)
    public double readAll() {
        double s = 0;
        try (TickCursor c = readStore.cursor()) {
            while (c.next(into)) {
                s += into.price();
            }
        }
        return s;
    }

    /**
     * Opening a cursor at an event time and reading the first record there.
     *
     * @return the trade id found
     */
    @Benchmark
    public long seekByTime() {
        seekStep = (seekStep + 7_919) % STORED;
        try (TickCursor c = readStore.cursor(T0 + seekStep * 1_000_000L, Long.MAX_VALUE)) {
            return c.next(into) ? into.tradeId() : -1;
        }
    }
}
