package org.quantstream.examples.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.quantstream.core.alert.AlertRules;
import org.quantstream.core.alert.AlertSinks;
import org.quantstream.core.alert.WebhookAlertSink;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.op.UnivariateOperator;
import org.quantstream.core.pair.MissingLeg;
import org.quantstream.core.pipeline.OperatorInput;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineStats;
import org.quantstream.core.pipeline.PipelineStatus;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.stats.RollingExtreme;
import org.quantstream.core.stats.RollingMean;
import org.quantstream.core.stats.RollingStd;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.time.Durations;
import org.quantstream.core.time.EpochTimes;
import org.quantstream.core.util.IdleStrategy;
import org.quantstream.feed.binance.BinanceFeed;
import org.quantstream.feed.binance.BinanceFeedConfig;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quant run --config pipeline.json}: a whole {@link Pipeline} from a configuration file: the
 * source, symbols, timeframes, operators, pairs, alert rules and alert sinks. A mistake in the file
 * is one error naming the file, the field's path and the cause; unknown fields are errors.
 */
@Command(
        name = "run",
        description =
                "Run a whole pipeline from a JSON configuration: source (files, store, binance),"
                        + " symbols, timeframes, operators, pairs, rules and alert sinks; prints the"
                        + " pipeline's counters as JSON at the end. See the README for the format.")
