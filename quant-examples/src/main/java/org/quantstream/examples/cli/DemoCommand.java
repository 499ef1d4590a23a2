package org.quantstream.examples.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.alert.AlertSinks;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.OperatorInput;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineStats;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.stationarity.Adf;
import org.quantstream.core.stationarity.AdfResult;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.tick.Symbol;
import org.quantstream.examples.dashboard.DashboardServer;
import org.quantstream.feed.binance.BinanceFeed;
import org.quantstream.feed.binance.BinanceFeedConfig;
import org.quantstream.feed.binance.BinanceSimulator;
import org.quantstream.feed.binance.SimulatorConfig;
import org.quantstream.store.chronicle.ChronicleTickStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code quant demo}: the whole path on one machine. The bundled real BTCUSDT and ETHUSDT trades
 * replayed by the local Binance simulator, received by the real Netty feed, appended to a Chronicle
 * store in a temporary directory, read back by a pipeline thread that builds 1-second bars and pair
 * analytics, printed as bars close and pushed to the live dashboard, then a summary.
 */
@Command(
        name = "demo",
        description =
                "Simulator -> Netty feed -> Chronicle store -> bars and pair analytics -> live"
                        + " dashboard, on the bundled real Binance trades (2024-08-08, 23:54-24:00"
                        + " UTC).")
final class DemoCommand implements Callable<Integer> {
    /** The dashboard's default port; a taken port falls back to a free one. */
    static final int DASHBOARD_PORT = 8787;

    /** The demo's alert rule: the spread's z-score outside +-2, re-armed back inside +-1.5. */
    static final AlertRule DEFAULT_RULE =
            AlertRule.builder("spread-z")
                    .pair("BTCUSDT", "ETHUSDT", "zScore")
                    .outside(-2, 2)
                    .hysteresis(0.5)
                    .build();

    private static final String[] TAPES = {
        "/data/binance/trades/BTCUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz",
        "/data/binance/trades/ETHUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz"
    };

    @ParentCommand private QuantCli parent;

    @Spec private CommandSpec spec;

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

    @Option(
            names = "--dashboard-port",
            defaultValue = "" + DASHBOARD_PORT,
            paramLabel = "P",
            description =
                    "Port of the live dashboard on 127.0.0.1 (default: ${DEFAULT-VALUE}; a free one"
                            + " if taken; 0 for any).")
    private int dashboardPort;

    @Option(names = "--no-dashboard", description = "Do not start the dashboard.")
    private boolean noDashboard;

    @Option(
            names = "--keep-open",
            description = "After the summary, keep the dashboard open until interrupted.")
    private boolean keepOpen;

    DemoCommand() {}

    /** A demo run by {@code quant dashboard}: the dashboard on, kept open. */
    DemoCommand(QuantCli parent, CommandSpec spec, double speed, int dashboardPort) {
        this.parent = parent;
        this.spec = spec;
        this.speed = speed;
        this.dashboardPort = dashboardPort;
        this.keepOpen = true;
        this.quiet = true;
    }

    /** Counted down by Ctrl-C or SIGTERM (the shutdown hook): the run ends early. */
    /** Ctrl-C and SIGTERM: installed when the run starts. */
    private GracefulStop graceful;

