package org.quantstream.examples.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineStats;
import org.quantstream.core.stationarity.Adf;
import org.quantstream.core.stationarity.AdfResult;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.Trend;
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
            code = run(dir, dashboard);
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
     * Backtest): each request on the store as it is then, with the page's settings as they are then
     * (pair, timeframe, window, hedge method).
     */
    private static void serveTabs(
            DashboardServer dashboard,
            Path store,
            Supplier<DashboardSettings> settings,
            DashboardData data) {
        List<Symbol> symbols = List.of(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"));
        dashboard.onGet("/api/overview", new DashboardOverview(store));
        dashboard.onGet("/api/stats", new DashboardStats(store, symbols, settings, data));
        dashboard.onPost("/api/correlation", new DashboardCorrelation(store, symbols, settings));
        dashboard.onPost("/api/adf", new DashboardAdf(store, settings));
        dashboard.onPost("/api/backtest", new DashboardBacktest(store, settings));
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
        long start = System.nanoTime();
        FeedStats feedStats;
        long stored;
        Path storeDir = dir.resolve("store");
        try (BinanceSimulator sim =
                        BinanceSimulator.start(
                                SimulatorConfig.builder().data(data).speed(speed).build());
                ChronicleTickStore store = ChronicleTickStore.open(storeDir);
                DashboardLive live =
                        new DashboardLive(
                                store, List.of(btc, eth), dashboard, parent.out(), !quiet)) {
            long expected = sim.aggTradeCount("BTCUSDT") + sim.aggTradeCount("ETHUSDT");
            parent.err()
                    .printf(
                            "simulator %s, %d aggregate trades at %.0fx; store %s%n",
                            sim.wsUrl(), expected, speed, storeDir);
            BinanceFeedConfig cfg =
                    BinanceFeedConfig.builder()
                            .symbol(btc)
                            .symbol(eth)
                            .wsUrl(sim.wsUrl())
                            .restUrl(sim.restUrl())
                            .build();
            // the engine every app embeds (DashboardLive builds it from the page's settings): the
            // store tailed live, bars, a rolling mean, std and z-score per symbol, the pair's
            // analytics, the default alert rule; the demo only prints and publishes what it hands
            // out
            live.start(DashboardSettings.defaults(btc, eth), List.of(DEFAULT_RULE));
            if (dashboard != null) {
                live.serve(dashboard);
                DashboardData files =
                        new DashboardData(
                                storeDir, List.of(btc, eth), live::settings, dashboard, dir);
                files.serve();
                serveTabs(dashboard, storeDir, live::settings, files);
            }
            try (BinanceFeed feed = new BinanceFeed(FeedConfig.builder().build(), cfg)) {
                feed.start(
                        store.appender()::append); // the feed's thread writes; the store is the bus
                long lastStats = System.nanoTime();
                long lastTicks = 0;
                while (feed.stats().ticks() < expected) {
                    Thread.sleep(50);
                    long now = System.nanoTime();
                    if (now - lastStats > 500_000_000L) {
                        long ticks = feed.stats().ticks();
                        live.publishStats(
                                feed.stats(),
                                store.count(),
                                (ticks - lastTicks) * 1e9 / (now - lastStats),
                                speed == 1);
                        lastStats = now;
                        lastTicks = ticks;
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
            live.endCollection(stored, Duration.ofSeconds(30));
            live.publishStats(feedStats, stored, 0, speed == 1);
            summary(live, feedStats, stored, (System.nanoTime() - start) / 1e9);
            if (dashboard != null && keepOpen && !graceful.requested()) {
                // the store stays open: the page's controls rebuild the pipeline on it
                parent.err()
                        .println(
                                "dashboard stays open at " + dashboard.url() + " (Ctrl-C to stop)");
                parent.err().flush();
                // the header's counters follow the pipelines the page's controls build
                while (!graceful.latch().await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    live.publishStats(feedStats, stored, 0, speed == 1);
                }
            }
        }
        return 0;
    }

    private void summary(DashboardLive live, FeedStats s, long stored, double seconds) {
        Pipeline pipeline = live.pipeline();
        DashboardSettings set = live.settings();
        PairSnapshot last = live.lastSnapshot();
        PipelineStats ps = pipeline.stats();
        PairAnalytics pair = pipeline.pair(set.pair());
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
                        "pair:   corr(%s log returns, %d) %.3f; hedge ratio log %s on log %s (%s %d) %.4f; spread z %.2f%n",
                        set.timeframe(),
                        set.window(),
                        last == null ? Double.NaN : last.correlation(),
                        set.b(),
                        set.a(),
                        set.hedge(),
                        set.hedgeWindow(),
                        last == null ? Double.NaN : last.beta(),
                        last == null ? Double.NaN : last.zScore()));
        if (last != null) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "rolling 120 bars: ADF p-value %.4f, half-life %.1f bars; %d aligned bars, %d skipped%n",
                            last.adfPValue(),
                            last.halfLife(),
                            pair.aligned(),
                            pair.skipped()));
        }
        double[] x = live.spreads();
        if (x.length > 50) {
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
        live.publishSummary(text.toString());
    }
}
