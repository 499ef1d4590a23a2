package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.alert.AlertRules;
import org.quantstream.core.alert.AlertSinks;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.BarReadOptions;
import org.quantstream.core.io.BarReader;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.io.TickReader;
import org.quantstream.core.pair.MissingLeg;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineStatus;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.regression.HedgeRatio;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quant pair}: pair analytics of two legs from tick files or a store, through the same
 * {@link Pipeline} an app embeds, with alert rules.
 */
@Command(
        name = "pair",
        description =
                "Pair analytics of two legs, one row per aligned bar time: prices, hedge ratio and"
                        + " intercept, spread, its z-score, the correlation of returns, rolling ADF"
                        + " and half-life; with --rules, the alerts they fire. Inputs: tick files or"
                        + " bar files (--a, --b) or a store (--store with --symbol-a, --symbol-b).")
final class PairCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(
            names = "--a",
            paramLabel = "FILE",
            description = "Tick or bar file of leg A (regressed on).")
    private Path fileA;

    @Option(names = "--b", paramLabel = "FILE", description = "Tick or bar file of leg B.")
    private Path fileB;

    @Option(names = "--store", paramLabel = "DIR", description = "A Chronicle tick store instead.")
    private Path store;

    @Option(names = "--symbol-a", paramLabel = "S", description = "Leg A's symbol (a store's).")
    private String symbolA;

    @Option(names = "--symbol-b", paramLabel = "S", description = "Leg B's symbol (a store's).")
    private String symbolB;

    @Option(
            names = "--timeframe",
            defaultValue = "1s",
            paramLabel = "TF",
            description = "Bar timeframe (default: ${DEFAULT-VALUE}).")
    private String timeframe;

    @Option(
            names = "--hedge",
            defaultValue = "rolling-ols",
            converter = HedgeConverter.class,
            paramLabel = "METHOD",
            description =
                    "ols (expanding), rolling-ols, recursive-ols, huber (rolling), tls (rolling),"
                            + " kalman (default: ${DEFAULT-VALUE}).")
    private HedgeMethod hedge;

    @Option(
            names = "--hedge-window",
            defaultValue = "120",
            paramLabel = "N",
            description = "Window of rolling-ols, huber and tls (default: ${DEFAULT-VALUE}).")
    private int hedgeWindow;

    @Option(
            names = "--lambda",
            defaultValue = "0.99",
            paramLabel = "L",
            description = "Forgetting factor of recursive-ols (default: ${DEFAULT-VALUE}).")
    private double lambda;

    @Option(
            names = "--delta",
            defaultValue = "1e-4",
            paramLabel = "D",
            description = "Kalman state drift (default: ${DEFAULT-VALUE}).")
    private double delta;

    @Option(
            names = "--ve",
            defaultValue = "1e-3",
            paramLabel = "V",
            description = "Kalman observation variance (default: ${DEFAULT-VALUE}).")
    private double ve;

    @Option(
            names = "--z-window",
            defaultValue = "60",
            paramLabel = "N",
            description = "z-score window (default: ${DEFAULT-VALUE}).")
    private int zWindow;

    @Option(
            names = "--corr-window",
            defaultValue = "60",
            paramLabel = "N",
            description = "Correlation window (default: ${DEFAULT-VALUE}).")
    private int corrWindow;

    @Option(
            names = "--adf-window",
            defaultValue = "120",
            paramLabel = "N",
            description = "Rolling ADF window, lag 1 (default: ${DEFAULT-VALUE}).")
    private int adfWindow;

    @Option(
            names = "--log-prices",
            defaultValue = "true",
            arity = "1",
            paramLabel = "BOOL",
            description = "Regress log prices (default: ${DEFAULT-VALUE}).")
    private boolean logPrices;

    @Option(
            names = "--missing-leg",
            defaultValue = "skip",
            paramLabel = "skip|ffill",
            description = "A time with one leg only: skipped, or the other forward-filled.")
    private String missingLeg;

    @Option(names = "--rules", paramLabel = "FILE", description = "Alert rules (JSON).")
    private Path rules;

    @Option(
            names = "--alerts",
            paramLabel = "FILE",
            description = "Where the alerts go, as JSON lines (default: stderr, one line each).")
    private Path alertsFile;

    @Option(names = "--output", paramLabel = "FILE", description = "The table (default: stdout).")
    private Path output;

    @Option(
            names = "--format",
            defaultValue = "csv",
            paramLabel = "csv|json",
            description = "The table's format: CSV or JSON lines (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(
            names = "--json",
            description = "After the table, print a JSON summary: snapshots, alerts, suppressed.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("csv") && !format.equals("json")) {
            throw new UserException("--format must be csv or json, was " + format);
        }
        MissingLeg missing =
                switch (missingLeg) {
                    case "skip" -> MissingLeg.SKIP;
                    case "ffill" -> MissingLeg.FORWARD_FILL;
                    default ->
                            throw new UserException(
                                    "--missing-leg must be skip or ffill, was " + missingLeg);
                };
        Timeframe tf;
        try {
            tf = Timeframe.parse(timeframe);
        } catch (IllegalArgumentException e) {
            throw new UserException("--timeframe: " + e.getMessage());
        }
        List<AlertRule> ruleList = rules == null ? List.of() : AlertRules.read(rules);
        Symbol a;
        Symbol b;
        TickSource source;
        List<Bar> bars = null;
        ChronicleTickStore opened = null;
        if (store != null) {
            if (fileA != null || fileB != null) {
                throw new UserException("give either --a and --b or --store, not both");
            }
            if (symbolA == null || symbolB == null) {
                throw new UserException("--store needs --symbol-a and --symbol-b");
            }
            if (!Files.isDirectory(store)) {
                throw new UserException(store + ": no tick store (not a directory)");
            }
            a = Symbol.of(symbolA);
            b = Symbol.of(symbolB);
            opened =
                    ChronicleTickStore.open(
                            ChronicleTickStoreConfig.builder(store).readOnly(true).build());
            source = TickSource.replay(opened, Long.MIN_VALUE, Long.MAX_VALUE);
        } else {
            if (fileA == null || fileB == null) {
                throw new UserException("give --a FILE and --b FILE, or --store DIR");
            }
            List<Path> files = List.of(TickInputs.resolve(fileA), TickInputs.resolve(fileB));
            List<Bar> barsA = barsOrNull(files.get(0));
            List<Bar> barsB = barsOrNull(files.get(1));
            if ((barsA == null) != (barsB == null)) {
                throw new UserException("--a and --b must both be tick files or both bar files");
            }
            if (barsA != null) {
                bars = merge(barsA, barsB);
                a = barsA.get(0).symbol();
                b = barsB.get(0).symbol();
                tf = (Timeframe) barsA.get(0).spec();
                if (!barsB.get(0).spec().equals(tf)) {
                    throw new UserException(
                            "the bar files have different timeframes: "
                                    + tf
                                    + " and "
                                    + barsB.get(0).spec());
                }
                source = TickSource.files(List.of(), ReadOptions.defaults()); // no ticks
            } else {
                // every line checked first: a bad file changes nothing and says where
                TickFiles.validate(files, ReadOptions.defaults());
                a = symbolA != null ? Symbol.of(symbolA) : firstSymbol(files.get(0));
                b = symbolB != null ? Symbol.of(symbolB) : firstSymbol(files.get(1));
                source = TickSource.files(files, ReadOptions.defaults());
            }
            if (a == b) {
                throw new UserException("both legs are " + a + ": give two symbols");
            }
        }
        String pairName = a + "/" + b;
        List<Alert> alerts = new ArrayList<>();
        long[] rows = {0};
        try (Output out = Output.open(output, parent.out());
                AlertSinks.JsonLinesSink alertLines =
                        alertsFile == null ? null : AlertSinks.jsonLines(alertsFile)) {
            Writer w = out.writer();
            if (format.equals("csv")) {
                w.write(
                        "open_time,price_a,price_b,beta,alpha,spread,z,corr,adf_stat,adf_p,half_life\n");
            }
            Pipeline p =
                    Pipeline.builder()
                            .source(source)
                            .symbols(a, b)
                            .timeframes(tf)
                            .pair(
                                    a,
                                    b,
                                    pb ->
                                            pb.hedge(hedgeRatio())
                                                    .logPrices(logPrices)
                                                    .zWindow(zWindow)
                                                    .correlationWindow(corrWindow)
                                                    .adf(adfWindow, Trend.C, Autolag.NONE, 1)
                                                    .missingLeg(missing, 1))
                            .rules(ruleList)
                            .onPair(
                                    (name, s) -> {
                                        rows[0]++;
                                        row(w, s);
                                    })
                            .onAlert(
                                    alert -> {
                                        alerts.add(alert);
                                        if (alertLines != null) {
                                            alertLines.onAlert(alert);
                                        } else {
                                            parent.err().println(AlertSinks.describe(alert));
                                        }
                                    })
                            .errorHandler(e -> {})
                            .build();
            PipelineStatus end;
            if (bars == null) {
                end = p.run();
            } else {
                // bars read from files: handed to the same stages in time order, on this thread
                p.doWork();
                for (Bar bar : bars) {
                    p.acceptBar(bar);
                }
                p.close();
                end = p.status();
            }
            if (end == PipelineStatus.FAILED) {
                Throwable f = p.failure();
                throw f instanceof RuntimeException r ? r : new IllegalStateException(f);
            }
            if (p.stats().sinkErrors() > 0) {
                throw new UserException("cannot write the table or the alerts (see above)");
            }
            out.commit();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("pair", pairName);
                m.put("snapshots", rows[0]);
                List<Map<String, Object>> list = new ArrayList<>();
                for (Alert x : alerts) {
                    Map<String, Object> am = new LinkedHashMap<>();
                    am.put("rule", x.rule());
                    am.put("target", x.target());
                    am.put("metric", x.metric());
                    am.put("condition", x.condition().name());
                    am.put("lower", jnum(x.lower()));
                    am.put("upper", jnum(x.upper()));
                    am.put("value", jnum(x.value()));
                    am.put("previous", jnum(x.previous()));
                    am.put("time", x.eventTimeNanos() / 1_000_000L);
                    list.add(am);
                }
                m.put("alerts", list);
                Map<String, Object> suppressed = new LinkedHashMap<>();
                for (AlertRule r : ruleList) {
                    suppressed.put(r.name(), p.alertsSuppressed(r.name()));
                }
                m.put("suppressed", suppressed);
                Json.print(parent.out(), m);
            } else {
                parent.err()
                        .printf(
                                "%s: %d aligned times, %d alerts%n",
                                pairName, rows[0], alerts.size());
            }
        } finally {
            if (opened != null) {
                opened.close();
            }
        }
        return 0;
    }

    private HedgeRatio hedgeRatio() {
        return hedge.create(hedgeWindow, lambda, delta, ve);
    }

    /** The file's bars if it is a bar file; null for a tick file. */
    private static List<Bar> barsOrNull(Path file) throws IOException {
        try (TickReader r = TickReader.open(file, ReadOptions.defaults())) {
            r.next(new MutableTick());
            return null;
        } catch (InputFormatException asTicks) {
            if (asTicks.line() > 1) {
                throw asTicks; // a tick file with a bad line
            }
            List<Bar> bars;
            try {
                bars = BarReader.read(file, BarReadOptions.defaults());
            } catch (InputFormatException asBars) {
                throw new UserException(
                        file
                                + " is neither a tick file ("
                                + asTicks.getMessage()
                                + ") nor a bar file ("
                                + asBars.getMessage()
                                + ")");
            }
            if (bars.isEmpty()) {
                throw new UserException(file + ": no bar in it");
            }
            if (!(bars.get(0).spec() instanceof Timeframe)) {
                throw new UserException(file + ": pair analytics needs time bars");
            }
            return bars;
        }
    }

    /** Two legs' bars in open-time order (A before B at the same time). */
    private static List<Bar> merge(List<Bar> x, List<Bar> y) {
        List<Bar> out = new ArrayList<>(x.size() + y.size());
        int i = 0;
        int j = 0;
        while (i < x.size() || j < y.size()) {
            if (j == y.size()
                    || (i < x.size() && x.get(i).openTimeNanos() <= y.get(j).openTimeNanos())) {
                out.add(x.get(i++));
            } else {
                out.add(y.get(j++));
            }
        }
        return out;
    }

    private static Symbol firstSymbol(Path file) throws IOException {
        try (TickReader r = TickReader.open(file, ReadOptions.defaults())) {
            MutableTick t = new MutableTick();
            if (!r.next(t)) {
                throw new UserException(file + ": no trade in it");
            }
            return t.symbol();
        }
    }

    private void row(Writer w, PairSnapshot s) {
        try {
            long ms = s.openTimeNanos() / 1_000_000L;
            if (format.equals("csv")) {
                w.write(
                        ms
                                + ","
                                + num(s.priceA())
                                + ","
                                + num(s.priceB())
                                + ","
                                + num(s.beta())
                                + ","
                                + num(s.alpha())
                                + ","
                                + num(s.spread())
                                + ","
                                + num(s.zScore())
                                + ","
                                + num(s.correlation())
                                + ","
                                + num(s.adfStatistic())
                                + ","
                                + num(s.adfPValue())
                                + ","
                                + num(s.halfLife())
                                + "\n");
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("open_time", ms);
                m.put("price_a", jnum(s.priceA()));
                m.put("price_b", jnum(s.priceB()));
                m.put("beta", jnum(s.beta()));
                m.put("alpha", jnum(s.alpha()));
                m.put("spread", jnum(s.spread()));
                m.put("z", jnum(s.zScore()));
                m.put("corr", jnum(s.correlation()));
                m.put("adf_stat", jnum(s.adfStatistic()));
                m.put("adf_p", jnum(s.adfPValue()));
                m.put("half_life", jnum(s.halfLife()));
                w.write(Json.compact(m) + "\n");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Shortest round-trip text; NaN as an empty field. */
    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static Object jnum(double v) {
        return Double.isFinite(v) ? (Object) v : null;
    }

    /** Parses the hedge method as typed ({@code rolling-ols}). */
    static final class HedgeConverter extends Choice<HedgeMethod> {
        HedgeConverter() {
            super(HedgeMethod.class, "hedge");
        }
    }
}
