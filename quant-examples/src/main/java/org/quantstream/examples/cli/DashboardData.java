package org.quantstream.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.BarReadOptions;
import org.quantstream.core.io.BarReader;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.time.EpochTimes;
import org.quantstream.examples.dashboard.DashboardServer;
import org.quantstream.examples.dashboard.DashboardServer.Download;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;

/**
 * The dashboard's Data tab: browse the store's ticks and bars ({@code GET /api/data}), download
 * ticks, bars and the pair's analytics as CSV or JSON ({@code GET /download/ticks|bars|pair}: the
 * same commands as {@code quant export}, {@code quant resample} and {@code quant pair} with the
 * page's settings, written to a temporary file and sent from the disk, so any size), and upload
 * OHLC bars ({@code POST /api/upload}: the files {@code quant bars import} reads, every problem
 * listed with line and column and nothing kept when there is one). Uploaded bars are kept in
 * memory, tagged "uploaded", browsable and downloadable here, drawn on the Charts tab and described
 * on the Statistics tab. Requests run on the dashboard's API thread, one at a time.
 */
final class DashboardData {
    /** The most rows a browse answers. */
    static final int MAX_ROWS = 10_000;

    /** The most problems an upload lists. */
    static final int MAX_PROBLEMS = 200;

    private final Path store;
    private final List<Symbol> symbols;
    private final Supplier<DashboardSettings> settings;
    private final DashboardServer server;
    private final Path tmp;

    /** Uploaded bars by symbol, in time order (the API thread only). */
    private final Map<String, List<Bar>> uploaded =
            Collections.synchronizedMap(new LinkedHashMap<>());

    DashboardData(
            Path store,
            List<Symbol> symbols,
            Supplier<DashboardSettings> settings,
            DashboardServer server,
            Path tmp) {
        this.store = store;
        this.symbols = List.copyOf(symbols);
        this.settings = settings;
        this.server = server;
        this.tmp = tmp;
    }

    /** Registers the endpoints. */
    void serve() {
        server.onQuery("/api/data", this::browse);
        server.onDownload("/download/ticks", q -> download("ticks", q));
        server.onDownload("/download/bars", q -> download("bars", q));
        server.onDownload("/download/pair", q -> download("pair", q));
        server.onUpload("/api/upload", this::upload);
    }

    /** The uploaded bars of a symbol, or null. */
    List<Bar> uploaded(String symbol) {
        return uploaded.get(symbol);
    }

    /** The symbols with uploaded bars. */
    List<String> uploadedSymbols() {
        synchronized (uploaded) {
            return List.copyOf(uploaded.keySet());
        }
    }

