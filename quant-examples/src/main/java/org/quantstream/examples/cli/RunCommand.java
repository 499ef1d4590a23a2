package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.alert.AlertSinks;
import org.quantstream.core.alert.WebhookAlertSink;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.pipeline.PipelineStats;
import org.quantstream.core.pipeline.PipelineStatus;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.tick.Symbol;
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
    @ParentCommand private QuantCli parent;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The pipeline configuration (JSON).")
    private Path config;

    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private PipelineFile file;

    @Override
    public Integer call() throws Exception {
        file = PipelineFile.read(config);
        try (GracefulStop stop =
                new GracefulStop(
                        "quant-run-stop", parent.out(), parent.err(), Duration.ofSeconds(30))) {
            int code;
            try {
                code = run(stop);
            } finally {
                for (int i = closeLater.size() - 1; i >= 0; i--) {
                    closeLater.get(i).close();
                }
            }
            stop.finish(code);
            return code;
        }
    }

    private int run(GracefulStop stop) throws Exception {
        JsonNode doc = file.doc;
        PipelineConfig analytics = file.analytics();
        List<Symbol> symbols = analytics.symbols();
        Pipeline.Builder b = Pipeline.builder().config(analytics);
        alertSinks(b, doc.path("alerts"));
        if (doc.has("idle")) {
            b.idle(file.idle(doc.get("idle"), "idle"));
        }
        Duration duration =
                doc.has("duration") ? file.duration(doc.get("duration"), "duration") : null;
        JsonNode src = doc.get("source");
        if (src == null) {
            throw file.bad("source", "missing");
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
        String type = file.text(src.get("type"), "source.type");
        switch (type) {
            case "files" -> {
                file.fields(src, "source.", "type", "files");
                List<Path> files = new ArrayList<>();
                for (JsonNode f : file.array(src, "files", true)) {
                    files.add(file.resolve(file.text(f, "source.files[]")));
                }
                TickFiles.validate(files, ReadOptions.defaults()); // all or nothing
                b.source(TickSource.files(files, ReadOptions.defaults()));
                return null;
            }
            case "store" -> {
                file.fields(src, "source.", "type", "store", "mode", "from", "to");
                Path dir = file.resolve(file.text(src.get("store"), "source.store"));
                if (!Files.isDirectory(dir)) {
                    throw file.bad("source.store", dir + " is not a tick store (not a directory)");
                }
                ChronicleTickStore store =
                        ChronicleTickStore.open(
                                ChronicleTickStoreConfig.builder(dir).readOnly(true).build());
                closeLater.add(store);
                String mode =
                        src.has("mode") ? file.text(src.get("mode"), "source.mode") : "replay";
                long from =
                        src.has("from")
                                ? EpochTimes.parse(
                                        file.text(src.get("from"), "source.from"), "source.from")
                                : Long.MIN_VALUE;
                long to =
                        src.has("to")
                                ? EpochTimes.parse(
                                        file.text(src.get("to"), "source.to"), "source.to")
                                : Long.MAX_VALUE;
                b.source(
                        switch (mode) {
                            case "replay" -> TickSource.replay(store, from, to);
                            case "tail" -> TickSource.tail(store);
                            default ->
                                    throw file.bad(
                                            "source.mode", "expected replay or tail, was " + mode);
                        });
                return null;
            }
            case "binance" -> {
                file.fields(
                        src,
                        "source.",
                        "type",
                        "wsUrl",
                        "restUrl",
                        "stream",
                        "store",
                        "idle",
                        "delivery");
                String delivery =
                        src.has("delivery")
                                ? file.text(src.get("delivery"), "source.delivery")
                                : "thread";
                if (!delivery.equals("thread") && !delivery.equals("polled")) {
                    throw file.bad("source.delivery", "expected thread or polled, was " + delivery);
                }
                boolean polled = delivery.equals("polled");
                if (polled && src.has("idle")) {
                    throw file.bad(
                            "source.idle",
                            "a polled feed has no thread of its own (the top-level idle is the"
                                    + " pipeline's)");
                }
                BinanceFeedConfig.Builder fb = BinanceFeedConfig.builder();
                if (src.has("wsUrl")) {
                    fb.wsUrl(file.text(src.get("wsUrl"), "source.wsUrl"));
                }
                if (src.has("restUrl")) {
                    fb.restUrl(file.text(src.get("restUrl"), "source.restUrl"));
                }
                if (src.has("stream")) {
                    fb.stream(file.text(src.get("stream"), "source.stream"));
                }
                if (src.has("idle")) {
                    String name = file.text(src.get("idle"), "source.idle");
                    file.idle(
                            src.get("idle"),
                            "source.idle"); // refused here, not on the feed's thread
                    fb.idle(() -> IdleStrategy.named(name));
                }
                BinanceFeed feed;
                try {
                    for (Symbol s : symbols) {
                        fb.symbol(s);
                    }
                    feed = new BinanceFeed(FeedConfig.builder().build(), fb.build());
                } catch (IllegalArgumentException e) {
                    throw file.bad("source", e.getMessage());
                }
                if (polled) {
                    // the pipeline's thread polls the feed and appends each tick to the store
                    // before the stages see it: one hand-over and one thread fewer
                    ChronicleTickStore store = null;
                    if (src.has("store")) {
                        store =
                                ChronicleTickStore.open(
                                        file.resolve(file.text(src.get("store"), "source.store")));
                        closeLater.add(store);
                    }
                    b.source(TickSource.polled(feed, store == null ? null : store.appender()));
                    return null;
                }
                if (!src.has("store")) {
                    b.source(TickSource.feed(feed, 1 << 16));
                    return null;
                }
                // the store is the bus: the feed's thread writes, the pipeline tails it
                ChronicleTickStore store =
                        ChronicleTickStore.open(
                                file.resolve(file.text(src.get("store"), "source.store")));
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
                    throw file.bad(
                            "source.type", "expected files, store or binance, was \"" + type + '"');
        }
    }

    private void alertSinks(Pipeline.Builder b, JsonNode alerts) throws Exception {
        if (alerts.isMissingNode()) {
            b.onAlert(a -> parent.err().println(AlertSinks.describe(a)));
            return;
        }
        file.fields(alerts, "alerts.", "log", "file", "webhook");
        if (!alerts.has("log") || file.bool(alerts.get("log"), "alerts.log")) {
            b.onAlert(a -> parent.err().println(AlertSinks.describe(a)));
        }
        if (alerts.has("file")) {
            AlertSinks.JsonLinesSink f =
                    AlertSinks.jsonLines(
                            file.resolve(file.text(alerts.get("file"), "alerts.file")));
            closeLater.add(f);
            b.onAlert(f);
        }
        if (alerts.has("webhook")) {
            WebhookAlertSink w;
            try {
                w =
                        WebhookAlertSink.of(
                                java.net.URI.create(
                                        file.text(alerts.get("webhook"), "alerts.webhook")));
            } catch (IllegalArgumentException e) {
                throw file.bad("alerts.webhook", e.getMessage());
            }
            closeLater.add(w);
            b.onAlert(w);
        }
    }
}
