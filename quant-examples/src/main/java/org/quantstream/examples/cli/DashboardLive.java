package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.alert.AlertRules;
import org.quantstream.core.alert.AlertSinks;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.OperatorInput;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineStats;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.stats.RollingMean;
import org.quantstream.core.stats.RollingStd;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.tick.Symbol;
import org.quantstream.examples.dashboard.DashboardServer;

/**
 * The dashboard's live engine: one public {@link Pipeline} on the store (tailed while the feed
 * collects, read to its end once collection stopped) built from the page's {@link
 * DashboardSettings} and alert rules, and what it shows of it (console lines, dashboard messages).
 * A change of settings or rules builds the next pipeline first (a bad one changes nothing), then
 * closes the running one, clears the page's history and starts the new one from the store's start:
 * the charts, pair analytics and alerts are those of the new configuration over the whole history,
 * with no restart of the process.
 *
 * <p>Thread-safe: the page's requests (the dashboard's API thread) and the command's main thread
 * meet under this object's lock; the handlers run on the pipeline's thread.
 */
final class DashboardLive implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bars kept per symbol for pages that open later (and drawn at most). */
    static final int KEEP_BARS = 2_000;

    private final TickStore store;
    private final List<Symbol> symbols;
    private final DashboardServer server;
    private final PrintStream out;
    private final boolean printBars;
    private final Map<String, RuleEntry> rules = new LinkedHashMap<>();
    private DashboardSettings settings;
    private Pipeline pipeline;

    /** Drives the pipeline when uploaded bars take part (null: the pipeline's own thread). */
    private Driver driver;

    /** The uploaded series (null: none can be). */
    private DashboardData data;

    private View view;
    private boolean collecting = true;

    /** The paper switch: the Backtest tab's parameters when on, null when off. */
    private JsonNode paper;

    private long rebuilds;

    /** A rule and whether the pipeline runs it. */
    private record RuleEntry(AlertRule rule, boolean enabled) {}

    /**
     * @param store the store the feed appends to
     * @param symbols the symbols collected
     * @param server the dashboard, or null for none
     * @param out where alerts (and bars) are printed
     * @param printBars whether every bar is printed too
     */
    DashboardLive(
            TickStore store,
            List<Symbol> symbols,
            DashboardServer server,
            PrintStream out,
            boolean printBars) {
        this.store = store;
        this.symbols = List.copyOf(symbols);
        this.server = server;
        this.out = out;
        this.printBars = printBars;
    }

    /** Lets the page follow uploaded series too (set before {@link #start}). */
    synchronized void attach(DashboardData uploads) {
        this.data = uploads;
    }

    /** The collected symbols and the uploaded ones. */
    private List<Symbol> available() {
        List<Symbol> all = new ArrayList<>(symbols);
        if (data != null) {
            data.uploadedSymbols().forEach(u -> all.add(Symbol.of(u)));
        }
        return all;
    }

    /** Starts the first pipeline, tailing the store. */
    synchronized void start(DashboardSettings first, List<AlertRule> firstRules) {
        Map<String, RuleEntry> r = new LinkedHashMap<>();
        for (AlertRule x : firstRules) {
            r.put(x.name(), new RuleEntry(x, true));
        }
        apply(first, r);
    }

    /** The dashboard's endpoints of this engine: settings and alert rules. */
    void serve(DashboardServer d) {
        d.onGet("/api/settings", this::settingsJson);
        d.onPost("/api/settings", this::updateSettings);
        d.onGet("/api/rules", this::rulesJson);
        d.onPost("/api/rules", this::updateRules);
        d.onPost("/api/paper", this::updatePaper);
    }

    /** The settings now (for the tabs that read the store). */
    synchronized DashboardSettings settings() {
        return settings;
    }

    /** The running (or, once collection ended, the last) pipeline. */
    synchronized Pipeline pipeline() {
        return pipeline;
    }

    /** The last pair snapshot of the running pipeline, or null. */
    synchronized PairSnapshot lastSnapshot() {
        return view.last;
    }

    /** The spread values of the running pipeline so far, in time order. */
    synchronized double[] spreads() {
        synchronized (view.spreads) {
            return view.spreads.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /**
     * Collection stopped: waits (up to {@code timeout}) until the pipeline has read all {@code
     * stored} records, then closes it, its open bars flushed. Later pipelines read the store to its
     * end.
     */
    synchronized void endCollection(long stored, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pipeline.stats().ticks() < stored && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        stopPipeline();
        collecting = false;
    }

    /**
     * Collection started again (after {@link #endCollection}): the pipeline tails the store once
     * more, so what the feed appends is drawn.
     */
    synchronized void resumeTail() {
        if (!collecting) {
            collecting = true;
            apply(settings, rules);
        }
    }

    /** {@code GET /api/settings}. */
    synchronized String settingsJson() {
        Map<String, Object> m = settings.toMap(available());
        m.put("collecting", collecting);
        m.put("rebuilds", rebuilds);
        m.put("paper", paper);
        return Json.compact(m);
    }

    /** {@code POST /api/settings}: the fields given changed, the pipeline rebuilt. */
    synchronized String updateSettings(String body) {
        apply(settings.update(body, available()), rules);
        return settingsJson();
    }

    /** {@code GET /api/rules}: every rule, as the rules file holds it, with {@code enabled}. */
    synchronized String rulesJson() {
        ArrayNode a = JSON.createArrayNode();
        for (RuleEntry e : rules.values()) {
            try {
                com.fasterxml.jackson.databind.node.ObjectNode o =
                        (com.fasterxml.jackson.databind.node.ObjectNode)
                                JSON.readTree(AlertRules.toJson(e.rule()));
                o.put("enabled", e.enabled());
                // delivered by the running pipeline, the history read again included
                o.put("fired", view.fired.getOrDefault(e.rule().name(), 0L));
                a.add(o);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return a.toString();
    }

    /**
     * {@code POST /api/rules}: {@code {"add": rule}} (a rule as the rules file holds it), {@code
     * {"delete": name}}, {@code {"enable": name, "enabled": bool}} or {@code {"clear": true}}; the
     * pipeline is rebuilt with the enabled rules. Answers the rules.
     */
    synchronized String updateRules(String body) {
        JsonNode req = Json.request(body, List.of("add", "delete", "enable", "enabled", "clear"));
        Map<String, RuleEntry> next = new LinkedHashMap<>(rules);
        if (req.has("add")) {
            AlertRule r;
            try {
                r =
                        AlertRules.read(JSON.createArrayNode().add(req.get("add")), Path.of("add"))
                                .get(0);
            } catch (InputFormatException e) {
                throw new IllegalArgumentException(
                        e.getMessage().replace("add: rule 0, ", "").replace("add: rule 0: ", ""));
            }
            if (next.containsKey(r.name())) {
                throw new IllegalArgumentException(
                        "name: a rule named " + r.name() + " exists; delete it first");
            }
            next.put(r.name(), new RuleEntry(r, true));
        } else if (req.has("delete")) {
            if (next.remove(name(req, "delete", next)) == null) {
                throw new IllegalStateException("unreachable");
            }
        } else if (req.has("enable")) {
            String n = name(req, "enable", next);
            JsonNode on = req.path("enabled");
            if (!on.isBoolean()) {
                throw new IllegalArgumentException("enabled: expected true or false, was " + on);
            }
            next.put(n, new RuleEntry(next.get(n).rule(), on.asBoolean()));
        } else if (req.path("clear").asBoolean(false)) {
            next.clear();
        } else {
            throw new IllegalArgumentException(
                    "expected one of add, delete, enable (with enabled), clear");
        }
        apply(settings, next);
        return rulesJson();
    }

    /**
     * {@code POST /api/paper}: {@code {"on": true, ...the Backtest tab's fields}} runs that
     * strategy on the pipeline (a second {@link org.quantstream.core.pipeline.PairListener}): it
     * trades the history read again, then every new bar, and publishes its position, equity and
     * closed trades as they change; {@code {"on": false}} stops it. Answers the settings.
     */
    synchronized String updatePaper(String body) {
        List<String> fields = new ArrayList<>(DashboardBacktest.FIELDS);
        fields.add("on");
        JsonNode req = Json.request(body, fields);
        JsonNode on = req.path("on");
        if (!on.isBoolean()) {
            throw new IllegalArgumentException("on: expected true or false, was " + on);
        }
        JsonNode next = null;
        if (on.asBoolean()) {
            com.fasterxml.jackson.databind.node.ObjectNode p = req.deepCopy();
            p.remove("on");
            DashboardBacktest.parse(p, settings); // a bad parameter changes nothing
            next = p;
        }
        JsonNode before = paper;
        paper = next;
        try {
            apply(settings, rules);
        } catch (RuntimeException e) {
            paper = before;
            throw e;
        }
        return settingsJson();
    }

    private static String name(JsonNode req, String field, Map<String, RuleEntry> rules) {
        JsonNode n = req.get(field);
        if (!n.isTextual() || !rules.containsKey(n.asText())) {
            throw new IllegalArgumentException(
                    field + ": no rule named " + n + "; rules: " + rules.keySet());
        }
        return n.asText();
    }

    /**
     * Builds the pipeline of {@code s} and {@code r} (an error here changes nothing), then swaps it
     * in: the old one closed, the page's history cleared, the new settings published, the new
     * pipeline started from the store's start.
     */
    private void apply(DashboardSettings s, Map<String, RuleEntry> r) {
        List<AlertRule> enabled = new ArrayList<>();
        r.values().stream().filter(RuleEntry::enabled).forEach(e -> enabled.add(e.rule()));
        View v = new View(s);
        Timeframe tf = s.timeframe();
        // uploaded series among the followed ones: their bars are handed to the pipeline
        List<Bar> uploads = new ArrayList<>();
        for (Symbol x : s.shown()) {
            List<Bar> up = data == null ? null : data.uploaded(x.name());
            if (up != null) {
                DashboardBars.check(x, up, tf);
                uploads.addAll(up);
                v.uploaded.add(x);
            }
        }
        uploads.sort(java.util.Comparator.comparingLong(Bar::openTimeNanos));
        Timeframe minute = Timeframe.parse("1m");
        int w = s.window();
        Pipeline.Builder pb =
                Pipeline.builder()
                        .source(
                                collecting
                                        ? TickSource.tail(store)
                                        : TickSource.replay(store, Long.MIN_VALUE, Long.MAX_VALUE))
                        .symbols(s.shown().toArray(Symbol[]::new))
                        .operator("mean", () -> new RollingMean(w), OperatorInput.CLOSE)
                        .operator("std", () -> new RollingStd(w), OperatorInput.CLOSE)
                        .operator("zscore", () -> new RollingZScore(w), OperatorInput.CLOSE)
                        .pair(s.a(), s.b(), s::configure)
                        .rules(enabled)
                        .onMetric(v::onMetric)
                        .onPair(v::onPair)
                        .onBar(v)
                        .onAlert(v::onAlert);
        if (paper != null) {
            // the Backtest tab's strategy traded live: the same parameters, pair and timeframe
            pb.onPair(
                    DashboardBacktest.parse(paper, s)
                            .builder()
                            .pair(s.pair())
                            .listener(v.new Paper(paperCapital(paper)))
                            .build());
        }
        // the console prints the minute bars as well when the chosen ones are shorter
        pb = tf.nanos() < minute.nanos() ? pb.timeframes(tf, minute) : pb.timeframes(tf);
        Pipeline next = pb.build(); // an unknown metric or target is refused here
        v.pipeline = next;
        v.catchUp = store.count();
        if (pipeline != null) {
            stopPipeline();
        }
        settings = s;
        Map<String, RuleEntry> kept = new LinkedHashMap<>(r); // r may be rules itself
        rules.clear();
        rules.putAll(kept);
        view = v;
        pipeline = next;
        rebuilds++;
        if (server != null) {
            // what the pages keep is of the old configuration: they start again from this
            server.clear(
                    k -> !k.equals("stats") && !k.equals("summary") && !k.startsWith("upload:"));
            Map<String, Object> m = new LinkedHashMap<>(s.toMap(available()));
            m.put("type", "settings");
            m.put("collecting", collecting);
            m.put("paper", paper);
            server.publish("settings", 1, Json.compact(m));
        }
        if (uploads.isEmpty()) {
            driver = null;
            next.start();
        } else {
            driver = new Driver(next, uploads, v);
            driver.start();
        }
    }

    /** Stops the running pipeline (on the thread that drives it). */
    private void stopPipeline() {
        if (driver != null) {
            driver.shutdown();
        } else {
            pipeline.close();
        }
    }

    /**
     * Drives a pipeline on a thread of its own ({@link Pipeline#doWork}) and hands it the uploaded
     * bars as the store's bars pass their times, the rest when the store's replay ends: the pair
     * analytics see both legs in time order.
     */
    private static final class Driver extends Thread {
        private final Pipeline p;
        private final List<Bar> uploads;
        private final View v;
        private volatile boolean stop;
        private int next;

        Driver(Pipeline p, List<Bar> uploads, View v) {
            super("quant-pipeline");
            setDaemon(true);
            this.p = p;
            this.uploads = uploads;
            this.v = v;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    int n = p.doWork();
                    while (next < uploads.size()
                            && uploads.get(next).openTimeNanos() <= v.storeMark) {
                        p.acceptBar(uploads.get(next++));
                    }
                    if (n == 0) {
                        if (p.sourceFinished()) {
                            while (next < uploads.size()) {
                                p.acceptBar(uploads.get(next++));
                            }
                            break;
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                    }
                }
            } catch (RuntimeException e) {
                // the pipeline is FAILED and has said why (its error handler)
            } finally {
                p.close();
            }
        }

        void shutdown() {
            stop = true;
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A bar as the page's {@code bar} message: symbol, timeframe, open time in ms, OHLCV, VWAP. */
    static Map<String, Object> barMessage(Bar bar) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "bar");
        m.put("symbol", bar.symbol().name());
        m.put("tf", bar.timeframe().toString());
        m.put("t", bar.openTimeNanos() / 1_000_000L);
        m.put("o", bar.open());
        m.put("h", bar.high());
        m.put("l", bar.low());
        m.put("c", bar.close());
        m.put("v", bar.volume());
        m.put("n", bar.tradeCount());
        m.put("vwap", bar.vwap());
        return m;
    }

    /**
     * A pair snapshot as the page's {@code pair} message: open time in ms, z, correlation, hedge
     * ratio, intercept, spread, rolling ADF p-value, half-life.
     */
    static String pairMessage(PairSnapshot p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "pair");
        m.put("t", p.openTimeNanos() / 1_000_000L);
        m.put("z", p.zScore());
        m.put("corr", p.correlation());
        m.put("beta", p.beta());
        m.put("alpha", p.alpha());
        m.put("spread", p.spread());
        m.put("adfP", p.adfPValue());
        m.put("halfLife", p.halfLife());
        return Json.compact(m);
    }

    /**
     * An alert as the page's {@code alert} message: the alert's JSON as the JSON-lines sink writes
     * it, untouched, its time in ms (JavaScript numbers cannot hold every epoch nanosecond), and
     * whether it fired on history read again (no toast for those).
     */
    static String alertMessage(Alert alert, boolean replay) {
        return "{\"type\":\"alert\",\"time\":"
                + alert.eventTimeNanos() / 1_000_000L
                + ",\"replay\":"
                + replay
                + ",\"alert\":"
                + AlertSinks.toJson(alert)
                + "}";
    }

    private static double paperCapital(JsonNode p) {
        JsonNode c = p.path("capital");
        return c.isNumber() ? c.asDouble() : 20_000.0;
    }

    /**
     * Counters for the dashboard's header (main thread): the feed's (null when there is none), the
     * store's, the pipeline's, and the collection's state ({@code collecting}, {@code stopped} or
     * {@code store}).
     */
    void publishStats(
            FeedStats s, long stored, double ticksPerSecond, boolean lagMeaningful, String state) {
        if (server == null) {
            return;
        }
        Pipeline p = pipeline();
        PipelineStats ps = p.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "stats");
        m.put("state", state);
        if (s == null) { // no feed: a store shown as it grows
            s = FeedStats.EMPTY;
        }
        m.put("ticks", s.ticks());
        m.put("rate", Math.round(ticksPerSecond));
        // event time to arrival: not meaningful when a simulator replays faster than recorded
        m.put("lagMs", lagMeaningful ? s.extra().get("lagMsLast") : null);
        m.put("stored", stored);
        m.put("bars", ps.bars());
        m.put("alerts", ps.alertsFired());
        m.put("reconnects", s.reconnects());
        m.put("gaps", s.gaps());
        m.put("backfilled", s.backfilled());
        m.put("duplicates", s.duplicates());
        m.put("malformed", s.malformed());
        server.publish("stats", 1, Json.compact(m));
    }

    /** Publishes the run's summary text to the page. */
    void publishSummary(String text) {
        if (server != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "summary");
            m.put("text", text);
            server.publish("summary", 1, Json.compact(m));
        }
    }

    @Override
    public synchronized void close() {
        if (pipeline != null) {
            stopPipeline();
        }
    }

    /**
     * What one pipeline shows: console lines and dashboard messages. Its handlers run on the
     * pipeline's thread; it wires no stage of its own.
     */
    private final class View implements org.quantstream.core.bar.BarHandler {
        private final DashboardSettings s;
        private final String tf;
        private final List<Double> spreads = new ArrayList<>();

        /** Per symbol: the operators' values of its last bar (mean, std, zscore). */
        private final Map<String, double[]> ops = new HashMap<>();

        private final Map<String, Long> fired = new java.util.concurrent.ConcurrentHashMap<>();

        /** The uploaded symbols this pipeline follows. */
        private final List<Symbol> uploaded = new ArrayList<>();

        /** The latest open time of a bar the store's ticks closed (the driver's thread only). */
        private long storeMark = Long.MIN_VALUE;

        private volatile PairSnapshot last;
        private Pipeline pipeline;
        private long catchUp;

        View(DashboardSettings s) {
            this.s = s;
            this.tf = s.timeframe().toString();
        }

        void onMetric(String target, String metric, long time, double value) {
            double[] v = ops.computeIfAbsent(target, k -> new double[3]);
            switch (metric) {
                case "mean" -> v[0] = value;
                case "std" -> v[1] = value;
                case "zscore" -> v[2] = value;
                default -> {}
            }
        }

        void onAlert(Alert alert) {
            fired.merge(alert.rule(), 1L, Long::sum);
            out.println(AlertSinks.describe(alert));
            if (server != null) {
                // the page tells messages apart by "type"; the alert's JSON (as the JSON-lines sink
                // writes it) inside, untouched, and its time in ms (JavaScript numbers cannot hold
                // every epoch nanosecond). "replay": fired on history read again after a change
                boolean replay = pipeline.stats().ticks() < catchUp;
                server.publish("alert", 1000, alertMessage(alert, replay));
            }
        }

        /** The paper switch's strategy: its position, equity and trades as they change. */
        final class Paper implements org.quantstream.core.backtest.BacktestListener {
            private final double capital;
            private int trades;
            private double realized;
            private org.quantstream.core.backtest.Signal entry;
            private int lastPosition;

            Paper(double capital) {
                this.capital = capital;
            }

            @Override
            public void onSignal(org.quantstream.core.backtest.Signal signal) {
                if (signal.entry()) {
                    entry = signal;
                }
            }

            @Override
            public void onTrade(org.quantstream.core.backtest.Trade t) {
                trades++;
                realized += t.netPnl();
                if (server != null) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", "paper-trade");
                    m.put("trade", BacktestCommand.trade(t));
                    server.publish("paper-trade", 1000, Json.compact(m));
                }
            }

            @Override
            public void onEquity(long timeNanos, double equity, int position) {
                if (server == null) {
                    return;
                }
                if (position == 0) {
                    entry = null;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "paper");
                m.put("t", timeNanos / 1_000_000L);
                m.put("equity", equity);
                m.put("pnl", equity - capital);
                m.put("realized", realized);
                m.put("position", position);
                m.put("trades", trades);
                m.put("entryTime", entry == null ? null : entry.timeNanos() / 1_000_000L);
                m.put("entryZ", entry == null ? null : entry.z());
                m.put("changed", position != lastPosition);
                lastPosition = position;
                server.publish("paper", KEEP_BARS, Json.compact(m));
            }
        }

        void onPair(String name, PairSnapshot p) {
            last = p;
            if (!Double.isNaN(p.spread())) {
                synchronized (spreads) {
                    spreads.add(p.spread());
                }
            }
            if (server != null) {
                server.publish("pair", KEEP_BARS, pairMessage(p));
            }
        }

        @Override
        public void onBarClosed(Bar bar) {
            boolean chosen = bar.timeframe().equals(s.timeframe());
            if (chosen && !uploaded.contains(bar.symbol())) {
                storeMark = Math.max(storeMark, bar.openTimeNanos());
            }
            if (chosen && uploaded.contains(bar.symbol())) {
                return; // drawn from the upload already; its pair and operators run
            }
            if (chosen && server != null) {
                double[] o = ops.getOrDefault(bar.symbol().name(), new double[3]);
                Map<String, Object> m = barMessage(bar);
                m.put("mean", o[0]);
                m.put("std", o[1]);
                m.put("z", o[2]);
                server.publish("bar:" + bar.symbol(), KEEP_BARS, Json.compact(m));
            }
            if (!printBars) {
                return;
            }
            String time =
                    Instant.ofEpochSecond(0, bar.openTimeNanos()).toString().substring(11, 19);
            if (!chosen) {
                out.printf(
                        "%-8s %s %s  O %.2f H %.2f L %.2f C %.2f  vol %.3f  trades %d  vwap %.2f%n",
                        bar.symbol(),
                        bar.timeframe(),
                        time,
                        bar.open(),
                        bar.high(),
                        bar.low(),
                        bar.close(),
                        bar.volume(),
                        bar.tradeCount(),
                        bar.vwap());
                return;
            }
            double[] o = ops.getOrDefault(bar.symbol().name(), new double[3]);
            PairSnapshot p = last;
            out.printf(
                    "%-8s %s %s  %.2f %.2f %.2f %.2f  vol %8.3f n %4d  z%d %6.2f  corr%d %5.2f  spread z %6.2f%n",
                    bar.symbol(),
                    tf,
                    time,
                    bar.open(),
                    bar.high(),
                    bar.low(),
                    bar.close(),
                    bar.volume(),
                    bar.tradeCount(),
                    s.window(),
                    o[2],
                    s.window(),
                    p == null ? Double.NaN : p.correlation(),
                    p == null ? Double.NaN : p.zScore());
        }
    }
}
