package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.io.QuoteWriter;
import org.quantstream.core.io.TickFormat;
import org.quantstream.core.io.TickWriter;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.tick.MarketDataHandler;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickHandler;
import org.quantstream.feed.binance.BinanceFeed;
import org.quantstream.feed.binance.BinanceFeedConfig;
import org.quantstream.kafka.KafkaTickStore;
import org.quantstream.store.chronicle.ChronicleTickStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant collect}: live trades into a store or a file, optionally quotes into a CSV. */
@Command(
        name = "collect",
        description =
                "Collect live Binance USD-M trades into a Chronicle store (resuming, without gaps"
                        + " or duplicates) or a file. Status on stderr; the JSON summary alone on stdout at the end.")
final class CollectCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(
            names = "--symbols",
            required = true,
            split = ",",
            paramLabel = "S",
            description = "Symbols, comma-separated.")
    private java.util.List<String> symbols;

    @Option(
            names = "--stream",
            defaultValue = "aggTrade",
            description = "aggTrade (default, backfillable) or trade.")
    private String stream;

    @Option(
            names = "--ws-url",
            defaultValue = "wss://fstream.binance.com",
            description = "WebSocket base (default: ${DEFAULT-VALUE}).")
    private String wsUrl;

    @Option(
            names = "--rest-url",
            defaultValue = "https://fapi.binance.com",
            description = "REST base (default: ${DEFAULT-VALUE}).")
    private String restUrl;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    /** Where the trades go. */
    static final class Target {
        @Option(
                names = "--store",
                paramLabel = "DIR",
                description = "A Chronicle store (created or resumed).")
        Path store;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description = "A tick file (.jsonl for JSON lines, else CSV).")
        Path out;

        @Option(
                names = "--kafka",
                paramLabel = "BOOTSTRAP",
                description =
                        "A Kafka ticks topic (--topic) on these brokers, for quant worker:"
                                + " keyed by symbol, deduplicated by trade id across restarts.")
        String kafka;
    }

    @Option(
            names = "--topic",
            defaultValue = "ticks",
            description = "The ticks topic with --kafka (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(
            names = "--quotes",
            paramLabel = "FILE",
            description =
                    "Also collect best bid and ask (bookTicker, Binance's /public route) into this"
                            + " CSV file.")
    private Path quotesFile;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            paramLabel = "DUR",
            description = "Stop after this long (default: until interrupted).")
    private Duration duration;

    @Override
    public Integer call() throws Exception {
        // Ctrl-C and SIGTERM stop the collector cleanly: drained, flushed, the file renamed into
        // place on a line boundary, the summary printed, exit 0
        try (GracefulStop stop =
                new GracefulStop(
                        "quant-collect-stop", parent.out(), parent.err(), Duration.ofSeconds(30))) {
            int code = collect(stop);
            stop.finish(code);
            return code;
        }
    }

    /** Where a file is written until it is complete: FILE.partial, renamed to FILE at the end. */
    static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    private int collect(GracefulStop stop) throws Exception {
        BinanceFeedConfig.Builder b =
                BinanceFeedConfig.builder().stream(stream).wsUrl(wsUrl).restUrl(restUrl);
        for (String s : symbols) {
            b.symbol(Symbol.of(s.strip()));
        }
        TickStore store = null;
        TickWriter writer = null;
        QuoteWriter quoteWriter = null;
        TickHandler sink;
        if (target.store != null || target.kafka != null) {
            store =
                    target.store != null
                            ? ChronicleTickStore.open(target.store)
                            : KafkaTickStore.open(target.kafka, topic);
            for (String s : symbols) {
                long last = store.lastTradeId(Symbol.of(s.strip()));
                if (last != TickStore.NO_TRADE_ID) {
                    b.resumeAfter(
                            Symbol.of(s.strip()), last); // backfill what was missed while down
                }
            }
            TickAppender appender = store.appender();
            sink = appender::append;
        } else {
            String name = target.out.getFileName().toString();
            writer =
                    TickWriter.open(
                            java.nio.file.Files.newBufferedWriter(partial(target.out)),
                            name.endsWith(".jsonl")
                                    ? TickFormat.QUANT_JSONL
                                    : TickFormat.QUANT_CSV);
            TickWriter w = writer;
            sink =
                    t -> {
                        try {
                            w.write(t);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    };
        }
        // a sink that cannot write (a full disk: StoreWriteException, or an IOException of the
        // file) stops the collector with that error instead of failing the feed in silence
        java.util.concurrent.atomic.AtomicReference<RuntimeException> sinkFailure =
                new java.util.concurrent.atomic.AtomicReference<>();
        TickHandler unguarded = sink;
        sink =
                t -> {
                    try {
                        unguarded.onTick(t);
                    } catch (UncheckedIOException | IllegalStateException e) {
                        // a full disk, a broker that refused the ticks
                        sinkFailure.compareAndSet(null, e);
                        throw e; // the feed fails with it, which ends the loop below
                    }
                };
        TickHandler handler = sink;
        if (quotesFile != null) {
            b.quotes(true);
            QuoteWriter qw =
                    QuoteWriter.open(java.nio.file.Files.newBufferedWriter(partial(quotesFile)));
            quoteWriter = qw;
            handler =
                    MarketDataHandler.of(
                            sink,
                            q -> {
                                try {
                                    qw.write(q);
                                } catch (IOException e) {
                                    UncheckedIOException u = new UncheckedIOException(e);
                                    sinkFailure.compareAndSet(null, u);
                                    throw u;
                                }
                            });
        }
        long start = System.nanoTime();
        FeedStats last;
        org.quantstream.core.util.ErrorHandler logged = FeedConfig.builder().build().errorHandler();
        FeedConfig feedConfig =
                FeedConfig.builder()
                        .errorHandler(
                                e -> {
                                    if (e != sinkFailure.get()) {
                                        logged.onError(e); // the sink's is the command's error
                                    }
                                })
                        .build();
        try (BinanceFeed feed = new BinanceFeed(feedConfig, b.build())) {
            feed.start(handler);
            long prevTicks = 0;
            while (!stop.latch().await(1, TimeUnit.SECONDS)) {
                FeedStats s = feed.stats();
                parent.err()
                        .printf(
                                "%s ticks %d (%d/s) quotes %d lag %d ms reconnects %d gaps %d backfilled %d duplicates %d%n",
                                feed.status(),
                                s.ticks(),
                                s.ticks() - prevTicks,
                                s.extra().get("quotes"),
                                s.extra().get("lagMsLast"),
                                s.reconnects(),
                                s.gaps(),
                                s.backfilled(),
                                s.duplicates());
                prevTicks = s.ticks();
                if (duration != null && System.nanoTime() - start >= duration.toNanos()) {
                    break;
                }
                if (feed.status().isTerminal()) {
                    break;
                }
            }
            last = feed.stats();
        } finally {
            if (store != null) {
                store.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (quoteWriter != null) {
                quoteWriter.close();
            }
        }
        // complete files only under their names: every line written whole
        if (writer != null && sinkFailure.get() == null) {
            java.nio.file.Files.move(
                    partial(target.out),
                    target.out,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        if (quoteWriter != null && sinkFailure.get() == null) {
            java.nio.file.Files.move(
                    partial(quotesFile),
                    quotesFile,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticks", last.ticks());
        m.put("reconnects", last.reconnects());
        m.put("gaps", last.gaps());
        m.put("backfilled", last.backfilled());
        m.put("duplicates", last.duplicates());
        m.put("malformed", last.malformed());
        m.put("seconds", (System.nanoTime() - start) / 1e9);
        m.putAll(last.extra());
        Json.print(parent.out(), m);
        if (sinkFailure.get() != null) {
            // the files stay FILE.partial (their last line may be cut); the store kept every record
            // before the failure whole
            throw new UserException(
                    "collect stopped: "
                            + sinkFailure.get().getMessage()
                            + (writer != null || quoteWriter != null
                                    ? " (what was written is in the .partial file(s))"
                                    : ""));
        }
        Long connects = last.extra().get("connects");
        Long failures = last.extra().get("connectFailures");
        // never connected and every attempt failed: it did not do its job. A run that ended while
        // its first attempt was still under way (a short --duration on a loaded machine) failed
        // nothing: "0 connection attempts failed" was reported as a failure before
        if (last.ticks() == 0
                && (connects == null || connects == 0)
                && failures != null
                && failures > 0) {
            // a collector that never reached the exchange did not do its job: say so, fail
            parent.err()
                    .printf(
                            "collect: never connected to %s (%d connection attempts failed);"
                                    + " nothing was collected%n",
                            wsUrl, last.extra().getOrDefault("connectFailures", 0L));
            return QuantCli.USER_ERROR;
        }
        return 0;
    }
}
