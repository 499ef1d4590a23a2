package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;
import org.quantstream.core.backtest.BacktestMetrics;
import org.quantstream.core.backtest.BacktestResult;
import org.quantstream.core.backtest.Backtester;
import org.quantstream.core.backtest.FeeModel;
import org.quantstream.core.backtest.FillMode;
import org.quantstream.core.backtest.MeanReversionStrategy;
import org.quantstream.core.backtest.SlippageModel;
import org.quantstream.core.backtest.Trade;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code quant backtest}: the pair mean-reversion backtest of SPEC §13 on two legs, through the
 * same {@link Pipeline} and {@link Backtester} an app embeds; or a sweep of parameter combinations
 * in parallel, ranked by a metric.
 */
@Command(
        name = "backtest",
        description =
                "Backtest the z-score mean-reversion strategy on a pair (two legs in quote currency,"
                        + " fees, slippage, one bar of latency): every metric and the trade log;"
                        + " with --sweep, every combination of the swept parameters in parallel,"
                        + " ranked. Inputs as quant pair: tick files or bar files (--a, --b) or a"
                        + " store (--store with --symbol-a, --symbol-b).")
final class BacktestCommand implements Callable<Integer> {
    /** Parameters a sweep may vary, as named on the command line. */
    static final List<String> SWEEPABLE =
            List.of(
                    "entry",
                    "exit",
                    "stop",
                    "max-hold",
                    "notional",
                    "fee-bps",
                    "slippage-bps",
                    "z-window",
                    "hedge-window");

    /** Metrics a sweep may be ranked by; the two drawdowns rank lowest first. */
    static final List<String> RANKABLE =
            List.of(
                    "sharpe",
                    "sortino",
                    "calmar",
                    "totalNetPnl",
                    "totalReturn",
                    "annualizedReturn",
                    "profitFactor",
                    "winRate",
                    "avgTrade",
                    "maxDrawdown",
                    "maxDrawdownValue");

    @ParentCommand private QuantCli parent;

    @Mixin private PairInput input;

    @Option(
            names = "--entry",
            defaultValue = "2",
            paramLabel = "Z",
            description = "Enter when |z| > Z (default: ${DEFAULT-VALUE}).")
    private double entry;

    @Option(
            names = "--exit",
            defaultValue = "0",
            paramLabel = "Z",
            description = "Exit a long at z >= -Z, a short at z <= Z (default: ${DEFAULT-VALUE}).")
    private double exit;

    @Option(
            names = "--stop",
            defaultValue = "inf",
            converter = Level.class,
            paramLabel = "Z",
            description = "Stop out at |z| >= Z against the position (default: ${DEFAULT-VALUE}).")
    private double stop;

    @Option(
            names = "--max-hold",
            defaultValue = "0",
            paramLabel = "BARS",
            description = "Exit after this many bars, 0 for never (default: ${DEFAULT-VALUE}).")
    private int maxHold;

    @Option(
            names = "--notional",
            defaultValue = "10000",
            paramLabel = "Q",
            description = "Leg B's notional in quote currency (default: ${DEFAULT-VALUE}).")
    private double notional;

    @Option(
            names = "--capital",
            defaultValue = "20000",
            paramLabel = "Q",
            description = "Starting capital (default: ${DEFAULT-VALUE}).")
    private double capital;

    @Option(
            names = "--fee-bps",
            defaultValue = "4",
            paramLabel = "BPS",
            description = "Fee per leg and fill, bps of notional (default: ${DEFAULT-VALUE}).")
    private double feeBps;

    @Option(
            names = "--slippage-bps",
            defaultValue = "1",
            paramLabel = "BPS",
            description = "Adverse slippage per fill, bps (default: ${DEFAULT-VALUE}).")
    private double slippageBps;

    @Option(
            names = "--fill",
            defaultValue = "next",
            converter = FillConverter.class,
            paramLabel = "next|close",
            description =
                    "Fill at the next aligned time's closes or at the signal's own (default:"
                            + " ${DEFAULT-VALUE}).")
    private FillMode fill;

