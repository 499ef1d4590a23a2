package org.quantstream.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickReader;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Tick;

/**
 * Reading history files per line, through the public {@link TickReader} (bytes, line split, parse):
 * a data.binance.vision trades CSV of {@value #LINES} real trades (the BTCUSDT tapes repeated, ids
 * and times shifted), plain, gzip and zip, on one thread; the page cache holds the file. The score
 * is per line, so {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes per line.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HistoryReadBenchmark -prof gc}
 *
 * <p>Measured 2026-12-07 (same VM, 1 fork, 5 x 2 s), with Binance's CSV lines read in one pass
 * where they lie: csv 70.2 ± 2.1 ns per line (14.2 M lines/s on one thread), 0.135 B per line; gzip
 * 98.4 ± 4.7 ns, 0.49 B; zip 117.8 ± 15.2 ns.
 *
 * <p>Measured 2026-12-06 (2-core shared VM, OpenJDK 17.0.15, 1 fork, 5 x 2 s): csv 150 to 169 ns
 * per line (6.0 to 6.6 M lines/s on one thread), 0.14 B per line; gzip 148 to 175 ns, 0.5 B; zip
 * 175 to 200 ns, 0.4 B (inflation on a second thread; 298 and 363 ns on one). Before this issue's
 * byte path the same reader allocated about 1.6 KB per line.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HistoryReadBenchmark {
    /** Lines per file. */
    public static final int LINES = 1_000_000;

    private Path dir;
    private Path csv;
    private Path gz;
    private Path zip;

    /**
     * Writes the files from the real tapes.
     *
     * @throws IOException if they cannot be written
     */
    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("history-bench");
        csv = dir.resolve("BTCUSDT-trades-bench.csv");
        writeTradesCsv(csv, LINES);
        gz = dir.resolve("BTCUSDT-trades-bench.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
            Files.copy(csv, out);
        }
        zip = dir.resolve("BTCUSDT-trades-bench.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("BTCUSDT-trades-bench.csv"));
            Files.copy(csv, out);
            out.closeEntry();
        }
    }

    /**
     * Removes the files.
     *
     * @throws IOException if they cannot be removed
     */
    @TearDown
    public void tearDown() throws IOException {
        for (Path p : List.of(csv, gz, zip, dir)) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * The plain CSV.
     *
     * @return the sum of prices
     * @throws IOException if reading fails
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public double csv() throws IOException {
        return read(csv);
    }

    /**
     * The same CSV gzip-compressed, inflated on the reading thread.
     *
     * @return the sum of prices
     * @throws IOException if reading fails
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public double csvGzip() throws IOException {
        return read(gz);
    }

    /**
     * The same CSV in a zip, as data.binance.vision serves it, read in place.
     *
     * @return the sum of prices
     * @throws IOException if reading fails
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public double csvZip() throws IOException {
        return read(zip);
    }

    private static double read(Path file) throws IOException {
        double sum = 0;
        MutableTick t = new MutableTick();
        try (TickReader r = TickReader.open(file, ReadOptions.defaults())) {
            while (r.next(t)) {
                sum += t.price();
            }
        }
        return sum;
    }

    /**
     * Writes a data.binance.vision trades CSV of real BTCUSDT trades repeated to {@code lines}
     * rows, ids and times increasing; quote_qty the exact decimal product.
     *
     * @param file where
     * @param lines how many data rows
     * @throws IOException if it cannot be written
     */
    public static void writeTradesCsv(Path file, int lines) throws IOException {
        List<Tick> base = new ArrayList<>();
        for (String tape : List.of(TestData.BTC_2024_08_08, TestData.BTC_2024_07_18)) {
            MutableTick t = new MutableTick();
            try (TickReader r = TickReader.open(TestData.file(tape), ReadOptions.defaults())) {
                while (r.next(t)) {
                    base.add(Tick.copyOf(t));
                }
            }
        }
        List<String> rows = new ArrayList<>(base.size());
        for (Tick t : base) {
            String p = BigDecimal.valueOf(t.price()).toPlainString();
            String q = BigDecimal.valueOf(t.quantity()).toPlainString();
            rows.add(
                    ","
                            + p
                            + ","
                            + q
                            + ","
                            + new BigDecimal(p).multiply(new BigDecimal(q)).toPlainString()
                            + ",");
        }
        long id = 5_266_583_935L;
        long time = 1_723_161_256_322L;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("id,price,qty,quote_qty,time,is_buyer_maker\n");
            for (int i = 0; i < lines; i++) {
                int k = i % base.size();
                w.write(Long.toString(id + i));
                w.write(rows.get(k));
                w.write(Long.toString(time + i / 3 * 7));
                w.write(base.get(k).aggressor() == Side.SELL ? ",true\n" : ",false\n");
            }
        }
    }
}