    @Override
    public Integer call() throws Exception {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new ParameterException(
                    spec.commandLine(), "--speed must be a number > 0, was " + speed);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new ParameterException(
                    spec.commandLine(), "--duration must be > 0, was " + duration);
        }
        Path dir = Files.createTempDirectory("quant-demo");
        // Ctrl-C and SIGTERM end the run, and the JVM waits (a bounded time) for the clean-up
        // below: the temporary store never stays behind
        graceful =
                new GracefulStop(
                        "quant-demo-shutdown", parent.out(), parent.err(), Duration.ofSeconds(20));
        DashboardServer dashboard = null;
        int code = QuantCli.INTERNAL_ERROR;
        try {
            dashboard = noDashboard ? null : startDashboard();
            if (dashboard != null) {
                serveTabs(dashboard, dir.resolve("store"));
            }
            code = run(dir, dashboard);
            if (dashboard != null && keepOpen && !graceful.requested()) {
                parent.err()
                        .println(
                                "dashboard stays open at " + dashboard.url() + " (Ctrl-C to stop)");
                parent.err().flush();
                graceful.latch().await();
            }
            return code;
        } finally {
            try {
                if (dashboard != null) {
                    dashboard.close();
                }
                deleteTree(dir);
            } finally {
                graceful.finish(code);
                graceful.close();
            }
        }
    }

    /**
     * The dashboard's tabs that read the store (Overview, Pair analytics, Correlation, Statistics,
     * Backtest): the demo's two symbols at 1 s, each request on the store as it is then.
     */
    private static void serveTabs(DashboardServer dashboard, Path store) {
        Symbol btc = Symbol.of("BTCUSDT");
        Symbol eth = Symbol.of("ETHUSDT");
        Timeframe s1 = Timeframe.parse("1s");
        dashboard.onGet("/api/overview", new DashboardOverview(store));
        dashboard.onGet("/api/stats", new DashboardStats(store, List.of(btc, eth), s1));
        dashboard.onPost(
                "/api/correlation", new DashboardCorrelation(store, List.of(btc, eth), s1));
        dashboard.onPost("/api/adf", new DashboardAdf(store, btc, eth, s1));
        dashboard.onPost("/api/backtest", new DashboardBacktest(store, btc, eth, s1));
    }

    /** Deletes a directory and everything below it. */
    static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private DashboardServer startDashboard() throws java.io.IOException, InterruptedException {
        DashboardServer d;
        try {
            d = DashboardServer.start(dashboardPort);
        } catch (java.net.BindException e) {
            if (dashboardPort == 0) {
                throw e;
            }
            d = DashboardServer.start(0);
            parent.err()
                    .printf("port %d is taken; the dashboard uses %d%n", dashboardPort, d.port());
        }
        parent.err().println("dashboard " + d.url());
        parent.err().flush();
        return d;
    }

    private int run(Path dir, DashboardServer dashboard) throws Exception {
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
        View view = new View(btc, eth, dashboard);
        long start = System.nanoTime();
        FeedStats feedStats;
        long stored;
        Pipeline pipeline;
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
            // the engine every app embeds: the store tailed live, 1 s and 1 min bars, a 60-bar
            // z-score per symbol, log ETH on log BTC (rolling OLS 120 s, z and correlation 60 s),
            // the default alert rule; the demo only prints and publishes what it hands out
            pipeline =
                    Pipeline.builder()
                            .source(TickSource.tail(store))
                            .symbols(btc, eth)
                            .timeframes(Timeframe.parse("1s"), Timeframe.parse("1m"))
                            .operator("z60", () -> new RollingZScore(60), OperatorInput.CLOSE)
                            .pair(btc, eth, pair -> {})
                            .rules(List.of(DEFAULT_RULE))
                            .onMetric(view::onMetric)
                            .onPair(view::onPair)
                            .onBar(view)
                            .onAlert(view::onAlert)
                            .build();
            pipeline.start();
            try (BinanceFeed feed = new BinanceFeed(FeedConfig.builder().build(), cfg)) {
                feed.start(
                        store.appender()::append); // the feed's thread writes; the store is the bus
                long lastStats = 0;
                while (feed.stats().ticks() < expected) {
                    Thread.sleep(50);
                    if (System.nanoTime() - lastStats > 500_000_000L) {
                        lastStats = System.nanoTime();
                        view.publishStats(feed.stats(), store.count(), pipeline.stats());
                    }
                    if (duration != null && System.nanoTime() - start >= duration.toNanos()) {
                        break;
                    }
                    if (graceful.requested()) {
                        break; // Ctrl-C or SIGTERM
                    }
                }
                feedStats = feed.stats();
            }
            // every stored record through the pipeline, then close it (the open bars flushed)
            stored = store.count();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (pipeline.stats().ticks() < stored && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            pipeline.close();
            view.publishStats(feedStats, stored, pipeline.stats());
        }
        view.summary(pipeline, feedStats, stored, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /**
     * What the demo shows of the pipeline: console lines and dashboard messages. Its handlers run
     * on the pipeline's thread; it wires no stage of its own.
     */
    private final class View implements BarHandler {
        private final Symbol a;
        private final Symbol b;
        private final DashboardServer dashboard;
        private final List<Double> spreads = new ArrayList<>();
        private double zA = Double.NaN;
        private double zB = Double.NaN;
        private PairSnapshot last;

        View(Symbol a, Symbol b, DashboardServer dashboard) {
            this.a = a;
            this.b = b;
            this.dashboard = dashboard;
        }

        void onMetric(String target, String metric, long time, double value) {
            if (metric.equals("z60")) {
                if (target.equals(a.name())) {
                    zA = value;
                } else {
                    zB = value;
                }
            }
        }

        void onAlert(Alert alert) {
            parent.out().println(AlertSinks.describe(alert));
            if (dashboard != null) {
                // the page tells messages apart by "type"; the alert's JSON (as the JSON-lines sink
                // writes it) inside, untouched, and its time in ms (JavaScript numbers cannot hold
                // every epoch nanosecond)
                dashboard.publish(
                        "alert",
                        1000,
                        "{\"type\":\"alert\",\"time\":"
                                + alert.eventTimeNanos() / 1_000_000L
                                + ",\"alert\":"
                                + AlertSinks.toJson(alert)
                                + "}");
            }
        }

        /** Counters for the dashboard's header (main thread). */
        void publishStats(FeedStats s, long stored, PipelineStats p) {
            if (dashboard == null) {
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "stats");
            m.put("ticks", s.ticks());
            m.put("stored", stored);
            m.put("bars", p.bars());
            m.put("alerts", p.alertsFired());
            m.put("reconnects", s.reconnects());
            m.put("gaps", s.gaps());
            m.put("backfilled", s.backfilled());
            m.put("duplicates", s.duplicates());
            dashboard.publish("stats", 1, Json.compact(m));
        }

        private void publishBar(Bar bar, String tf) {
            if (dashboard == null) {
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "bar");
            m.put("symbol", bar.symbol().name());
            m.put("tf", tf);
            m.put("t", bar.openTimeNanos() / 1_000_000L);
            m.put("o", bar.open());
            m.put("h", bar.high());
            m.put("l", bar.low());
            m.put("c", bar.close());
            m.put("v", bar.volume());
            m.put("n", bar.tradeCount());
            m.put("vwap", bar.vwap());
            dashboard.publish(
                    "bar:" + bar.symbol() + ":" + tf, tf.equals("1s") ? 900 : 60, Json.compact(m));
        }

        void onPair(String name, PairSnapshot s) {
            last = s;
            if (!Double.isNaN(s.spread())) {
                spreads.add(s.spread());
            }
            if (dashboard == null) {
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "pair");
            m.put("t", s.openTimeNanos() / 1_000_000L);
            m.put("z", s.zScore());
            m.put("corr", s.correlation());
            m.put("beta", s.beta());
            m.put("spread", s.spread());
            m.put("adfP", s.adfPValue());
            m.put("halfLife", s.halfLife());
            dashboard.publish("pair", 900, Json.compact(m));
        }

        @Override
        public void onBarClosed(Bar bar) {
            boolean second = bar.timeframe().nanos() == 1_000_000_000L;
            publishBar(bar, second ? "1s" : "1m");
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
                                isA ? zA : zB,
                                last == null ? Double.NaN : last.correlation(),
                                last == null ? Double.NaN : last.zScore());
            }
        }

        private String time(Bar bar) {
            return Instant.ofEpochSecond(0, bar.openTimeNanos()).toString().substring(11, 19);
        }

        void summary(Pipeline pipeline, FeedStats s, long stored, double seconds) {
            PipelineStats ps = pipeline.stats();
            PairAnalytics pair = pipeline.pair(a.name() + "/" + b.name());
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "--- summary (%.1f s) ---%n", seconds));
            text.append(
                    String.format(
                            Locale.ROOT,
                            "feed:   %d trades, %d reconnects, %d gaps, %d backfilled, %d duplicates dropped, %d malformed%s%n",
                            s.ticks(),
                            s.reconnects(),
                            s.gaps(),
                            s.backfilled(),
                            s.duplicates(),
                            s.malformed(),
                            speed == 1
                                    ? ", lag " + s.extra().get("lagMsLast") + " ms"
                                    : " (lag is not meaningful at " + speed + "x)"));
            text.append(
                    String.format(
                            Locale.ROOT,
                            "store:  %d records; pipeline read %d; %d bars closed; %d alerts%n",
                            stored,
                            ps.ticks(),
                            ps.bars(),
                            ps.alertsFired()));
            text.append(
                    String.format(
                            Locale.ROOT,
                            "pair:   corr(1s log returns, 60) %.3f; hedge ratio log ETH on log BTC (rolling OLS 120 s) %.4f; spread z %.2f%n",
                            last == null ? Double.NaN : last.correlation(),
                            last == null ? Double.NaN : last.beta(),
                            last == null ? Double.NaN : last.zScore()));
            if (last != null) {
                text.append(
                        String.format(
                                Locale.ROOT,
                                "rolling 120 s: ADF p-value %.4f, half-life %.1f s; %d aligned seconds, %d skipped%n",
                                last.adfPValue(),
                                last.halfLife(),
                                pair.aligned(),
                                pair.skipped()));
            }
            if (spreads.size() > 50) {
                double[] x = spreads.stream().mapToDouble(Double::doubleValue).toArray();
                AdfResult adf = Adf.test(x, Trend.C, Autolag.AIC, -1);
                text.append(
                        String.format(
                                Locale.ROOT,
                                "ADF on the spread (%d points): statistic %.3f, p-value %.4f, lag %d%n",
                                x.length,
                                adf.statistic(),
                                adf.pValue(),
                                adf.usedLag()));
            }
            parent.out().println();
            parent.out().print(text);
            parent.out().flush();
            if (dashboard != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "summary");
                m.put("text", text.toString());
                dashboard.publish("summary", 1, Json.compact(m));
            }
        }
    }
}
