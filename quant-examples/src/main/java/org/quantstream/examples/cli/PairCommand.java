package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.Writer;
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
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.tick.Symbol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin private PairInput input;

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
        List<AlertRule> ruleList = rules == null ? List.of() : AlertRules.read(rules);
        try (PairInput.Legs legs = input.open()) {
            return table(legs, ruleList);
        }
    }

    private int table(PairInput.Legs legs, List<AlertRule> ruleList) throws IOException {
        Symbol a = legs.a();
        Symbol b = legs.b();
        String pairName = legs.pair();
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
                            .source(legs.source())
                            .symbols(a, b)
                            .timeframes(legs.timeframe())
                            .pair(
                                    a,
                                    b,
                                    pb ->
                                            input.configure(pb)
                                                    .correlationWindow(corrWindow)
                                                    .adf(adfWindow, Trend.C, Autolag.NONE, 1))
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
            legs.run(p);
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
        }
        return 0;
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
}
