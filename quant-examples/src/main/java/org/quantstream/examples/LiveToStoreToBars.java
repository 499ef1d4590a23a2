package org.quantstream.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.util.IdleStrategy;
import org.quantstream.feed.binance.BinanceFeed;
import org.quantstream.feed.binance.BinanceFeedConfig;
import org.quantstream.feed.binance.BinanceSimulator;
import org.quantstream.feed.binance.SimulatorConfig;
import org.quantstream.store.chronicle.ChronicleTickStore;

/**
 * Example: feed → store → bars, live. A local {@link BinanceSimulator} replays a recorded Binance
 * tape; the real Netty {@link BinanceFeed} receives it and appends every trade to a {@link
 * ChronicleTickStore} on the feed's thread; this thread tails the store and turns it into 1-second
 * bars as the trades arrive. The store is the bus: a second process could tail it the same way.
 *
 * <pre>
 * java -cp quant-examples/target/quant.jar org.quantstream.examples.LiveToStoreToBars STORE_DIR \
 *     quant-core/src/test/resources/data/binance/trades/BTCUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz
 * </pre>
 *
 * (the class path needs the Chronicle flags of the README; {@code quant.jar}'s manifest carries
 * them only for {@code java -jar}, so add them to the command line).
 */
public final class LiveToStoreToBars {
    private LiveToStoreToBars() {}

    /**
     * Runs the example.
     *
     * @param args the store directory, then one recorded Binance tape of one symbol
     * @throws Exception if the simulator, the feed or the store fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LiveToStoreToBars STORE_DIR TAPE");
            System.exit(2);
        }
        List<Bar> bars =
                run(
                        Path.of(args[0]),
                        Path.of(args[1]),
                        20,
                        bar ->
                                System.out.printf(
                                        "%s %s O %.2f H %.2f L %.2f C %.2f V %.3f%n",
                                        bar.symbol(),
                                        java.time.Instant.ofEpochSecond(0, bar.openTimeNanos()),
                                        bar.open(),
                                        bar.high(),
                                        bar.low(),
                                        bar.close(),
                                        bar.volume()));
        System.out.println(bars.size() + " bars");
    }

    /**
     * Replays a tape through simulator, feed and store, and builds 1-second bars from the store.
     *
     * @param storeDir the store's directory (created if missing)
     * @param tape a recorded Binance tape of one symbol
     * @param speed replay speed, a factor of recorded time
     * @param onBar called with every closed bar, on the calling thread
     * @return every bar, the last one flushed when the tape is stored
     * @throws Exception if the simulator, the feed or the store fails
     */
    public static List<Bar> run(Path storeDir, Path tape, double speed, BarHandler onBar)
            throws Exception {
        Files.createDirectories(storeDir);
        List<Bar> bars = new ArrayList<>();
        try (BinanceSimulator sim =
                        BinanceSimulator.start(
                                SimulatorConfig.builder()
                                        .data(List.of(tape))
                                        .speed(speed)
                                        .build());
                ChronicleTickStore store = ChronicleTickStore.open(storeDir)) {
            Symbol symbol = Symbol.of(sim.symbols().get(0));
            long expected = sim.aggTradeCount(symbol.name());
            BinanceFeedConfig cfg =
                    BinanceFeedConfig.builder()
                            .symbol(symbol)
                            .wsUrl(sim.wsUrl())
                            .restUrl(sim.restUrl())
                            .build();
            TimeBarAggregator agg =
                    TimeBarAggregator.builder(
                                    symbol,
                                    Timeframe.parse("1s"),
                                    bar -> {
                                        bars.add(bar);
                                        onBar.onBarClosed(bar);
                                    })
                            .build();
            try (BinanceFeed feed = new BinanceFeed(FeedConfig.builder().build(), cfg);
                    TickCursor tail = store.cursor()) {
                // the feed's thread appends; it never runs analytics
                feed.start(store.appender()::append);
                MutableTick t = new MutableTick();
                IdleStrategy idle = IdleStrategy.backoff();
                long read = 0;
                long deadline = System.nanoTime() + 600_000_000_000L;
                while (read < expected && System.nanoTime() < deadline) {
                    if (tail.next(t)) { // a live cursor: returns false at the end, true again later
                        agg.onTick(t);
                        read++;
                        idle.reset();
                    } else {
                        idle.idle();
                    }
                }
                if (read < expected) {
                    throw new IllegalStateException(
                            "stored " + read + " of " + expected + " trades within ten minutes");
                }
            }
            agg.flush();
        }
        return bars;
    }
}
