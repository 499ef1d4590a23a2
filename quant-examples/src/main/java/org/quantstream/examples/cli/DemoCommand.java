package org.quantstream.examples.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.MultiTimeframeAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.regression.SpreadZScore;
import org.quantstream.core.stationarity.Adf;
import org.quantstream.core.stationarity.AdfResult;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.stats.RollingCorrelation;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.feed.binance.BinanceFeed;
import org.quantstream.feed.binance.BinanceFeedConfig;
import org.quantstream.feed.binance.BinanceSimulator;
import org.quantstream.feed.binance.SimulatorConfig;
import org.quantstream.store.chronicle.ChronicleTickStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quant demo}: the whole path on one machine. The bundled real BTCUSDT and ETHUSDT trades
 * replayed by the local Binance simulator, received by the real Netty feed, appended to a Chronicle
 * store in a temporary directory, read back by a pipeline thread that builds 1-second bars and pair
 * analytics, printed as bars close, then a summary.
 */
@Command(
        name = "demo",
        description =
                "Simulator -> Netty feed -> Chronicle store -> bars and pair analytics, on the bundled"
                        + " real Binance trades (2024-08-08, 23:54-24:00 UTC).")
final class DemoCommand implements Callable<Integer> {
    private static final String[] TAPES = {
        "/data/binance/trades/BTCUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz",
        "/data/binance/trades/ETHUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz"
    };

    @ParentCommand private QuantCli parent;

