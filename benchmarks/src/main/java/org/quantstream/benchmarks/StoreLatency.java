package org.quantstream.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.store.chronicle.ChronicleTickStore;

/**
 * Latency of single appends to the Chronicle tick store, each timed with {@code System.nanoTime()}
 * and recorded in an HdrHistogram (the timer's own cost, about 20 ns, is included). 2 M warm-up
 * appends, then N measured (default 10 M).
 *
 * <p>Run: {@code java --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
 * --add-opens=java.base/java.lang.reflect=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar
 * org.quantstream.benchmarks.StoreLatency [N]}
 */
public final class StoreLatency {
    private StoreLatency() {}

    /**
     * Runs the measurement and prints the percentiles.
     *
     * @param args optional count of measured appends
     * @throws Exception on I/O failure
     */
    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        Path dir = Files.createTempDirectory("quant-store-latency");
        Histogram h = new Histogram(10_000_000_000L, 3);
        MutableTick t = new MutableTick();
        Symbol s = Symbol.of("BTCUSDT");
        long start;
        long end;
        try (ChronicleTickStore store = ChronicleTickStore.open(dir)) {
            TickAppender a = store.appender();
            long id = 0;
            for (int i = 0; i < 2_000_000; i++, id++) {
                a.append(t.set(s, id, id, id, 61800.3, 0.006, Side.BUY));
            }
            start = System.nanoTime();
            for (long i = 0; i < n; i++, id++) {
                long t0 = System.nanoTime();
                a.append(t.set(s, id, id, id, 61800.3, 0.006, Side.BUY));
                h.recordValue(System.nanoTime() - t0);
            }
            end = System.nanoTime();
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf(
                "appends %d in %.2f s = %.2f M/s (timed)%n",
                n, (end - start) / 1e9, n / ((end - start) / 1e3));
        System.out.printf(
                "latency ns: p50 %d  p90 %d  p99 %d  p99.9 %d  p99.99 %d  max %d%n",
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getValueAtPercentile(99.99),
                h.getMaxValue());
    }
}
