package org.quantstream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.alert.AlertSinks;
import org.quantstream.core.backtest.BacktestResult;
import org.quantstream.core.backtest.Backtester;
import org.quantstream.core.backtest.FeeModel;
import org.quantstream.core.backtest.MeanReversionStrategy;
import org.quantstream.core.backtest.SlippageModel;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.MultiTimeframeAggregator;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeeds;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.pair.MissingLeg;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pipeline.OperatorInput;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.regression.KalmanHedgeRatio;
import org.quantstream.core.regression.SpreadZScore;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.RollingAdf;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.stats.RollingMean;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.store.InMemoryTickStore;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MarketDataHandler;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickSummary;
import org.quantstream.core.time.EpochNanoClock;
import org.quantstream.core.time.EpochTimes;
import org.quantstream.feed.binance.BinanceFeed;
import org.quantstream.feed.binance.BinanceFeedConfig;
import org.quantstream.feed.binance.BinanceSimulator;
import org.quantstream.feed.binance.SimulatorConfig;
import org.quantstream.store.chronicle.ChronicleTickStore;

/**
 * Every Java block of every README, run. Each block stands below between {@code // README <file>
 * <n>} and {@code // END} (the n-th Java block of that file), with what it needs defined before it
 * and what it did checked after it; {@link #shouldRunEveryJavaBlockOfEveryReadme} fails when a
 * README block and the code here differ (white space aside) or a block has no test.
 */
class ReadmeExamplesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern REGION =
            Pattern.compile("// README (\\S+) (\\d+)\\n(.*?)// END", Pattern.DOTALL);

    @TempDir Path dir;
    private final Path tape = TestData.file(TestData.BTC_2024_08_08);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureStdout() {
        stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(stdout);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRunEveryJavaBlockOfEveryReadme() throws IOException {
        assertThat(ROOT.resolve("README.md")).exists();
        Map<String, String> readme = new TreeMap<>();
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var dirs = Files.list(ROOT)) {
            dirs.map(d -> d.resolve("README.md"))
                    .filter(Files::exists)
                    .sorted()
                    .forEach(files::add);
        }
        for (Path f : files) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(f));
            int n = 0;
            while (m.find()) {
                readme.put(ROOT.relativize(f) + " " + ++n, m.group(1));
            }
        }
        Map<String, String> tested = new TreeMap<>();
        Matcher m =
                REGION.matcher(
                        Files.readString(
                                Path.of(
                                        "src/test/java/org/quantstream/examples/ReadmeExamplesTest.java")));
        while (m.find()) {
            tested.put(m.group(1) + " " + m.group(2), m.group(3));
        }
        assertThat(readme).hasSizeGreaterThanOrEqualTo(9);
        assertThat(tested.keySet()).as("README blocks run here").isEqualTo(readme.keySet());
        for (String key : readme.keySet()) {
            assertThat(code(tested.get(key))).as(key).isEqualTo(code(readme.get(key)));
        }
    }

    /**
     * The code without white space and comment markers: the formatter lays this file out (and wraps
     * long line comments), the README is laid out by hand.
     */
    private static String code(String text) {
        return text.replaceAll("\\s+", "").replace("//", "");
    }

    @Test
    void rootReadme() throws Exception {
        // README README.md 1
        TickSummary summary = new TickSummary();
        TickFiles.forEach(List.of(tape), ReadOptions.defaults(), summary);
        for (TickSummary.SymbolSummary s : summary.summaries()) {
            System.out.printf("%s %d trades, VWAP %.2f%n", s.symbol(), s.count(), s.vwap());
        }

        // The same file as a live-style feed on its own thread ("speed": "max", or a factor of
        // recorded speed):
        try (DataFeed feed =
                DataFeeds.open(
                        "file",
                        FeedConfig.builder()
                                .option("input", tape.toString())
                                .option("speed", "max")
                                .build())) {
            LongAdder trades = new LongAdder();
            feed.start(tick -> trades.increment());
            feed.awaitTermination(Duration.ofMinutes(5));
            System.out.println(trades.sum() + " trades delivered");
        }
        // END
        long n = summary.summaries().get(0).count();
        assertThat(n).isGreaterThan(8_000);
        assertThat(printed())
                .startsWith("BTCUSDT " + n + " trades, VWAP 61")
                .contains(n + " trades delivered");
    }

    @Test
    void rootReadmePipeline() throws Exception {
        List<Path> tapes =
                List.of(
                        TestData.file(TestData.BTC_2024_08_08),
                        TestData.file(TestData.ETH_2024_08_08));
        // README README.md 2
        Symbol btc = Symbol.of("BTCUSDT"), eth = Symbol.of("ETHUSDT");
        try (Pipeline pipeline =
                Pipeline.builder()
                        .source(TickSource.files(tapes, ReadOptions.defaults()))
                        .symbols(btc, eth)
                        .timeframes(Timeframe.parse("1s"), Timeframe.parse("1m"))
                        .operator("z60", () -> new RollingZScore(60), OperatorInput.CLOSE)
                        .pair(
                                btc,
                                eth,
                                pair -> pair.zWindow(60).hedge(new KalmanHedgeRatio(1e-4, 1e-3)))
                        .rules(
                                List.of(
                                        AlertRule.builder("z-out")
                                                .pair("BTCUSDT", "ETHUSDT", "zScore")
                                                .outside(-2, 2)
                                                .hysteresis(0.5)
                                                .build()))
                        .onAlert(alert -> System.out.println(AlertSinks.describe(alert)))
                        .build()) {
            pipeline.start();
            pipeline.awaitTermination(Duration.ofMinutes(1));
            System.out.println(pipeline.stats());
        }
        // END
        assertThat(printed())
                .contains("alert z-out: zScore of BTCUSDT/ETHUSDT OUTSIDE [-2.0, 2.0]: ")
                .contains("PipelineStats[ticks=35389, ignored=0, bars=");
    }

    @Test
    void coreReadmeFilesAndStore() throws Exception {
        // README quant-core/README.md 1
        TickSummary summary = new TickSummary();
        TickFiles.Counts counts = TickFiles.forEach(List.of(tape), ReadOptions.defaults(), summary);
        summary.summaries()
                .forEach(
                        s ->
                                System.out.println(
                                        s.symbol() + " " + s.count() + " VWAP " + s.vwap()));

        TickStore store = new InMemoryTickStore();
        TickFiles.forEach(List.of(tape), ReadOptions.defaults(), store.appender()::append);
        long from = EpochTimes.parse("2024-08-08T23:55:00Z", "from");
        try (TickCursor cursor = store.cursor(from, Long.MAX_VALUE)) {
            MutableTick t = new MutableTick();
            while (cursor.next(t)) {
                /* t is reused */
            }
        }
        // END
        assertThat(counts.ticks()).isEqualTo(summary.summaries().get(0).count());
        assertThat(store.count()).isEqualTo(counts.ticks());
        assertThat(printed()).startsWith("BTCUSDT " + counts.ticks() + " VWAP 61");
    }

    @Test
    void coreReadmeBars() throws Exception {
        // README quant-core/README.md 2
        BarHandler print =
                bar ->
                        System.out.println(
                                bar.spec() + " " + bar.openTimeNanos() + " " + bar.close());
        MultiTimeframeAggregator bars =
                MultiTimeframeAggregator.of(
                        Symbol.of("BTCUSDT"),
                        List.of(
                                Timeframe.parse("1s"),
                                Timeframe.parse("1m"),
                                Timeframe.parse("5m")),
                        print,
                        GapPolicy.SKIP);
        TickFiles.forEach(
                List.of(tape),
                ReadOptions.defaults(),
                bars); // or feed.start(bars) on the pipeline thread
        EpochNanoClock clock = EpochNanoClock.system();
        bars.onTime(clock.epochNanos()); // the watermark closes idle bars
        // END
        List<String> lines = printed().lines().toList();
        // the tape's 1-second, 1-minute and 5-minute bars, the last ones closed by the watermark
        assertThat(lines).anyMatch(l -> l.contains("1s")).anyMatch(l -> l.contains("5m"));
        assertThat(lines.stream().filter(l -> l.contains("1m")).count()).isEqualTo(6);
    }

    @Test
    void coreReadmeSpreadAndPair() throws Exception {
        List<Bar> closed = new ArrayList<>();
        for (String file : List.of(TestData.BTC_2024_08_08, TestData.ETH_2024_08_08)) {
            closed.addAll(
                    TapeToBars.bars(List.of(TestData.file(file)), List.of(Timeframe.parse("1s"))));
        }
        closed.sort((x, y) -> Long.compare(x.openTimeNanos(), y.openTimeNanos()));
        Map<Long, double[]> bySecond = new TreeMap<>();
        for (Bar b : closed) {
            bySecond.computeIfAbsent(b.openTimeNanos(), k -> new double[] {Double.NaN, Double.NaN})[
                            b.symbol() == Symbol.of("BTCUSDT") ? 0 : 1] =
                    b.close();
        }
        double[] btc =
                bySecond.values().stream()
                        .filter(v -> !Double.isNaN(v[0] + v[1]))
                        .mapToDouble(v -> v[0])
                        .toArray();
        double[] eth =
                bySecond.values().stream()
                        .filter(v -> !Double.isNaN(v[0] + v[1]))
                        .mapToDouble(v -> v[1])
                        .toArray();

        // README quant-core/README.md 3
        SpreadZScore z = new SpreadZScore(new KalmanHedgeRatio(1e-4, 1e-3), 20);
        RollingAdf adf = new RollingAdf(500, Trend.C, Autolag.AIC, -1);
        for (int i = 0; i < btc.length; i++) {
            z.update(btc[i], eth[i]); // O(1), no allocation
            adf.update(z.spread()); // equal to statsmodels adfuller on the last 500 spreads
            if (z.isReady() && Math.abs(z.value()) > 2) {
                /* enter */
            }
        }
        // END
        assertThat(btc.length).isGreaterThan(300);
        assertThat(z.isReady()).isTrue();
        assertThat(Double.isFinite(z.value())).isTrue();

        // README quant-core/README.md 4
        PairAnalytics pair =
                PairAnalytics.builder(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"))
                        .timeframe(Timeframe.parse("1s"))
                        .hedge(
                                new KalmanHedgeRatio(
                                        1e-4, 1e-3)) // default: rolling OLS over 120 bars
                        .missingLeg(
                                MissingLeg.FORWARD_FILL,
                                2) // default: skip seconds with one leg only
                        .handler(
                                s ->
                                        System.out.println(
                                                s.zScore()
                                                        + " "
                                                        + s.adfPValue()
                                                        + " "
                                                        + s.halfLife()))
                        .build();
        for (Bar bar : closed) {
            pair.onBarClosed(bar); // other symbols and timeframes are ignored
        }
        // END
        assertThat(printed().lines().count()).isGreaterThanOrEqualTo(btc.length);

        Path btcTape = TestData.file(TestData.BTC_2024_08_08);
        Path ethTape = TestData.file(TestData.ETH_2024_08_08);
        // README quant-core/README.md 5
        Backtester bt =
                Backtester.builder()
                        .strategy(
                                MeanReversionStrategy.defaults()
                                        .withStop(3)) // entry 2, exit 0, leg B notional 10,000
                        .fees(FeeModel.bps(4))
                        .slippage(SlippageModel.bps(1)) // fills at the next aligned time's closes
                        .build();
        Pipeline p =
                Pipeline.builder()
                        .source(TickSource.files(List.of(btcTape, ethTape), ReadOptions.defaults()))
                        .symbols(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"))
                        .timeframes(Timeframe.parse("1s"))
                        .pair(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"), pb -> pb.logPrices(true))
                        .onPair(bt)
                        .build();
        p.run();
        BacktestResult r = bt.finish();
        System.out.println(
                r.trades().size()
                        + " trades, net "
                        + r.metrics().totalNetPnl()
                        + ", Sharpe "
                        + r.metrics().sharpe());
        // END
        assertThat(r.trades()).isNotEmpty();
        assertThat(r.metrics().alignedTimes()).isEqualTo(343);
        assertThat(printed()).contains(r.trades().size() + " trades, net ");
    }

    @Test
    void storeReadme() throws Exception {
        Path dir = this.dir.resolve("ticks");
        // README quant-store-chronicle/README.md 1
        try (ChronicleTickStore store = ChronicleTickStore.open(dir)) {
            TickFiles.forEach(
                    List.of(tape),
                    ReadOptions.defaults(),
                    store.appender()::append); // duplicates skipped
            try (TickCursor c =
                    store.cursor(
                            EpochTimes.parse("2024-08-08T23:55:00Z", "from"), Long.MAX_VALUE)) {
                MutableTick t = new MutableTick();
                while (c.next(t)) {
                    /* t is reused */
                }
            }
            ChronicleTickStore.NamedCursor strategy = store.namedCursor("strategy-1");
            MutableTick t = new MutableTick();
            while (strategy.next(t)) {
                /* process t */
            }
            strategy.ack(); // a restart resumes after this point
        }
        try (DataFeed replay =
                DataFeeds.open(
                        "replay",
                        FeedConfig.builder()
                                .option("store", dir.toString())
                                .option("speed", "max")
                                .build())) {
            replay.start(
                    tick -> {
                        /* the stored ticks again, on the feed's thread */
                    });
            replay.awaitTermination(Duration.ofMinutes(1));
        }
        // END
        long n = TickFiles.forEach(List.of(tape), ReadOptions.defaults(), t -> {}).ticks();
        try (ChronicleTickStore store = ChronicleTickStore.open(dir)) {
            assertThat(store.count()).isEqualTo(n);
            MutableTick t = new MutableTick();
            assertThat(store.namedCursor("strategy-1").next(t))
                    .as("acknowledged to the end: nothing left for strategy-1")
                    .isFalse();
        }
    }

    @Test
    void feedReadme() throws Exception {
        try (BinanceSimulator sim =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .data(List.of(tape, TestData.file(TestData.ETH_2024_08_08)))
                                .speed(50)
                                .build())) {
            String wsUrl = sim.wsUrl();
            String restUrl = sim.restUrl();
            // README quant-feed-binance/README.md 1
            BinanceFeedConfig cfg =
                    BinanceFeedConfig.builder()
                            .symbol(Symbol.of("BTCUSDT"))
                            .symbol(Symbol.of("ETHUSDT"))
                            .wsUrl(wsUrl)
                            .restUrl(restUrl) // defaults: wss://fstream.binance.com, aggTrade
                            .build();
            TickStore store = new InMemoryTickStore();
            try (BinanceFeed feed = new BinanceFeed(FeedConfig.builder().build(), cfg)) {
                feed.start(
                        store.appender()
                                ::append); // runs on the feed's thread, never the I/O thread
                while (feed.stats().ticks() < 1_000) {
                    Thread.sleep(10);
                }
            }
            // or by name: DataFeeds.open("binance-usdm", FeedConfig.builder().option("symbols",
            // "btcusdt,ethusdt").build())
            // END
            assertThat(store.count()).isGreaterThanOrEqualTo(1_000);
        }
    }

    @Test
    void feedReadmeQuotes() throws Exception {
        try (BinanceSimulator sim =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .data(List.of(TestData.file(TestData.BTC_MIXED)))
                                .awaitSubscribers(2)
                                .speed(1)
                                .build())) {
            String wsUrl = sim.wsUrl();
            String restUrl = sim.restUrl();
            // README quant-feed-binance/README.md 2
            BinanceFeedConfig both =
                    BinanceFeedConfig.builder()
                            .symbol(Symbol.of("BTCUSDT"))
                            .quotes(true)
                            .wsUrl(wsUrl)
                            .restUrl(restUrl)
                            .build();
            TimeBarAggregator bars =
                    TimeBarAggregator.builder(
                                    Symbol.of("BTCUSDT"), Timeframe.parse("1s"), bar -> {})
                            .build();
            RollingMean spread = new RollingMean(100);
            try (BinanceFeed feed = new BinanceFeed(FeedConfig.builder().build(), both)) {
                feed.start(
                        MarketDataHandler.of(
                                tick -> bars.onTick(tick),
                                quote ->
                                        spread.update(quote.spread()))); // QuoteView: bid/ask, mid,
                // spread, micro price
                while (spread.count() < 100) {
                    Thread.sleep(10);
                }
            }
            // END
            assertThat(spread.isReady()).isTrue();
            assertThat(spread.value()).isPositive();
        }
    }

    @Test
    void simulatorReadme() throws Exception {
        // README quant-feed-binance/README.md 3
        try (BinanceSimulator sim =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .data(List.of(tape))
                                .speed(20)
                                .disconnectEvery(3_000)
                                .build())) {
            String wsUrl = sim.wsUrl(); // point the feed here
            String restUrl = sim.restUrl(); // and its backfill here
            System.out.println(wsUrl + " " + restUrl);
        }
        // END
        assertThat(printed()).matches("ws://127\\.0\\.0\\.1:\\d+ http://127\\.0\\.0\\.1:\\d+\\R");
    }
}
