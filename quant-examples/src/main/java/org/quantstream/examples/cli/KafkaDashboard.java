package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.alert.AlertEngine;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.alert.AlertRules;
import org.quantstream.core.alert.AlertSinks;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.op.UnivariateOperator;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.stats.RollingMean;
import org.quantstream.core.stats.RollingStd;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.tick.Symbol;
import org.quantstream.examples.dashboard.DashboardServer;
import org.quantstream.kafka.TopicOutputs;

/**
 * The dashboard of a cluster ({@code quant dashboard --kafka}): what the workers write to the bars,
 * snapshots and alerts topics, read from their start ({@link TopicOutputs#fromStart}, no consumer
 * group) and shown live on the same page as the one-process dashboard. The workers' pipeline file
 * says what they compute: the page picks which of their pairs and symbols it draws, and cannot
 * change the computation (the settings and rules it would change are refused with the file's name).
 * The tabs that read a local store (overview, correlation, statistics, backtest, data) are not
 * offered.
 *
 * <p>Thread-safe: the reader thread, the page's requests and the stats loop meet under this
 * object's lock.
 */
final class KafkaDashboard implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Alerts kept for pages that open later. */
    static final int KEEP_ALERTS = 1000;

    private final String bootstrap;
    private final List<String> outputs;
    private final Path file;
    private final PipelineConfig config;
    private final Map<String, PipelineFile.PairFields> pairs = new LinkedHashMap<>();
    private final DashboardServer server;
    private final PrintStream out;
    private final int window;

    /** Per symbol: its analysis-timeframe bars as page messages, the last {@code KEEP_BARS}. */
    private final Map<Symbol, ArrayDeque<String>> bars = new HashMap<>();

    /** Per symbol: rolling mean, std and z-score of the closes over {@link #window}. */
    private final Map<Symbol, UnivariateOperator[]> ops = new HashMap<>();

    private final Map<String, ArrayDeque<String>> snapshots = new HashMap<>();
    private final ArrayDeque<Alert> alerts = new ArrayDeque<>();
    private final Map<String, Long> fired = new HashMap<>();
    private long barsRead;
    private long snapshotsRead;
    private long alertsRead;

    private String pair;
    private List<Symbol> shown;
    private double entry = 2;
    private double exit = 0;
    private long rebuilds;

    private Thread reader;
    private volatile boolean closed;
    private volatile TopicOutputs topics;
    private volatile String readError;

    /**
     * @param bootstrap the brokers
     * @param outputs the bars, snapshots and alerts topics
     * @param pipelineFile the workers' pipeline file
     * @param server the dashboard
     * @param out where alerts are printed
     */
    KafkaDashboard(
            String bootstrap,
            List<String> outputs,
            Path pipelineFile,
            DashboardServer server,
            PrintStream out)
            throws IOException {
        this.bootstrap = bootstrap;
        this.outputs = List.copyOf(outputs);
        this.file = pipelineFile;
        PipelineFile f = PipelineFile.read(pipelineFile);
        this.config = f.analytics();
        for (PipelineFile.PairFields p : f.pairs()) {
            pairs.put(p.name(), p);
        }
        if (pairs.isEmpty()) {
            throw new UserException(
                    pipelineFile + ": pairs: the dashboard shows a pair; the file has none");
        }
        this.server = server;
        this.out = out;
        PipelineFile.PairFields first = pairs.values().iterator().next();
        this.window = first.zWindow();
        this.pair = first.name();
        this.shown = legsAndAll(first, List.of());
    }

    /** The dashboard's endpoints of the cluster: settings and rules, read-only but the choice. */
    void serve() {
        server.onGet("/api/settings", this::settingsJson);
        server.onPost("/api/settings", this::updateSettings);
        server.onGet("/api/rules", this::rulesJson);
        server.onPost("/api/rules", this::updateRules);
    }

    /** Starts reading the topics (a daemon thread). */
    synchronized void start() {
        publishSettings();
        reader = new Thread(this::read, "quant-dashboard-kafka");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (TopicOutputs t =
                TopicOutputs.fromStart(
                        bootstrap, outputs, this::onBar, this::onSnapshot, this::onAlert)) {
            topics = t;
            while (!closed) {
                try {
                    t.poll(Duration.ofMillis(200));
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                    break;
                } catch (RuntimeException e) {
                    // a record that cannot be read: said once per kind, the reading goes on
                    String why = e.toString();
                    if (!why.equals(readError)) {
                        readError = why;
                        System.err.println("quant dashboard: " + why);
                    }
                }
            }
        }
    }

    /** Whether the reader has reached the end of the history once. */
    private boolean live() {
        TopicOutputs t = topics;
        return t != null && t.caughtUp();
    }

    private synchronized void onBar(Bar bar) {
        if (!bar.timeframe().equals(config.analysisTimeframe())) {
            return;
        }
        barsRead++;
        UnivariateOperator[] o =
                ops.computeIfAbsent(
                        bar.symbol(),
                        s ->
                                new UnivariateOperator[] {
                                    new RollingMean(window),
                                    new RollingStd(window),
                                    new RollingZScore(window)
                                });
        Map<String, Object> m = DashboardLive.barMessage(bar);
        String[] names = {"mean", "std", "z"};
        for (int i = 0; i < o.length; i++) {
            o[i].update(bar.close());
            m.put(names[i], o[i].isReady() ? o[i].value() : null);
        }
        String json = Json.compact(m);
        keep(bars.computeIfAbsent(bar.symbol(), s -> new ArrayDeque<>()), json);
        if (shown.contains(bar.symbol())) {
            server.publish("bar:" + bar.symbol(), DashboardLive.KEEP_BARS, json);
        }
    }

    private synchronized void onSnapshot(String name, PairSnapshot p) {
        snapshotsRead++;
        String json = DashboardLive.pairMessage(p);
        keep(snapshots.computeIfAbsent(name, n -> new ArrayDeque<>()), json);
        if (name.equals(pair)) {
            server.publish("pair", DashboardLive.KEEP_BARS, json);
        }
    }

    private synchronized void onAlert(Alert a) {
        alertsRead++;
        fired.merge(a.rule(), 1L, Long::sum);
        alerts.addLast(a);
        if (alerts.size() > KEEP_ALERTS) {
            alerts.removeFirst();
        }
        boolean replay = !live();
        if (!replay) {
            out.println(AlertSinks.describe(a));
        }
        server.publish("alert", KEEP_ALERTS, DashboardLive.alertMessage(a, replay));
    }

    private static void keep(ArrayDeque<String> q, String json) {
        q.addLast(json);
        if (q.size() > DashboardLive.KEEP_BARS) {
            q.removeFirst();
        }
    }

    /** The symbols drawn: the chosen ones that the workers follow, and the pair's legs. */
    private List<Symbol> legsAndAll(PipelineFile.PairFields p, List<Symbol> chosen) {
        List<Symbol> s = new ArrayList<>(chosen);
        for (Symbol leg : List.of(p.a(), p.b())) {
            if (!s.contains(leg)) {
                s.add(leg);
            }
        }
        return s;
    }

    /** {@code GET /api/settings}. */
    synchronized String settingsJson() {
        return Json.compact(settings());
    }

    private Map<String, Object> settings() {
        PipelineFile.PairFields p = pairs.get(pair);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "kafka");
        m.put("config", file.toString());
        m.put("symbolA", p.a().name());
        m.put("symbolB", p.b().name());
        m.put("timeframe", config.analysisTimeframe().toString());
        m.put("window", p.zWindow());
        m.put("hedge", p.hedge().toString());
        m.put("hedgeWindow", p.hedgeWindow());
        m.put("delta", p.delta());
        m.put("ve", p.ve());
        m.put("entry", entry);
        m.put("exit", exit);
        m.put("symbols", config.symbols().stream().map(Symbol::name).toList());
        m.put("shown", shown.stream().map(Symbol::name).toList());
        m.put("pairs", List.copyOf(pairs.keySet()));
        m.put("timeframes", List.of(config.analysisTimeframe().toString()));
        m.put("symbolMetrics", AlertEngine.BAR_METRICS);
        m.put("pairMetrics", AlertEngine.PAIR_METRICS);
        m.put("hedges", List.of(p.hedge().toString()));
        m.put("collecting", false);
        m.put("rebuilds", rebuilds);
        m.put("paper", null);
        return m;
    }

    private void publishSettings() {
        Map<String, Object> m = new LinkedHashMap<>(settings());
        m.put("type", "settings");
        server.publish("settings", 1, Json.compact(m));
    }

    /**
     * {@code POST /api/settings}: the pair drawn ({@code symbolA}, {@code symbolB}: one of the
     * workers' pairs), the symbols drawn ({@code symbols}) and the page's entry and exit levels.
     * What the workers compute (timeframe, window, hedge and its parameters) is refused when it
     * differs from the file. The page's history is drawn again from what was read.
     */
    synchronized String updateSettings(String body) {
        JsonNode req = Json.request(body, DashboardSettings.FIELDS);
        PipelineFile.PairFields now = pairs.get(pair);
        String a = req.path("symbolA").asText(now.a().name());
        String b = req.path("symbolB").asText(now.b().name());
        PipelineFile.PairFields next = pairs.get(a + "/" + b);
        if (next == null) {
            throw new IllegalArgumentException(
                    "symbolA, symbolB: the workers compute the pairs "
                            + String.join(", ", pairs.keySet())
                            + "; "
                            + a
                            + "/"
                            + b
                            + " is not one of them (change "
                            + file
                            + " and restart the workers for another)");
        }
        fixed(req, "timeframe", config.analysisTimeframe().toString());
        fixed(req, "window", String.valueOf(next.zWindow()));
        fixed(req, "hedge", next.hedge().toString());
        fixed(req, "hedgeWindow", String.valueOf(next.hedgeWindow()));
        fixed(req, "delta", String.valueOf(next.delta()));
        fixed(req, "ve", String.valueOf(next.ve()));
        List<Symbol> chosen = new ArrayList<>();
        if (req.has("symbols")) {
            if (!req.get("symbols").isArray()) {
                throw new IllegalArgumentException("symbols: expected an array of symbols");
            }
            for (JsonNode s : req.get("symbols")) {
                Symbol x = Symbol.of(s.asText());
                if (!config.symbols().contains(x)) {
                    throw new IllegalArgumentException(
                            "symbols: the workers follow "
                                    + config.symbols()
                                    + "; "
                                    + s.asText()
                                    + " is not one of them");
                }
                chosen.add(x);
            }
        } else {
            chosen.addAll(shown);
        }
        double[] lv = DashboardSettings.levels(req, entry, exit);
        pair = next.name();
        shown = legsAndAll(next, chosen);
        entry = lv[0];
        exit = lv[1];
        rebuilds++;
        // the page starts again from what was read: the chosen pair's history, the shown symbols'
        server.clear(k -> k.startsWith("bar:") || k.equals("pair") || k.equals("alert"));
        publishSettings();
        for (Symbol s : shown) {
            for (String json : bars.getOrDefault(s, new ArrayDeque<>())) {
                server.publish("bar:" + s, DashboardLive.KEEP_BARS, json);
            }
        }
        for (String json : snapshots.getOrDefault(pair, new ArrayDeque<>())) {
            server.publish("pair", DashboardLive.KEEP_BARS, json);
        }
        List<Alert> inTime = new ArrayList<>(alerts);
        inTime.sort(java.util.Comparator.comparingLong(Alert::eventTimeNanos));
        for (Alert x : inTime) {
            server.publish("alert", KEEP_ALERTS, DashboardLive.alertMessage(x, true));
        }
        return settingsJson();
    }

    private void fixed(JsonNode req, String field, String value) {
        if (!req.has(field)) {
            return;
        }
        JsonNode v = req.get(field);
        boolean same =
                v.isNumber() ? v.asDouble() == Double.parseDouble(value) : v.asText().equals(value);
        if (!same) {
            throw new IllegalArgumentException(
                    field
                            + ": the workers compute "
                            + value
                            + " (set in "
                            + file
                            + "); the dashboard of a cluster cannot change it, was "
                            + v);
        }
    }

    /** {@code GET /api/rules}: the workers' rules, each with the alerts of it read so far. */
    synchronized String rulesJson() {
        ArrayNode a = JSON.createArrayNode();
        for (AlertRule r : config.rules()) {
            try {
                ObjectNode o = (ObjectNode) JSON.readTree(AlertRules.toJson(r));
                o.put("enabled", true);
                o.put("fired", fired.getOrDefault(r.name(), 0L));
                a.add(o);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return a.toString();
    }

    /** {@code POST /api/rules}: refused, the rules are the workers'. */
    String updateRules(String body) {
        throw new IllegalArgumentException(
                "the alert rules are the workers' (set in "
                        + file
                        + "): change the file and restart the workers");
    }

    /**
     * The header's counters: ticks in the ticks topic and their rate, what was read of the outputs.
     *
     * @param ticks records in the ticks topic, or -1 when unknown
     * @param ticksPerSecond their growth
     */
    synchronized void publishStats(long ticks, double ticksPerSecond) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "stats");
        m.put("state", live() ? "cluster" : topics == null ? "connecting" : "reading history");
        m.put("ticks", ticks < 0 ? null : ticks);
        m.put("rate", Math.round(ticksPerSecond));
        m.put("lagMs", null);
        m.put("stored", ticks < 0 ? null : ticks);
        m.put("bars", barsRead);
        m.put("snapshots", snapshotsRead);
        m.put("alerts", alertsRead);
        for (String feed : List.of("reconnects", "gaps", "backfilled", "duplicates", "malformed")) {
            m.put(feed, null); // the collectors' counters, in their own processes
        }
        server.publish("stats", 1, Json.compact(m));
    }

    /** What was read: bars (of the analysis timeframe), snapshots, alerts. */
    synchronized long[] counts() {
        return new long[] {barsRead, snapshotsRead, alertsRead};
    }

    @Override
    public void close() {
        closed = true;
        Thread r;
        synchronized (this) {
            r = reader;
        }
        if (r != null) {
            try {
                r.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