    /**
     * {@code GET
     * /api/data?kind=ticks|bars&symbol=S&timeframe=TF&from=T&to=T&limit=N&sort=asc|desc}: the first
     * (asc) or last (desc, newest first) {@code limit} rows in {@code [from, to)}.
     */
    String browse(Map<String, String> q) {
        String kind = q.getOrDefault("kind", "ticks");
        String symbol = symbol(q);
        long from = time(q, "from", Long.MIN_VALUE);
        long to = time(q, "to", Long.MAX_VALUE);
        int limit = limit(q);
        boolean desc = sort(q);
        List<Map<String, Object>> rows;
        boolean up = uploaded.containsKey(symbol);
        if (kind.equals("ticks")) {
            if (up) {
                throw new IllegalArgumentException(
                        "symbol: " + symbol + " was uploaded as bars; it has no ticks");
            }
            rows = ticks(Symbol.of(symbol), from, to, limit, desc);
        } else if (kind.equals("bars")) {
            rows = bars(symbol, timeframe(q, up), from, to, limit, desc);
        } else {
            throw new IllegalArgumentException("kind: expected ticks or bars, was " + kind);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("symbol", symbol);
        m.put("uploaded", up);
        m.put("rows", rows);
        return Json.compact(m);
    }

    private List<Map<String, Object>> ticks(
            Symbol symbol, long from, long to, int limit, boolean desc) {
        ArrayDeque<Map<String, Object>> rows = new ArrayDeque<>();
        try (ChronicleTickStore s = open();
                TickCursor c = s.cursor(from, to)) {
            MutableTick t = new MutableTick();
            while (c.next(t)) {
                if (t.symbol() != symbol) {
                    continue;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("time", t.eventTimeNanos() / 1_000_000L);
                r.put("price", t.price());
                r.put("qty", t.quantity());
                r.put("side", t.aggressor().name().toLowerCase(java.util.Locale.ROOT));
                r.put("tradeId", t.tradeId());
                rows.addLast(r);
                if (rows.size() > limit) {
                    if (!desc) {
                        rows.removeLast();
                        break;
                    }
                    rows.removeFirst();
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(rows);
        if (desc) {
            Collections.reverse(out);
        }
        return out;
    }

    private List<Map<String, Object>> bars(
            String symbol, Timeframe tf, long from, long to, int limit, boolean desc) {
        List<Bar> all;
        List<Bar> up = uploaded.get(symbol);
        if (up != null) {
            all = up;
        } else {
            List<Bar> built = new ArrayList<>();
            try (ChronicleTickStore s = open()) {
                Pipeline.builder()
                        .source(TickSource.replay(s, Long.MIN_VALUE, Long.MAX_VALUE))
                        .symbols(Symbol.of(symbol))
                        .timeframes(tf)
                        .onBar(built::add)
                        .build()
                        .run();
            }
            all = built;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Bar b : all) {
            if (b.openTimeNanos() < from || b.openTimeNanos() >= to) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("time", b.openTimeNanos() / 1_000_000L);
            r.put("timeframe", b.timeframe().toString());
            r.put("open", b.open());
            r.put("high", b.high());
            r.put("low", b.low());
            r.put("close", b.close());
            r.put("volume", b.volume());
            r.put("trades", b.tradeCount());
            r.put("vwap", b.vwap());
            rows.add(Json.finite(r));
        }
        if (desc) {
            Collections.reverse(rows);
        }
        return rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }

    /**
     * A download: the file the command line writes with the same selection, named after what it
     * holds ({@code BTCUSDT-ticks-20240808T235400Z-20240809T000000Z.csv}).
     */
    private Download download(String kind, Map<String, String> q) {
        String format = q.getOrDefault("format", "csv");
        if (!format.equals("csv") && !format.equals("json")) {
            throw new IllegalArgumentException("format: expected csv or json, was " + format);
        }
        String ext = format.equals("csv") ? "csv" : "jsonl";
        String type = format.equals("csv") ? "text/csv" : "application/x-ndjson";
        DashboardSettings set = settings.get();
        String from = q.getOrDefault("from", "");
        String to = q.getOrDefault("to", "");
        long fromNanos = time(q, "from", Long.MIN_VALUE);
        long toNanos = time(q, "to", Long.MAX_VALUE);
        List<String> range = new ArrayList<>();
        if (!from.isEmpty()) {
            range.addAll(List.of("--from", from));
        }
        if (!to.isEmpty()) {
            range.addAll(List.of("--to", to));
        }
        String span = stamp(fromNanos, "start") + "-" + stamp(toNanos, "end");
        try {
            Path out = Files.createTempFile(tmp, "download-", "." + ext);
            switch (kind) {
                case "ticks" -> {
                    String symbol = storeSymbol(q);
                    exportTicks(symbol, format.equals("csv") ? "csv" : "jsonl", out, range);
                    return new Download(out, symbol + "-ticks-" + span + "." + ext, type);
                }
                case "bars" -> {
                    String symbol = symbol(q);
                    List<Bar> up = uploaded.get(symbol);
                    if (up != null) {
                        writeBars(up, fromNanos, toNanos, format, out);
                        return new Download(
                                out,
                                symbol
                                        + "-"
                                        + up.get(0).timeframe()
                                        + "-uploaded-bars-"
                                        + span
                                        + "."
                                        + ext,
                                type);
                    }
                    Timeframe tf = timeframe(q, false);
                    Path ticks = Files.createTempFile(tmp, "download-ticks-", ".csv");
                    try {
                        exportTicks(symbol, "csv", ticks, range);
                        cli(
                                List.of(
                                        "resample",
                                        "--input",
                                        ticks.toString(),
                                        "--timeframe",
                                        tf.toString(),
                                        "--format",
                                        format,
                                        "--output",
                                        out.toString()));
                    } finally {
                        Files.deleteIfExists(ticks);
                    }
                    return new Download(out, symbol + "-" + tf + "-bars-" + span + "." + ext, type);
                }
                default -> {
                    cli(
                            List.of(
                                    "pair",
                                    "--store",
                                    store.toString(),
                                    "--symbol-a",
                                    set.a().name(),
                                    "--symbol-b",
                                    set.b().name(),
                                    "--timeframe",
                                    set.timeframe().toString(),
                                    "--hedge",
                                    set.hedge().toString(),
                                    "--hedge-window",
                                    String.valueOf(set.hedgeWindow()),
                                    "--delta",
                                    String.valueOf(set.delta()),
                                    "--ve",
                                    String.valueOf(set.ve()),
                                    "--z-window",
                                    String.valueOf(set.window()),
                                    "--corr-window",
                                    String.valueOf(set.window()),
                                    "--format",
                                    format,
                                    "--output",
                                    out.toString()));
                    return new Download(
                            out,
                            set.a()
                                    + "-"
                                    + set.b()
                                    + "-"
                                    + set.timeframe()
                                    + "-pair-"
                                    + set.hedge()
                                    + "."
                                    + ext,
                            type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code quant export} of one symbol of the store, in a time range, to a file. */
    private void exportTicks(String symbol, String format, Path out, List<String> range) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "export",
                                "--store",
                                store.toString(),
                                "--only",
                                symbol,
                                "--format",
                                format,
                                "--output",
                                out.toString()));
        args.addAll(range);
        cli(args);
    }

    /** Runs a {@code quant} command in this JVM; a failure is the command's own message. */
    private static void cli(List<String> args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                QuantCli.run(
                        args.toArray(String[]::new),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Map.of());
        if (code != 0) {
            throw new IllegalArgumentException(err.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static void writeBars(List<Bar> bars, long from, long to, String format, Path out)
            throws IOException {
        try (java.io.Writer w = Files.newBufferedWriter(out)) {
            org.quantstream.core.io.BarWriter bw =
                    org.quantstream.core.io.BarWriter.open(
                            w,
                            format.equals("csv")
                                    ? org.quantstream.core.io.BarFormat.QUANT_CSV
                                    : org.quantstream.core.io.BarFormat.QUANT_JSONL);
            for (Bar b : bars) {
                if (b.openTimeNanos() >= from && b.openTimeNanos() < to) {
                    bw.write(b);
                }
            }
            bw.flush();
        }
    }

    /**
     * {@code POST /api/upload?symbol=S&timeframe=TF&name=FILE}: OHLC bars in any format {@code
     * quant bars import} reads; the symbol and timeframe for files that do not carry them. Every
     * problem is listed (one per line of the error) and nothing is kept; good bars are kept under
     * their symbol, tagged uploaded, and drawn on the page.
     */
    String upload(Map<String, String> q, String body) {
        String name = q.getOrDefault("name", "upload.csv").replaceAll("[^A-Za-z0-9._-]", "_");
        BarReadOptions options =
                new BarReadOptions(
                        q.getOrDefault("symbol", "").isBlank()
                                ? null
                                : Symbol.of(validSymbol(q.get("symbol"))),
                        q.getOrDefault("timeframe", "").isBlank()
                                ? null
                                : parseTimeframe(q.get("timeframe")));
        List<Bar> bars;
        try {
            Path dir = Files.createTempDirectory(tmp, "upload-");
            Path file = dir.resolve(name);
            try {
                Files.writeString(file, body);
                List<InputFormatException> problems =
                        BarReader.validate(file, options, MAX_PROBLEMS);
                if (!problems.isEmpty()) {
                    StringBuilder m = new StringBuilder();
                    m.append(name)
                            .append(": ")
                            .append(problems.size() >= MAX_PROBLEMS ? "at least " : "")
                            .append(problems.size())
                            .append(problems.size() == 1 ? " problem" : " problems")
                            .append(", nothing imported");
                    for (InputFormatException e : problems) {
                        m.append('\n').append(e.getMessage().replace(file.toString(), name));
                    }
                    throw new IllegalArgumentException(m.toString());
                }
                bars = BarReader.read(file, options);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bars.isEmpty()) {
            throw new IllegalArgumentException(name + ": no bars in the file, nothing imported");
        }
        Map<String, List<Bar>> bySymbol = new LinkedHashMap<>();
        for (Bar b : bars) {
            bySymbol.computeIfAbsent(b.symbol().name(), k -> new ArrayList<>()).add(b);
        }
        for (String s : bySymbol.keySet()) {
            if (symbols.stream().anyMatch(x -> x.name().equals(s))) {
                throw new IllegalArgumentException(
                        name
                                + ": "
                                + s
                                + " is collected live; upload it under another symbol, nothing"
                                + " imported");
            }
        }
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Map.Entry<String, List<Bar>> e : bySymbol.entrySet()) {
            List<Bar> list = e.getValue();
            uploaded.put(e.getKey(), List.copyOf(list));
            server.clear(k -> k.equals("upload:" + e.getKey()));
            for (Bar b : list) {
                Map<String, Object> m = DashboardLive.barMessage(b);
                m.put("uploaded", true);
                server.publish("upload:" + e.getKey(), DashboardLive.KEEP_BARS, Json.compact(m));
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("symbol", e.getKey());
            s.put("timeframe", list.get(0).timeframe().toString());
            s.put("bars", list.size());
            s.put("from", list.get(0).openTimeNanos() / 1_000_000L);
            s.put("to", list.get(list.size() - 1).openTimeNanos() / 1_000_000L);
            summary.add(s);
        }
        return Json.compact(Map.of("imported", summary));
    }

    private ChronicleTickStore open() {
        return ChronicleTickStore.open(
                ChronicleTickStoreConfig.builder(store).readOnly(true).build());
    }

    private String symbol(Map<String, String> q) {
        String s = q.getOrDefault("symbol", "");
        if (uploaded.containsKey(s)) {
            return s;
        }
        return storeSymbol(q);
    }

    private String storeSymbol(Map<String, String> q) {
        String s = q.getOrDefault("symbol", "");
        for (Symbol x : symbols) {
            if (x.name().equals(s)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "symbol: \""
                        + s
                        + "\" is neither collected "
                        + symbols
                        + " nor uploaded "
                        + uploadedSymbols());
    }

    private Timeframe timeframe(Map<String, String> q, boolean uploadedSymbol) {
        String t = q.getOrDefault("timeframe", "");
        if (t.isBlank() || uploadedSymbol) {
            return settings.get().timeframe();
        }
        return parseTimeframe(t);
    }

    private static Timeframe parseTimeframe(String t) {
        try {
            return Timeframe.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("timeframe: " + e.getMessage());
        }
    }

    private static String validSymbol(String s) {
        if (!Symbol.isValidName(s)) {
            throw new IllegalArgumentException("symbol: \"" + s + "\" is not a valid symbol");
        }
        return s;
    }

    private static long time(Map<String, String> q, String field, long dflt) {
        String v = q.getOrDefault(field, "");
        if (v.isBlank()) {
            return dflt;
        }
        try {
            return EpochTimes.parse(v, field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static int limit(Map<String, String> q) {
        String v = q.getOrDefault("limit", "100");
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_ROWS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(
                "limit: expected a whole number from 1 to " + MAX_ROWS + ", was " + v);
    }

    private static boolean sort(Map<String, String> q) {
        String v = q.getOrDefault("sort", "asc");
        return switch (v) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new IllegalArgumentException("sort: expected asc or desc, was " + v);
        };
    }

    /** A time for a file name: {@code 20240808T235400Z}, or the word for an open end. */
    private static String stamp(long nanos, String open) {
        if (nanos == Long.MIN_VALUE || nanos == Long.MAX_VALUE) {
            return open;
        }
        return Instant.ofEpochSecond(0, nanos)
                .toString()
                .replace("-", "")
                .replace(":", "")
                .replaceAll("\\.\\d+", "");
    }
}