    @Option(
            names = "--speed",
            defaultValue = "20",
            description =
                    "Replay speed (default: ${DEFAULT-VALUE}x: the six minutes in about 20 s).")
    private double speed;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            paramLabel = "DUR",
            description = "Stop after this long (default: at the end of the data).")
    private Duration duration;

    @Option(names = "--quiet", description = "Print only the summary, not every bar.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("quant-demo");
        try {
            return run(dir);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private int run(Path dir) throws Exception {
        List<Path> data = new ArrayList<>();
        for (String t : TAPES) {
            Path p = dir.resolve(t.substring(t.lastIndexOf('/') + 1));
            try (InputStream in = DemoCommand.class.getResourceAsStream(t)) {
                if (in == null) {
                    throw new UserException("the bundled data " + t + " is missing from the jar");
                }
                Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            }
            data.add(p);
        }
        Symbol btc = Symbol.of("BTCUSDT");
        Symbol eth = Symbol.of("ETHUSDT");
        Pipeline pipeline = new Pipeline(btc, eth);
        long start = System.nanoTime();
        FeedStats feedStats;
        long stored;
        try (BinanceSimulator sim =
                        BinanceSimulator.start(
                                SimulatorConfig.builder().data(data).speed(speed).build());
                ChronicleTickStore store = ChronicleTickStore.open(dir.resolve("store"))) {
            long expected = sim.aggTradeCount("BTCUSDT") + sim.aggTradeCount("ETHUSDT");
            parent.err()
                    .printf(
                            "simulator %s, %d aggregate trades at %.0fx; store %s%n",
                            sim.wsUrl(), expected, speed, dir.resolve("store"));
            BinanceFeedConfig cfg =
                    BinanceFeedConfig.builder()
                            .symbol(btc)
                            .symbol(eth)
                            .wsUrl(sim.wsUrl())
                            .restUrl(sim.restUrl())
                            .build();
            Thread reader = new Thread(() -> pipeline.run(store), "quant-demo-pipeline");
            try (BinanceFeed feed = new BinanceFeed(FeedConfig.builder().build(), cfg)) {
                feed.start(
                        store.appender()::append); // the feed's thread writes; the store is the bus
                reader.start();
                long lastReport = System.nanoTime();
                while (feed.stats().ticks() < expected) {
                    Thread.sleep(50);
                    if (duration != null && System.nanoTime() - start >= duration.toNanos()) {
                        break;
                    }
                    if (sim.finished()
                            && System.nanoTime() - lastReport > 5_000_000_000L
                            && feed.stats().ticks() < expected) {
                        lastReport =
                                System.nanoTime(); // the data is out; what is missing arrives by
                        // backfill
                    }
                }
                feedStats = feed.stats();
            }
            pipeline.stopAfter(store.count());
            reader.join(30_000);
            stored = store.count();
        }
        pipeline.summary(feedStats, stored, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** The pipeline thread: tails the store, builds bars and pair analytics. */
    private final class Pipeline implements BarHandler {
        private final Symbol a;
        private final Symbol b;
        private final MultiTimeframeAggregator barsA;
        private final MultiTimeframeAggregator barsB;
        private final RollingZScore zA = new RollingZScore(60);
        private final RollingZScore zB = new RollingZScore(60);
        private final RollingCorrelation corr = new RollingCorrelation(60);
        private final SpreadZScore spread = new SpreadZScore(new RollingOls(120), 60);
        private final List<Double> spreads = new ArrayList<>();
        private volatile long stopAt = Long.MAX_VALUE;
        private long read;
        private long bars;
        private Bar lastA;
        private Bar lastB;
        private double prevA = Double.NaN;
        private double prevB = Double.NaN;

        Pipeline(Symbol a, Symbol b) {
            this.a = a;
            this.b = b;
            List<Timeframe> tfs = List.of(Timeframe.parse("1s"), Timeframe.parse("1m"));
            barsA = MultiTimeframeAggregator.of(a, tfs, this, GapPolicy.SKIP);
            barsB = MultiTimeframeAggregator.of(b, tfs, this, GapPolicy.SKIP);
        }

        void stopAfter(long records) {
            stopAt = records;
        }

        void run(ChronicleTickStore store) {
            MutableTick t = new MutableTick();
            try (TickCursor c = store.cursor()) {
                while (read < stopAt) {
                    if (c.next(t)) {
                        read++;
                        (t.symbol() == a ? barsA : barsB).onTick(t);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
            barsA.flush();
            barsB.flush();
        }

        @Override
        public void onBarClosed(Bar bar) {
            bars++;
            boolean second = bar.timeframe().nanos() == 1_000_000_000L;
            if (!second) {
                if (!quiet) {
                    parent.out()
                            .printf(
                                    "%-8s 1m %s  O %.2f H %.2f L %.2f C %.2f  vol %.3f  trades %d  vwap %.2f%n",
                                    bar.symbol(),
                                    time(bar),
                                    bar.open(),
                                    bar.high(),
                                    bar.low(),
                                    bar.close(),
                                    bar.volume(),
                                    bar.tradeCount(),
                                    bar.vwap());
                }
                return;
            }
            boolean isA = bar.symbol() == a;
            (isA ? zA : zB).update(bar.close());
            if (isA) {
                lastA = bar;
            } else {
                lastB = bar;
            }
            if (lastA != null && lastB != null && lastA.openTimeNanos() == lastB.openTimeNanos()) {
                double la = Math.log(lastA.close());
                double lb = Math.log(lastB.close());
                if (!Double.isNaN(prevA)) {
                    corr.update(la - prevA, lb - prevB);
                }
                prevA = la;
                prevB = lb;
                spread.update(la, lb);
                if (spread.hedge().isReady()) {
                    spreads.add(spread.spread());
                }
            }
            if (!quiet) {
                parent.out()
                        .printf(
                                "%-8s 1s %s  %.2f %.2f %.2f %.2f  vol %8.3f n %4d  z60 %6.2f  corr60 %5.2f  spread z %6.2f%n",
                                bar.symbol(),
                                time(bar),
                                bar.open(),
                                bar.high(),
                                bar.low(),
                                bar.close(),
                                bar.volume(),
                                bar.tradeCount(),
                                (isA ? zA : zB).value(),
                                corr.value(),
                                spread.value());
            }
        }

        private String time(Bar bar) {
            return Instant.ofEpochSecond(0, bar.openTimeNanos()).toString().substring(11, 19);
        }

        void summary(FeedStats s, long stored, double seconds) {
            parent.out().printf("%n--- summary (%.1f s) ---%n", seconds);
            parent.out()
                    .printf(
                            "feed:   %d trades, %d reconnects, %d gaps, %d backfilled, %d duplicates dropped, %d malformed%s%n",
                            s.ticks(),
                            s.reconnects(),
                            s.gaps(),
                            s.backfilled(),
                            s.duplicates(),
                            s.malformed(),
                            speed == 1
                                    ? ", lag " + s.extra().get("lagMsLast") + " ms"
                                    : " (lag is not meaningful at " + speed + "x)");
            parent.out()
                    .printf(
                            "store:  %d records; pipeline read %d; %d bars closed%n",
                            stored, read, bars);
            parent.out()
                    .printf(
                            "pair:   corr(1s log returns, 60) %.3f; hedge ratio log ETH on log BTC (rolling OLS 120 s) %.4f; spread z %.2f%n",
                            corr.value(), spread.hedge().beta(), spread.value());
            if (spreads.size() > 50) {
                double[] x = spreads.stream().mapToDouble(Double::doubleValue).toArray();
                AdfResult adf = Adf.test(x, Trend.C, Autolag.AIC, -1);
                parent.out()
                        .printf(
                                "ADF on the spread (%d points): statistic %.3f, p-value %.4f, lag %d%n",
                                x.length, adf.statistic(), adf.pValue(), adf.usedLag());
            }
        }
    }
}