final class RunCommand implements Callable<Integer> {
    /**
     * In a holder: picocli creates every command at start-up, and an ObjectMapper built then cost
     * every {@code quant} invocation 0.3 s.
     */
    private static final class Mapper {
        static final ObjectMapper JSON =
                new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @ParentCommand private QuantCli parent;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The pipeline configuration (JSON).")
    private Path config;

    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        JsonNode doc;
        try {
            doc = Mapper.JSON.readTree(Files.readAllBytes(config));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(config.toString(), null, "no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputFormatException(
                    config.toString(),
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
        try (GracefulStop stop =
                new GracefulStop(
                        "quant-run-stop", parent.out(), parent.err(), Duration.ofSeconds(30))) {
            int code;
            try {
                code = run(doc, stop);
            } finally {
                for (int i = closeLater.size() - 1; i >= 0; i--) {
                    closeLater.get(i).close();
                }
            }
            stop.finish(code);
            return code;
        }
    }

    private int run(JsonNode doc, GracefulStop stop) throws Exception {
        fields(
                doc,
                "",
                "source",
                "symbols",
                "timeframes",
                "analysisTimeframe",
                "gapPolicy",
                "operators",
                "pairs",
                "rules",
                "rulesFile",
                "alerts",
                "duration",
                "idle");
        List<Symbol> symbols = new ArrayList<>();
        for (JsonNode s : array(doc, "symbols", true)) {
            symbols.add(Symbol.of(text(s, "symbols[]")));
        }
        Pipeline.Builder b = Pipeline.builder().symbols(symbols.toArray(new Symbol[0]));
        for (JsonNode tf : array(doc, "timeframes", true)) {
            b.timeframes(timeframe(tf, "timeframes[]"));
        }
        if (doc.has("analysisTimeframe")) {
            b.analysisTimeframe(timeframe(doc.get("analysisTimeframe"), "analysisTimeframe"));
        }
        if (doc.has("gapPolicy")) {
            String g = text(doc.get("gapPolicy"), "gapPolicy");
            b.gapPolicy(
                    switch (g) {
                        case "skip" -> GapPolicy.SKIP;
                        case "flat-fill" -> GapPolicy.FLAT_FILL;
                        default -> throw bad("gapPolicy", "expected skip or flat-fill, was " + g);
                    });
        }
        JsonNode ops = array(doc, "operators", false);
        for (int i = 0; i < ops.size(); i++) {
            operator(b, ops.get(i), "operators[" + i + "]");
        }
        JsonNode pairs = array(doc, "pairs", false);
        for (int i = 0; i < pairs.size(); i++) {
            pair(b, pairs.get(i), "pairs[" + i + "]");
        }
        if (doc.has("rules")) {
            b.rules(AlertRules.read(doc.get("rules"), config));
        }
        if (doc.has("rulesFile")) {
            b.rules(AlertRules.read(resolve(text(doc.get("rulesFile"), "rulesFile"))));
        }
        alertSinks(b, doc.path("alerts"));
        if (doc.has("idle")) {
            b.idle(idle(doc.get("idle"), "idle"));
        }
        Duration duration = doc.has("duration") ? duration(doc.get("duration"), "duration") : null;
        JsonNode src = doc.get("source");
        if (src == null) {
            throw bad("source", "missing");
        }
        Live live = source(b, src, symbols);
        b.errorHandler(e -> parent.err().println("quant run: " + e));
        Pipeline p;
        try {
            p = b.build();
        } catch (IllegalArgumentException e) {
            throw new UserException(config + ": " + e.getMessage());
        }
        long start = System.nanoTime();
        p.start();
        if (live != null) {
            live.start();
        }
        while (!p.status().isTerminal()) {
            if (stop.latch().await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                break;
            }
            if (duration != null && System.nanoTime() - start >= duration.toNanos()) {
                break;
            }
        }
        if (live != null) {
            live.close(); // the feed first, so the store the pipeline tails stops growing
        }
        p.close();
        PipelineStats s = p.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", p.status().toString());
        m.put("ticks", s.ticks());
        m.put("ignored", s.ignored());
        m.put("bars", s.bars());
        m.put("lateDropped", s.lateDropped());
        m.put("snapshots", s.snapshots());
        m.put("alerts", s.alertsFired());
        m.put("alertsSuppressed", s.alertsSuppressed());
        m.put("sinkErrors", s.sinkErrors());
        m.put("queueHighWaterMark", s.queueHighWaterMark());
        m.put("seconds", (System.nanoTime() - start) / 1e9);
        Json.print(parent.out(), m);
        if (p.status() == PipelineStatus.FAILED) {
            Throwable f = p.failure();
            throw f instanceof RuntimeException r ? r : new IllegalStateException(f);
        }
        return 0;
    }

    /** A live feed writing to a store the pipeline tails. */
    private interface Live extends AutoCloseable {
        void start();

        @Override
        void close();
    }

    private Live source(Pipeline.Builder b, JsonNode src, List<Symbol> symbols) throws Exception {
        String type = text(src.get("type"), "source.type");
        switch (type) {
            case "files" -> {
                fields(src, "source.", "type", "files");
                List<Path> files = new ArrayList<>();
                for (JsonNode f : array(src, "files", true)) {
                    files.add(resolve(text(f, "source.files[]")));
                }
                TickFiles.validate(files, ReadOptions.defaults()); // all or nothing
                b.source(TickSource.files(files, ReadOptions.defaults()));
                return null;
            }
            case "store" -> {
                fields(src, "source.", "type", "store", "mode", "from", "to");
                Path dir = resolve(text(src.get("store"), "source.store"));
                if (!Files.isDirectory(dir)) {
                    throw bad("source.store", dir + " is not a tick store (not a directory)");
                }
                ChronicleTickStore store =
                        ChronicleTickStore.open(
                                ChronicleTickStoreConfig.builder(dir).readOnly(true).build());
                closeLater.add(store);
                String mode = src.has("mode") ? text(src.get("mode"), "source.mode") : "replay";
                long from =
                        src.has("from")
                                ? EpochTimes.parse(
                                        text(src.get("from"), "source.from"), "source.from")
                                : Long.MIN_VALUE;
                long to =
                        src.has("to")
                                ? EpochTimes.parse(text(src.get("to"), "source.to"), "source.to")
                                : Long.MAX_VALUE;
                b.source(
                        switch (mode) {
                            case "replay" -> TickSource.replay(store, from, to);
                            case "tail" -> TickSource.tail(store);
                            default ->
                                    throw bad(
                                            "source.mode", "expected replay or tail, was " + mode);
                        });
                return null;
            }
            case "binance" -> {
                fields(src, "source.", "type", "wsUrl", "restUrl", "stream", "store", "idle");
                BinanceFeedConfig.Builder fb = BinanceFeedConfig.builder();
                if (src.has("wsUrl")) {
                    fb.wsUrl(text(src.get("wsUrl"), "source.wsUrl"));
                }
                if (src.has("restUrl")) {
                    fb.restUrl(text(src.get("restUrl"), "source.restUrl"));
                }
                if (src.has("stream")) {
                    fb.stream(text(src.get("stream"), "source.stream"));
                }
                if (src.has("idle")) {
                    String name = text(src.get("idle"), "source.idle");
                    idle(src.get("idle"), "source.idle"); // refused here, not on the feed's thread
                    fb.idle(() -> IdleStrategy.named(name));
                }
                BinanceFeed feed;
                try {
                    for (Symbol s : symbols) {
                        fb.symbol(s);
                    }
                    feed = new BinanceFeed(FeedConfig.builder().build(), fb.build());
                } catch (IllegalArgumentException e) {
                    throw bad("source", e.getMessage());
                }
                if (!src.has("store")) {
                    b.source(TickSource.feed(feed, 1 << 16));
                    return null;
                }
                // the store is the bus: the feed's thread writes, the pipeline tails it
                ChronicleTickStore store =
                        ChronicleTickStore.open(resolve(text(src.get("store"), "source.store")));
                closeLater.add(store);
                b.source(TickSource.tail(store));
                return new Live() {
                    @Override
                    public void start() {
                        feed.start(store.appender()::append);
                    }

                    @Override
                    public void close() {
                        feed.close();
                    }
                };
            }
            default ->
                    throw bad(
                            "source.type", "expected files, store or binance, was \"" + type + '"');
        }
    }

    private void operator(Pipeline.Builder b, JsonNode op, String path) {
        fields(op, path + ".", "name", "type", "window", "input");
        String name = text(op.get("name"), path + ".name");
        String type = text(op.get("type"), path + ".type");
        int window = integer(op.get("window"), path + ".window");
        Supplier<? extends UnivariateOperator> f =
                switch (type) {
                    case "zscore" -> () -> new RollingZScore(window);
                    case "mean" -> () -> new RollingMean(window);
                    case "std" -> () -> new RollingStd(window);
                    case "min" -> () -> RollingExtreme.min(window);
                    case "max" -> () -> RollingExtreme.max(window);
                    default ->
                            throw bad(
                                    path + ".type",
                                    "expected zscore, mean, std, min or max, was \"" + type + '"');
                };
        f.get(); // a bad window fails here, with the operator's message
        String in = op.has("input") ? text(op.get("input"), path + ".input") : "close";
        OperatorInput input =
                switch (in) {
                    case "close" -> OperatorInput.CLOSE;
                    case "return" -> OperatorInput.RETURN;
                    case "log-return" -> OperatorInput.LOG_RETURN;
                    default ->
                            throw bad(
                                    path + ".input",
                                    "expected close, return or log-return, was " + in);
                };
        b.operator(name, f, input);
    }

    private void pair(Pipeline.Builder b, JsonNode p, String path) {
        fields(
                p,
                path + ".",
                "a",
                "b",
                "hedge",
                "hedgeWindow",
                "lambda",
                "delta",
                "ve",
                "zWindow",
                "corrWindow",
                "adfWindow",
                "logPrices",
                "missingLeg");
        Symbol a = Symbol.of(text(p.get("a"), path + ".a"));
        Symbol c = Symbol.of(text(p.get("b"), path + ".b"));
        HedgeMethod hedge;
        try {
            hedge =
                    p.has("hedge")
                            ? HedgeMethod.parse(text(p.get("hedge"), path + ".hedge"))
                            : HedgeMethod.rolling_ols;
        } catch (IllegalArgumentException e) {
            throw bad(path + ".hedge", e.getMessage());
        }
        int hw = p.has("hedgeWindow") ? integer(p.get("hedgeWindow"), path + ".hedgeWindow") : 120;
        double lambda = p.has("lambda") ? number(p.get("lambda"), path + ".lambda") : 0.99;
        double delta = p.has("delta") ? number(p.get("delta"), path + ".delta") : 1e-4;
        double ve = p.has("ve") ? number(p.get("ve"), path + ".ve") : 1e-3;
        int z = p.has("zWindow") ? integer(p.get("zWindow"), path + ".zWindow") : 60;
        int corr = p.has("corrWindow") ? integer(p.get("corrWindow"), path + ".corrWindow") : 60;
        int adf = p.has("adfWindow") ? integer(p.get("adfWindow"), path + ".adfWindow") : 120;
        boolean log = !p.has("logPrices") || bool(p.get("logPrices"), path + ".logPrices");
        String ml = p.has("missingLeg") ? text(p.get("missingLeg"), path + ".missingLeg") : "skip";
        MissingLeg missing =
                switch (ml) {
                    case "skip" -> MissingLeg.SKIP;
                    case "ffill" -> MissingLeg.FORWARD_FILL;
                    default -> throw bad(path + ".missingLeg", "expected skip or ffill, was " + ml);
                };
        try {
            hedge.create(hw, lambda, delta, ve);
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
        b.pair(
                a,
                c,
                pb ->
                        pb.hedge(hedge.create(hw, lambda, delta, ve))
                                .logPrices(log)
                                .zWindow(z)
                                .correlationWindow(corr)
                                .adf(adf, Trend.C, Autolag.NONE, 1)
                                .missingLeg(missing, 1));
    }

    private void alertSinks(Pipeline.Builder b, JsonNode alerts) throws Exception {
        if (alerts.isMissingNode()) {
            b.onAlert(a -> parent.err().println(AlertSinks.describe(a)));
            return;
        }
        fields(alerts, "alerts.", "log", "file", "webhook");
        if (!alerts.has("log") || bool(alerts.get("log"), "alerts.log")) {
            b.onAlert(a -> parent.err().println(AlertSinks.describe(a)));
        }
        if (alerts.has("file")) {
            AlertSinks.JsonLinesSink f =
                    AlertSinks.jsonLines(resolve(text(alerts.get("file"), "alerts.file")));
            closeLater.add(f);
            b.onAlert(f);
        }
        if (alerts.has("webhook")) {
            WebhookAlertSink w;
            try {
                w =
                        WebhookAlertSink.of(
                                java.net.URI.create(text(alerts.get("webhook"), "alerts.webhook")));
            } catch (IllegalArgumentException e) {
                throw bad("alerts.webhook", e.getMessage());
            }
            closeLater.add(w);
            b.onAlert(w);
        }
    }

    private Path resolve(String file) {
        Path p = Path.of(file);
        Path base = config.toAbsolutePath().getParent();
        return p.isAbsolute() || base == null ? p : base.resolve(p);
    }

    private UserException bad(String path, String cause) {
        return new UserException(config + ": " + path + ": " + cause);
    }

    private void fields(JsonNode node, String path, String... allowed) {
        if (!node.isObject()) {
            throw bad(
                    path.isEmpty() ? "(top)" : path.substring(0, path.length() - 1),
                    "expected an object");
        }
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) {
                throw bad(
                        path + f,
                        "unknown field; fields here: "
                                + String.join(", ", new java.util.TreeSet<>(ok)));
            }
        }
    }