    @Option(
            names = "--trades",
            paramLabel = "FILE",
            description = "Write the trade log as CSV (SPEC §13's columns).")
    private Path tradesFile;

    @Option(
            names = "--equity",
            paramLabel = "FILE",
            description =
                    "Write the equity path as CSV: open_time, equity, drawdown, return,"
                            + " position.")
    private Path equityFile;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description =
                    "Write a self-contained HTML report: equity and drawdown, the spread and z-score"
                            + " with the levels and fills, the metrics, the trades.")
    private Path reportFile;

    @Option(
            names = "--png",
            paramLabel = "DIR",
            description = "Write the report's charts as PNG files into DIR.")
    private Path pngDir;

    @Option(
            names = "--sweep",
            paramLabel = "NAME=VALUES",
            description =
                    "Vary a parameter: from:to:step or a list v1,v2,... (entry, exit, stop,"
                            + " max-hold, notional, fee-bps, slippage-bps, z-window,"
                            + " hedge-window). Repeatable: every combination runs.")
    private List<String> sweeps = new ArrayList<>();

    @Option(
            names = "--rank",
            defaultValue = "sharpe",
            paramLabel = "METRIC",
            description = "Sort a sweep by this metric (default: ${DEFAULT-VALUE}).")
    private String rank;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads of a sweep (default: the available cores).")
    private Integer threads;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "A sweep's table as CSV (default: stdout; JSON with --json).")
    private Path output;

    @Option(
            names = "--walk-forward",
            paramLabel = "TRAIN/TEST",
            description =
                    "Walk forward (with --sweep): choose the best parameters by --rank on each"
                            + " TRAIN window, trade them on the next TEST window, report the"
                            + " stitched out-of-sample result. Durations as 3m/1m, 2h/30m, 90d/30d.")
    private String walkForward;

    @Option(names = "--json", description = "JSON on stdout.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        List<Sweep> grid = parseSweeps();
        if (!RANKABLE.contains(rank)) {
            throw new UserException(
                    "--rank: unknown metric '" + rank + "'; valid: " + String.join(", ", RANKABLE));
        }
        Params base = base();
        base.strategy(); // the levels checked before anything is read
        try (PairInput.Legs legs = input.open()) {
            if ((reportFile != null || pngDir != null) && !grid.isEmpty()) {
                throw new UserException(
                        "--report and --png describe one backtest: not with --sweep");
            }
            if (walkForward != null) {
                if (grid.isEmpty()) {
                    throw new UserException(
                            "--walk-forward needs parameters to choose from: give --sweep");
                }
                return walkForward(legs, base, grid);
            }
            if (grid.isEmpty()) {
                return single(legs, base);
            }
            return sweep(legs, base, grid);
        }
    }

    /** One backtest as a stage of the pipeline. */
    /** A backtest's result and the spread and z-score of every aligned time it saw. */
    record Outcome(BacktestResult result, BacktestReport.Signals signals) {}

    /**
     * One backtest as a stage of a pipeline over the legs (the path of {@code quant backtest} and
     * of the dashboard's Backtest tab).
     */
    static Outcome backtest(
            PairInput.Legs legs,
            java.util.function.Consumer<PairAnalytics.Builder> configure,
            Backtester.Builder b) {
        Backtester bt = b.pair(legs.pair()).build();
        BacktestReport.Signals signals = new BacktestReport.Signals(legs.pair());
        legs.runPair(configure, bt, signals);
        return new Outcome(bt.finish(), signals);
    }

    private int single(PairInput.Legs legs, Params p) throws IOException {
        Outcome o = backtest(legs, input::configure, p.backtester(legs));
        BacktestResult r = o.result();
        BacktestReport.Signals signals = o.signals();
        writeFiles(r);
        if (reportFile != null || pngDir != null) {
            if (r.times().length == 0) {
                throw new UserException("nothing to report: the two legs have no aligned time");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            for (String name : SWEEPABLE) {
                params.put(name, p.get(name));
            }
            params.put("capital", p.capital());
            params.put("fill", p.fill().name().toLowerCase(Locale.ROOT));
            params.put("timeframe", legs.timeframe().toString());
            params.put("hedge", input.hedge.toString());
            BacktestReport report =
                    new BacktestReport(legs.pair(), params, r, signals, metrics(r.metrics()));
            if (reportFile != null) {
                report.html(reportFile);
            }
            if (pngDir != null) {
                report.png(pngDir);
            }
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pair", legs.pair());
            m.put("metrics", Json.finite(metrics(r.metrics())));
            m.put("trades", trades(r));
            Json.print(parent.out(), m);
        } else {
            parent.out().printf("%s: %d aligned times%n", legs.pair(), r.metrics().alignedTimes());
            metrics(r.metrics()).forEach((k, v) -> parent.out().printf("%-18s %s%n", k, v));
        }
        return 0;
    }

    /** Every combination on the same bars, read once, in parallel; ranked. */
    private int sweep(PairInput.Legs legs, Params base, List<Sweep> grid) throws Exception {
        List<Params> runs = combinations(base, grid);
        List<Bar> bars = bars(legs);
        List<BacktestResult> results;
        ExecutorService pool = pool();
        try (ProgressBar bar =
                ProgressBars.start("sweep", runs.size(), " runs", false, parent.err())) {
            results = evaluate(pool, runs, legs, bars, Long.MIN_VALUE, bar);
        } finally {
            pool.shutdownNow();
        }
        ProgressBars.end(parent.err());
        List<Integer> order = ranked(results);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i : order) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Sweep s : grid) {
                row.put(s.name, runs.get(i).get(s.name));
            }
            row.putAll(metrics(results.get(i).metrics()));
            rows.add(row);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pair", legs.pair());
            m.put("rank", rank);
            List<Map<String, Object>> finite = new ArrayList<>();
            rows.forEach(row -> finite.add(Json.finite(row)));
            m.put("runs", finite);
            Json.print(parent.out(), m);
            return 0;
        }
        try (Output out = Output.open(output, parent.out())) {
            Writer w = out.writer();
            w.write(String.join(",", rows.get(0).keySet()) + "\n");
            for (Map<String, Object> row : rows) {
                List<String> cells = new ArrayList<>();
                row.values()
                        .forEach(
                                v ->
                                        cells.add(
                                                v instanceof Double d && Double.isNaN(d)
                                                        ? ""
                                                        : String.valueOf(v)));
                w.write(String.join(",", cells) + "\n");
            }
            out.commit();
        }
        return 0;
    }

    /** Every combination of the swept values, each checked. */
    private static List<Params> combinations(Params base, List<Sweep> grid) {
        List<Params> runs = new ArrayList<>();
        runs.add(base);
        for (Sweep s : grid) {
            List<Params> next = new ArrayList<>();
            for (Params p : runs) {
                for (double v : s.values) {
                    next.add(p.with(s.name, v));
                }
            }
            runs = next;
        }
        for (Params p : runs) {
            try {
                p.strategy();
            } catch (IllegalArgumentException e) {
                throw new UserException("--sweep: " + p.describe(grid) + ": " + e.getMessage());
            }
        }
        return runs;
    }

    private ExecutorService pool() {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new UserException("--threads must be at least 1, was " + n);
        }
        return Executors.newFixedThreadPool(n);
    }

    /**
     * Runs every parameter set on the pool, each with its own analytics and backtester on the
     * shared read-only bars; the backtests trade from {@code fromNanos} on (the bars before only
     * warm the analytics up).
     */
    private List<BacktestResult> evaluate(
            ExecutorService pool,
            List<Params> runs,
            PairInput.Legs legs,
            List<Bar> bars,
            long fromNanos,
            ProgressBar bar)
            throws Exception {
        List<Future<BacktestResult>> futures = new ArrayList<>();
        for (Params p : runs) {
            futures.add(
                    pool.submit(
                            () -> {
                                // ranked by metrics only: no path kept
                                BacktestResult r = p.run(legs, bars, input, fromNanos, false);
                                bar.step();
                                return r;
                            }));
        }
        List<BacktestResult> results = new ArrayList<>();
        for (Future<BacktestResult> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof Exception x ? x : new IllegalStateException(c);
            }
        }
        return results;
    }

    /** Indexes of the results, best first by the rank metric; NaN last; ties in run order. */
    private List<Integer> ranked(List<BacktestResult> results) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            order.add(i);
        }
        boolean lowFirst = rank.startsWith("maxDrawdown");
        Comparator<Integer> byRank =
                Comparator.comparingDouble(
                        i -> {
                            double v = (double) metrics(results.get(i).metrics()).get(rank);
                            return Double.isNaN(v)
                                    ? Double.POSITIVE_INFINITY // NaN last either way
                                    : lowFirst ? v : -v;
                        });
        order.sort(byRank.thenComparingInt(i -> i));
        return order;
    }

    /**
     * Walk-forward: on each training window every combination runs and the best by the rank metric
     * is chosen; it then trades the next test window (its analytics warmed up on the training bars,
     * nothing after the window seen); the test windows are stitched into one out-of-sample result.
     */
    private int walkForward(PairInput.Legs legs, Params base, List<Sweep> grid) throws Exception {
        String[] parts = walkForward.split("/", -1);
        if (parts.length != 2) {
            throw new UserException(
                    "--walk-forward: expected TRAIN/TEST, e.g. 3m/1m, was " + walkForward);
        }
        long train;
        long test;
        try {
            train = Durations.parse(parts[0].strip()).toNanos();
            test = Durations.parse(parts[1].strip()).toNanos();
        } catch (IllegalArgumentException e) {
            throw new UserException("--walk-forward: " + e.getMessage());
        }
        long tf = legs.timeframe().nanos();
        if (train < tf || test < tf) {
            throw new UserException(
                    "--walk-forward: each window must hold at least one bar of "
                            + legs.timeframe());
        }
        List<Params> runs = combinations(base, grid);
        List<Bar> bars = bars(legs);
        if (bars.isEmpty()) {
            throw new UserException("no bar in the input");
        }
        long first = bars.get(0).openTimeNanos();
        long end = bars.get(bars.size() - 1).openTimeNanos() + tf;
        List<long[]> windows = new ArrayList<>();
        for (long s = first + train; s < end; s += test) {
            windows.add(new long[] {s - train, s, Math.min(s + test, end)});
        }
        if (windows.isEmpty()) {
            throw new UserException(
                    "--walk-forward: the data ("
                            + java.time.Duration.ofNanos(end - first)
                            + ") is not longer than one training window");
        }
        List<BacktestResult> tests = new ArrayList<>();
        List<Map<String, Object>> report = new ArrayList<>();
        ExecutorService pool = pool();
        try (ProgressBar bar =
                ProgressBars.start(
                        "walk-forward",
                        (long) windows.size() * (runs.size() + 1),
                        " runs",
                        false,
                        parent.err())) {
            for (long[] w : windows) {
                List<Bar> trainBars = between(bars, w[0], w[1]);
                List<BacktestResult> scored =
                        evaluate(pool, runs, legs, trainBars, Long.MIN_VALUE, bar);
                int best = ranked(scored).get(0);
                Params chosen = runs.get(best);
                BacktestResult r = chosen.run(legs, between(bars, w[0], w[2]), input, w[1], true);
                bar.step();
                tests.add(r);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("trainFrom", w[0] / 1_000_000L);
                row.put("testFrom", w[1] / 1_000_000L);
                row.put("testTo", w[2] / 1_000_000L);
                Map<String, Object> params = new LinkedHashMap<>();
                for (Sweep s : grid) {
                    params.put(s.name, chosen.get(s.name));
                }
                row.put("chosen", Json.finite(params));
                row.put(
                        "train" + Character.toUpperCase(rank.charAt(0)) + rank.substring(1),
                        metrics(scored.get(best).metrics()).get(rank));
                row.put("test", Json.finite(metrics(r.metrics())));
                report.add(Json.finite(row));
            }
        } finally {
            pool.shutdownNow();
        }
        ProgressBars.end(parent.err());
        BacktestResult all = BacktestResult.stitch(base.capital(), tests);
        writeFiles(all);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pair", legs.pair());
            m.put("rank", rank);
            m.put("windows", report);
            m.put("metrics", Json.finite(metrics(all.metrics())));
            m.put("trades", trades(all));
            Json.print(parent.out(), m);
        } else {
            parent.out()
                    .printf(
                            "%s: walk-forward %s, %d windows, ranked by %s%n",
                            legs.pair(), walkForward, windows.size(), rank);
            for (Map<String, Object> row : report) {
                @SuppressWarnings("unchecked")
                Map<String, Object> t = (Map<String, Object>) row.get("test");
                parent.out()
                        .printf(
                                "  test %s to %s: %s (train %s %s) -> %s trades, net %s%n",
                                java.time.Instant.ofEpochMilli((long) row.get("testFrom")),
                                java.time.Instant.ofEpochMilli((long) row.get("testTo")),
                                row.get("chosen"),
                                rank,
                                row.get(
                                        "train"
                                                + Character.toUpperCase(rank.charAt(0))
                                                + rank.substring(1)),
                                t.get("trades"),
                                t.get("totalNetPnl"));
            }
            parent.out().println("out of sample:");
            metrics(all.metrics()).forEach((k, v) -> parent.out().printf("%-18s %s%n", k, v));
        }
        return 0;
    }

    /** The bars with an open time in {@code [from, to)}. */
    private static List<Bar> between(List<Bar> bars, long from, long to) {
        List<Bar> out = new ArrayList<>();
        for (Bar b : bars) {
            if (b.openTimeNanos() >= from && b.openTimeNanos() < to) {
                out.add(b);
            }
        }
        return out;
    }

    private void writeFiles(BacktestResult r) throws IOException {
        if (tradesFile != null) {
            try (Output out = Output.open(tradesFile, parent.out())) {
                writeTrades(out.writer(), r);
                out.commit();
            }
        }
        if (equityFile != null) {
            try (Output out = Output.open(equityFile, parent.out())) {
                writeEquity(out.writer(), r);
                out.commit();
            }
        }
    }

    static List<Map<String, Object>> trades(BacktestResult r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Trade t : r.trades()) {
            out.add(trade(t));
        }
        return out;
    }

    /** The closed bars of both legs, in the order the pipeline hands them to its pairs. */
    private static List<Bar> bars(PairInput.Legs legs) {
        if (legs.bars() != null) {
            return legs.bars();
        }
        List<Bar> out = new ArrayList<>();
        Pipeline p =
                Pipeline.builder()
                        .source(legs.source())
                        .symbols(legs.a(), legs.b())
                        .timeframes(legs.timeframe())
                        .onBar(out::add)
                        .build();
        legs.run(p);
        return out;
    }

    private Params base() {
        double[] v = new double[SWEEPABLE.size()];
        v[SWEEPABLE.indexOf("entry")] = entry;
        v[SWEEPABLE.indexOf("exit")] = exit;
        v[SWEEPABLE.indexOf("stop")] = stop;
        v[SWEEPABLE.indexOf("max-hold")] = maxHold;
        v[SWEEPABLE.indexOf("notional")] = notional;
        v[SWEEPABLE.indexOf("fee-bps")] = feeBps;
        v[SWEEPABLE.indexOf("slippage-bps")] = slippageBps;
        v[SWEEPABLE.indexOf("z-window")] = input.zWindow;
        v[SWEEPABLE.indexOf("hedge-window")] = input.hedgeWindow;
        return new Params(v, capital, fill);
    }

    private List<Sweep> parseSweeps() {
        List<Sweep> out = new ArrayList<>();
        for (String s : sweeps) {
            int eq = s.indexOf('=');
            String name = eq < 0 ? s : s.substring(0, eq).strip();
            if (eq < 0 || !SWEEPABLE.contains(name)) {
                throw new UserException(
                        "--sweep "
                                + s
                                + ": expected NAME=VALUES with NAME one of "
                                + String.join(", ", SWEEPABLE));
            }
            for (Sweep x : out) {
                if (x.name.equals(name)) {
                    throw new UserException("--sweep " + name + " is given twice");
                }
            }
            out.add(new Sweep(name, values(s, s.substring(eq + 1).strip())));
        }
        return out;
    }

    /** {@code from:to:step} (inclusive, step > 0) or {@code v1,v2,...}. */
    static double[] values(String option, String spec) {
        try {
            if (spec.contains(":")) {
                String[] f = spec.split(":", -1);
                if (f.length != 3) {
                    throw new UserException("--sweep " + option + ": expected from:to:step");
                }
                double from = Level.parse(f[0]);
                double to = Level.parse(f[1]);
                double step = Double.parseDouble(f[2].strip());
                if (!(step > 0) || !(to >= from) || !Double.isFinite(from + to)) {
                    throw new UserException(
                            "--sweep " + option + ": expected finite from <= to and step > 0");
                }
                long count = (long) Math.floor((to - from) / step + 1e-9) + 1;
                if (count > 100_000) {
                    throw new UserException(
                            "--sweep " + option + ": " + count + " values, too many");
                }
                double[] v = new double[(int) count];
                for (int i = 0; i < v.length; i++) {
                    v[i] = from + i * step; // not summed: no drift
                }
                return v;
            }
            String[] f = spec.split(",", -1);
            double[] v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = Level.parse(f[i]);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserException(
                    "--sweep " + option + ": not a number (" + e.getMessage() + ")");
        }
    }

    private static void writeTrades(Writer w, BacktestResult r) throws IOException {
        w.write(Trade.CSV_HEADER + "\n");
        for (Trade t : r.trades()) {
            w.write(t.toCsv() + "\n");
        }
    }

    private static void writeEquity(Writer w, BacktestResult r) throws IOException {
        long[] times = r.times();
        double[] eq = r.equity();
        double[] dd = r.drawdown();
        double[] ret = r.returns();
        int[] pos = r.positions();
        w.write("open_time,equity,drawdown,return,position\n");
        for (int i = 0; i < times.length; i++) {
            w.write(
                    times[i] / 1_000_000L
                            + ","
                            + eq[i]
                            + ","
                            + dd[i]
                            + ","
                            + ret[i]
                            + ","
                            + pos[i]
                            + "\n");
        }
    }

    /** The metrics in the documented order and names; NaN and infinities become null in JSON. */
    static Map<String, Object> metrics(BacktestMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trades", m.trades());
        out.put("wins", m.wins());
        out.put("winRate", m.winRate());
        out.put("totalNetPnl", m.totalNetPnl());
        out.put("totalFees", m.totalFees());
        out.put("grossProfit", m.grossProfit());
        out.put("grossLoss", m.grossLoss());
        out.put("profitFactor", m.profitFactor());
        out.put("avgTrade", m.avgTrade());
        out.put("avgBarsHeld", m.avgBarsHeld());
        out.put("exposure", m.exposure());
        out.put("finalEquity", m.finalEquity());
        out.put("totalReturn", m.totalReturn());
        out.put("maxDrawdown", m.maxDrawdown());
        out.put("maxDrawdownValue", m.maxDrawdownValue());
        out.put("sharpe", m.sharpe());
        out.put("sortino", m.sortino());
        out.put("calmar", m.calmar());
        out.put("annualizedReturn", m.annualizedReturn());
        return out;
    }

    /** A trade log row with SPEC §13's column names (non-finite numbers as null). */
    static Map<String, Object> trade(Trade t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trade", t.trade());
        m.put("side", t.side().name());
        m.put("entry_time", t.entryTimeNanos() / 1_000_000L);
        m.put("exit_time", t.exitTimeNanos() / 1_000_000L);
        m.put("entry_z", t.entryZ());
        m.put("exit_z", t.exitZ());
        m.put("beta", t.beta());
        m.put("qty_a", t.qtyA());
        m.put("qty_b", t.qtyB());
        m.put("entry_price_a", t.entryPriceA());
        m.put("entry_price_b", t.entryPriceB());
        m.put("exit_price_a", t.exitPriceA());
        m.put("exit_price_b", t.exitPriceB());
        m.put("fees", t.fees());
        m.put("gross_pnl", t.grossPnl());
        m.put("net_pnl", t.netPnl());
        m.put("return", t.returnOnNotional());
        m.put("bars_held", t.barsHeld());
        m.put("reason", t.reason().name());
        return Json.finite(m);
    }

    /** One swept parameter and its values. */
    private record Sweep(String name, double[] values) {}

    /**
     * One run's parameters: the {@link #SWEEPABLE} values in that order, the capital and the fill.
     */
    private record Params(double[] v, double capital, FillMode fill) {
        private static final List<String> WHOLE = List.of("max-hold", "z-window", "hedge-window");

        private double at(String name) {
            return v[SWEEPABLE.indexOf(name)];
        }

        int zWindow() {
            return (int) at("z-window");
        }

        int hedgeWindow() {
            return (int) at("hedge-window");
        }

        MeanReversionStrategy strategy() {
            return new MeanReversionStrategy(
                    at("entry"), at("exit"), at("stop"), (int) at("max-hold"), at("notional"));
        }

        Backtester.Builder backtester(PairInput.Legs legs) {
            return Backtester.builder()
                    .strategy(strategy())
                    .fill(fill)
                    .fees(FeeModel.bps(at("fee-bps")))
                    .slippage(SlippageModel.bps(at("slippage-bps")))
                    .capital(capital)
                    .timeframe(legs.timeframe());
        }

        /**
         * Runs on bars already read: its own analytics and backtester, on this thread; the
         * backtester takes the snapshots from {@code fromNanos} on.
         */
        BacktestResult run(
                PairInput.Legs legs,
                List<Bar> bars,
                PairInput input,
                long fromNanos,
                boolean keepPaths) {
            Backtester bt = backtester(legs).keepPaths(keepPaths).build();
            PairAnalytics pa =
                    input.configure(
                                    PairAnalytics.builder(legs.a(), legs.b())
                                            .timeframe(legs.timeframe())
                                            .handler(
                                                    s -> {
                                                        if (s.openTimeNanos() >= fromNanos) {
                                                            bt.onSnapshot(legs.pair(), s);
                                                        }
                                                    }),
                                    hedgeWindow(),
                                    zWindow())
                            .build();
            for (Bar b : bars) {
                pa.onBarClosed(b);
            }
            return bt.finish();
        }

        /** A value as printed: whole numbers for the windows and the holding limit. */
        Object get(String name) {
            return WHOLE.contains(name) ? (Object) (int) at(name) : (Object) at(name);
        }

        Params with(String name, double value) {
            if (WHOLE.contains(name) && (value != Math.rint(value) || value < 0 || value > 1e6)) {
                throw new UserException(
                        "--sweep " + name + ": expected whole numbers, got " + value);
            }
            double[] c = v.clone();
            c[SWEEPABLE.indexOf(name)] = value;
            return new Params(c, capital, fill);
        }

        String describe(List<Sweep> grid) {
            List<String> parts = new ArrayList<>();
            for (Sweep s : grid) {
                parts.add(s.name + "=" + get(s.name));
            }
            return String.join(" ", parts);
        }
    }

    /** A z level: a number, or {@code inf}/{@code infinity} (any case). */
    static final class Level implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return parse(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number or inf");
            }
        }

        static double parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            return t.equals("inf") || t.equals("infinity") || t.equals("+inf")
                    ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(t);
        }
    }

    /** Parses the fill mode ({@code next}, {@code close}). */
    static final class FillConverter extends Choice<FillMode> {
        FillConverter() {
            super(FillMode.class, "fill");
        }
    }
}
