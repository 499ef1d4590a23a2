package org.quantstream.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.MultiTimeframeAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.tick.Symbol;

/**
 * Example: a recorded tape into bars. Reads tick files (any format {@code quant ticks} reads) and
 * builds 1-second and 1-minute OHLCV bars per symbol in one pass, then prints the 1-minute bars.
 *
 * <pre>
 * java -cp quant-examples/target/quant.jar org.quantstream.examples.TapeToBars \
 *     quant-core/src/test/resources/data/binance/trades/BTCUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz
 * </pre>
 *
 * <p>Single-threaded; allocates one {@link Bar} record per closed bar.
 */
public final class TapeToBars {
    private TapeToBars() {}

    /**
     * Runs the example.
     *
     * @param args tick files
     * @throws IOException if a file cannot be read or has a malformed line
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: TapeToBars FILE...");
            System.exit(2);
        }
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            files.add(Path.of(a));
        }
        for (Bar b : bars(files, List.of(Timeframe.parse("1s"), Timeframe.parse("1m")))) {
            if (b.timeframe().equals(Timeframe.parse("1m"))) {
                System.out.printf(
                        "%s %s O %.2f H %.2f L %.2f C %.2f V %.3f trades %d%n",
                        b.symbol(),
                        java.time.Instant.ofEpochSecond(0, b.openTimeNanos()),
                        b.open(),
                        b.high(),
                        b.low(),
                        b.close(),
                        b.volume(),
                        b.tradeCount());
            }
        }
    }

    /**
     * The bars of some tick files at some timeframes, every symbol, in the order they closed.
     *
     * @param files tick files, read in order
     * @param timeframes the timeframes
     * @return the closed bars, the last open bar of each symbol and timeframe flushed at the end
     * @throws IOException if a file cannot be read or has a malformed line
     */
    public static List<Bar> bars(List<Path> files, List<Timeframe> timeframes) throws IOException {
        List<Bar> bars = new ArrayList<>();
        Map<Symbol, MultiTimeframeAggregator> bySymbol = new HashMap<>();
        TickFiles.forEach(
                files,
                ReadOptions.defaults(),
                tick ->
                        bySymbol.computeIfAbsent(
                                        tick.symbol(),
                                        s ->
                                                MultiTimeframeAggregator.of(
                                                        s, timeframes, bars::add, GapPolicy.SKIP))
                                .onTick(tick));
        bySymbol.values().forEach(MultiTimeframeAggregator::flush);
        return bars;
    }
}
