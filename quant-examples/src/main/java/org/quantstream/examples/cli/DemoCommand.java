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

    /** Where the dashboard's ticks come from. */
    enum Source {
        /** The bundled tapes through the local Binance simulator. */
        simulator,
        /** Binance (or the feed at --ws-url). */
        live,
        /** A store, tailed (another process may be collecting into it). */
        store
    }

    /**
     * What {@code quant dashboard} asks for beyond the demo.
     *
     * @param source where the ticks come from
     * @param store the store's directory, or null for a temporary one
     * @param symbols the symbols to collect (live) or show (store), or null for the default
     * @param wsUrl the feed's WebSocket base (live)
     * @param restUrl the feed's REST base (live)
     * @param bind the address the page is served on
     */
    record Launch(
            Source source,
            Path store,
            List<String> symbols,
            String wsUrl,
            String restUrl,
            String bind) {
        static final Launch DEMO = new Launch(Source.simulator, null, null, null, null, null);
    }

    private Launch launch = Launch.DEMO;

    /** A run by {@code quant dashboard}: the dashboard on, kept open. */
    DemoCommand(QuantCli parent, CommandSpec spec, double speed, int dashboardPort, Launch launch) {
        this.parent = parent;
        this.spec = spec;
        this.speed = speed;
        this.dashboardPort = dashboardPort;
        this.keepOpen = true;
        this.quiet = true;
        this.launch = launch;
    }

    /** Ctrl-C and SIGTERM (the shutdown hook), installed when the run starts: it ends early. */
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
        dashboard.onGet("/api/overview", new DashboardOverview(store, data));
        dashboard.onGet("/api/stats", new DashboardStats(store, settings, data));
        dashboard.onPost("/api/correlation", new DashboardCorrelation(store, settings, data));
        dashboard.onPost("/api/adf", new DashboardAdf(store, settings, data));
        dashboard.onPost("/api/backtest", new DashboardBacktest(store, settings, data));
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
        return startDashboard(launch.bind(), dashboardPort, parent.err());
    }

    /**
     * Starts the dashboard on {@code bind:port}, on a free port when that one is taken (said on
     * {@code err}), and prints its address.
     */
    static DashboardServer startDashboard(String bind, int port, java.io.PrintStream err)
            throws java.io.IOException, InterruptedException {
        DashboardServer d;
        try {
            d = DashboardServer.start(bind, port);
        } catch (java.net.BindException e) {
            if (port == 0) {
                throw e;
            }
            d = DashboardServer.start(bind, 0);
            err.printf("port %d is taken; the dashboard uses %d%n", port, d.port());
        }
        err.println("dashboard " + d.url());
        err.flush();
        return d;
    }

    private int run(Path dir, DashboardServer dashboard) throws Exception {
        Path storeDir = launch.store() != null ? launch.store() : dir.resolve("store");
        return switch (launch.source()) {
            case simulator -> runSimulator(dir, storeDir, dashboard);
            case live -> runLive(dir, storeDir, dashboard);
            case store -> runStore(dir, storeDir, dashboard);
        };
    }

    /**
     * Copies the bundled tapes (real BTCUSDT and ETHUSDT trades) out of the jar.
     *
     * @param dir where to
     * @return the files
     */
    static List<Path> extractTapes(Path dir) throws java.io.IOException {
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
        return data;
    }

    /** The bundled tapes through the local simulator, the Netty feed and the store. */
    private int runSimulator(Path dir, Path storeDir, DashboardServer dashboard) throws Exception {
        List<Path> data = extractTapes(dir);
        List<Symbol> symbols = List.of(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"));
        long start = System.nanoTime();
        try (BinanceSimulator sim =
                        BinanceSimulator.start(
                                SimulatorConfig.builder().data(data).speed(speed).build());
                ChronicleTickStore store = ChronicleTickStore.open(storeDir);
                DashboardLive live =
                        new DashboardLive(store, symbols, dashboard, parent.out(), !quiet);
                DashboardCollector feed =
                        new DashboardCollector(store, symbols, sim.wsUrl(), sim.restUrl())) {
            long expected =
                    store.count() + sim.aggTradeCount("BTCUSDT") + sim.aggTradeCount("ETHUSDT");
            parent.err()
                    .printf(
                            "simulator %s, %d aggregate trades at %.0fx; store %s%n",
                            sim.wsUrl(), expected - store.count(), speed, storeDir);
            serve(live, store, storeDir, symbols, feed, dashboard, dir);
            feed.start();
            // until every trade of the tapes is stored (a page may stop and start collection)
            collect(live, store, feed, () -> store.count() >= expected, start);
            feed.stop();
            // every stored record through the pipeline, then close it (the open bars flushed)
            long stored = store.count();
            live.endCollection(stored, Duration.ofSeconds(30));
            live.publishStats(feed.stats(), stored, 0, speed == 1, state(feed));
            summary(live, feed.stats(), stored, (System.nanoTime() - start) / 1e9);
            stayOpen(live, store, feed, dashboard);
        }
        return 0;
    }

    /** Binance (or what --ws-url names) into the store until interrupted or --duration. */
    private int runLive(Path dir, Path storeDir, DashboardServer dashboard) throws Exception {
        List<Symbol> symbols = launch.symbols().stream().map(Symbol::of).toList();
        long start = System.nanoTime();
        try (ChronicleTickStore store = ChronicleTickStore.open(storeDir);
                DashboardLive live =
                        new DashboardLive(store, symbols, dashboard, parent.out(), !quiet);
                DashboardCollector feed =
                        new DashboardCollector(store, symbols, launch.wsUrl(), launch.restUrl())) {
            parent.err()
                    .printf(
                            "collecting %s from %s into %s%n",
                            String.join(",", launch.symbols()), launch.wsUrl(), storeDir);
            serve(live, store, storeDir, symbols, feed, dashboard, dir);
            feed.start();
            collect(live, store, feed, () -> false, start);
            feed.stop();
            long stored = store.count();
            live.publishStats(feed.stats(), stored, 0, true, state(feed));
            summary(live, feed.stats(), stored, (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    /** A store another process may be collecting into: tailed, read-only. */
    private int runStore(Path dir, Path storeDir, DashboardServer dashboard) throws Exception {
        if (!Files.isDirectory(storeDir)) {
            throw new UserException(storeDir + ": no tick store (not a directory)");
        }
        try (ChronicleTickStore store =
                ChronicleTickStore.open(
                        org.quantstream.store.chronicle.ChronicleTickStoreConfig.builder(storeDir)
                                .readOnly(true)
                                .build())) {
            List<Symbol> symbols =
                    launch.symbols() != null
                            ? launch.symbols().stream().map(Symbol::of).toList()
                            : store.symbols().stream()
                                    .sorted(Comparator.comparing(Symbol::name))
                                    .toList();
            if (symbols.size() < 2) {
                throw new UserException(
                        storeDir
                                + ": the dashboard needs two symbols for its pair, the store has "
                                + symbols);
            }
            try (DashboardLive live =
                    new DashboardLive(store, symbols, dashboard, parent.out(), !quiet)) {
                parent.err()
                        .printf("store %s: %d records of %s%n", storeDir, store.count(), symbols);
                serve(live, store, storeDir, symbols, null, dashboard, dir);
                stayOpen(live, store, null, dashboard);
            }
        }
        return 0;
    }

    /**
     * The pipeline from the page's settings (the default rule first), and every tab's endpoint;
     * collection started and stopped from the page when there is a feed.
     */
    private void serve(
            DashboardLive live,
            ChronicleTickStore store,
            Path storeDir,
            List<Symbol> symbols,
            DashboardCollector feed,
            DashboardServer dashboard,
            Path dir) {
        // the engine every app embeds (DashboardLive builds it from the page's settings): the
        // store tailed live, bars, a rolling mean, std and z-score per symbol, the pair's
        // analytics, the default alert rule; the demo only prints and publishes what it hands out
        Symbol a = symbols.get(0);
        Symbol b = symbols.get(1);
        List<AlertRule> rules =
                a.name().equals("BTCUSDT") && b.name().equals("ETHUSDT")
                        ? List.of(DEFAULT_RULE)
                        : List.of();
        DashboardData files =
                dashboard == null
                        ? null
                        : new DashboardData(storeDir, symbols, live::settings, dashboard, dir);
        live.attach(files); // uploaded series can be followed and be a leg of the pair
        live.start(DashboardSettings.defaults(a, b, symbols), rules);
        if (dashboard == null) {
            return;
        }
        live.serve(dashboard);
        files.serve();
        serveTabs(dashboard, storeDir, live::settings, files);
        dashboard.onPost(
                "/api/collect",
                body -> {
                    if (feed == null) {
                        throw new IllegalArgumentException(
                                "no feed: this dashboard shows a store (--source store)");
                    }
                    String answer = feed.request(body);
                    if (feed.running()) {
                        live.resumeTail(); // after the demo's end its pipeline had stopped
                    }
                    live.publishStats(feed.stats(), store.count(), 0, speed == 1, state(feed));
                    return answer;
                });
    }

    private static String state(DashboardCollector feed) {
        return feed == null ? "store" : feed.running() ? "collecting" : "stopped";
    }

    /** Publishes the counters twice a second until {@code done}, --duration or Ctrl-C. */
    private void collect(
            DashboardLive live,
            ChronicleTickStore store,
            DashboardCollector feed,
            java.util.function.BooleanSupplier done,
            long start)
            throws InterruptedException {
        long lastStats = System.nanoTime();
        long lastStored = store.count();
        while (!done.getAsBoolean()) {
            Thread.sleep(50);
            long now = System.nanoTime();
            if (now - lastStats > 500_000_000L) {
                long stored = store.count();
                live.publishStats(
                        feed.stats(),
                        stored,
                        (stored - lastStored) * 1e9 / (now - lastStats),
                        speed == 1,
                        state(feed));
                lastStats = now;
                lastStored = stored;
            }
            if (duration != null && System.nanoTime() - start >= duration.toNanos()) {
                break;
            }
            if (graceful.requested()) {
                break; // Ctrl-C or SIGTERM
            }
        }
    }

    /** With --keep-open: serves the page until Ctrl-C, the counters once a second. */
    private void stayOpen(
            DashboardLive live,
            ChronicleTickStore store,
            DashboardCollector feed,
            DashboardServer dashboard)
            throws InterruptedException {
        if (dashboard == null || !keepOpen || graceful.requested()) {
            return;
        }
        // the store stays open: the page's controls rebuild the pipeline on it
        parent.err().println("dashboard stays open at " + dashboard.url() + " (Ctrl-C to stop)");
        parent.err().flush();
        long lastStored = store.count();
        while (!graceful.latch().await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            long stored = store.count();
            live.publishStats(
                    feed == null ? null : feed.stats(),
                    stored,
                    stored - lastStored,
                    speed == 1,
                    state(feed));
            lastStored = stored;
        }
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
