package org.quantstream.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
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
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickReader;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;

/**
 * Reading a whole tick file with {@link TickReader}: gunzip, line split, format parse, on the
 * recorded WebSocket tape (JSON lines); {@link HistoryReadBenchmark} measures the CSV history
 * files.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TickReaderBenchmark -prof gc}
 *
 * <p>Measured 2026-11-22 (2-core shared VM, OpenJDK 17.0.15, 1 fork, 5 x 2 s): 21.8 ± 1.8 ms per
 * file of 21,313 trades, 34.2 MB allocated per file (1.6 KB per line: the line String, a Jackson
 * parser per line, the decimal texts). 2026-12-06, same machine, lines parsed from bytes and gzip
 * inflated on a second thread: 12.4 ± 2.0 ms per file, 473 KB per file (22 B per line, nearly all
 * of it the per-file buffers).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TickReaderBenchmark {
    private Path path;

    /** Locates the recorded BTCUSDT tape of 2024-08-08 (21,313 trades, gzip). */
    @Setup
    public void setUp() {
        path = TestData.file(TestData.BTC_2024_08_08);
    }

    /**
     * Reads every tick of the file.
     *
     * @return the sum of prices (so nothing is optimised away)
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    public double readWholeFile() throws IOException {
        double sum = 0;
        MutableTick t = new MutableTick();
        try (TickReader r = TickReader.open(path, ReadOptions.defaults())) {
            while (r.next(t)) {
                sum += t.price();
            }
        }
        return sum;
    }
}