    private JsonNode array(JsonNode doc, String field, boolean required) {
        JsonNode n = doc.get(field);
        if (n == null) {
            if (required) {
                throw bad(field, "missing");
            }
            return Mapper.JSON.createArrayNode();
        }
        if (!n.isArray() || (required && n.isEmpty())) {
            throw bad(field, "expected a" + (required ? " non-empty" : "") + " array, was " + n);
        }
        return n;
    }

    /** An idle strategy by name ({@link IdleStrategy#named}), refused with its path named. */
    private IdleStrategy idle(JsonNode n, String path) {
        try {
            return IdleStrategy.named(text(n, path));
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
    }

    private String text(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            throw bad(path, "missing");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw bad(path, "expected a non-empty string, was " + n);
        }
        return n.asText();
    }

    private int integer(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            throw bad(path, "missing");
        }
        if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 1_000_000) {
            throw bad(path, "expected a whole number from 1 to 1000000, was " + n);
        }
        return n.asInt();
    }

    private double number(JsonNode n, String path) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw bad(path, "expected a finite number, was " + n);
        }
        return n.asDouble();
    }

    private boolean bool(JsonNode n, String path) {
        if (n == null || !n.isBoolean()) {
            throw bad(path, "expected true or false, was " + n);
        }
        return n.asBoolean();
    }

    private Timeframe timeframe(JsonNode n, String path) {
        String t = text(n, path);
        try {
            return Timeframe.parse(t);
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
    }

    private Duration duration(JsonNode n, String path) {
        try {
            return Durations.parse(text(n, path));
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
    }
}
