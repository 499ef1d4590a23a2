package org.quantstream.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.internal.BadLine;
import org.quantstream.core.io.internal.Fields;
import org.quantstream.core.io.internal.TextFiles;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.util.Args;

/**
 * Reads a bar file of any {@link BarFormat} (detected from the content; gzip detected by its magic
 * bytes) and checks every bar: prices finite and positive, {@code high >= max(open, close)}, {@code
 * low <= min(open, close)}, {@code volume >= 0}, open times on the timeframe's grid and strictly
 * increasing per symbol (so no duplicate). The first problem is an {@link InputFormatException}
 * naming file, line, column and cause, and nothing is returned: a caller that imports the result
 * changes nothing on failure.
 *
 * <p>Reads the whole file into memory (a bar is about 100 bytes: a year of 1-minute bars is about
 * 50 MB). Stateless and thread-safe.
 */
public final class BarReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String KLINE_HEADER =
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
                    + "taker_buy_quote_volume,ignore";
    private static final List<String> TIME_COLUMNS =
            List.of("timestamp", "open_time", "time", "date", "datetime");
    private static final long MS = 1_000_000L;

    private BarReader() {}

    /** One parsed row before the timeframe is known. */
    private static final class Row {
        long line;
        Symbol symbol;
        long open;
        long close = Long.MIN_VALUE;
        double o;
        double h;
        double l;
        double c;
        double volume;
        double quoteVolume = Double.NaN;
        long trades;
        double buyVolume = Double.NaN;
        int timeColumn;
        int closeColumn;
        int[] priceColumns = new int[5];
    }

    /**
     * Reads and checks a bar file.
     *
     * @param file the file
     * @param options symbol and timeframe for files that do not carry them
     * @return the bars, in file order
     * @throws InputFormatException at the first malformed or invalid bar, or if the symbol or
     *     timeframe cannot be told
     * @throws IOException if the file cannot be read
     */
    public static List<Bar> read(Path file, BarReadOptions options) throws IOException {
        Problems problems = new Problems(1);
        List<Bar> bars = read(file, options, problems);
        if (!problems.list.isEmpty()) {
            throw problems.list.get(0);
        }
        return bars;
    }

    /**
     * Every problem of a bar file, not just the first: each malformed line and each bar that fails
     * a check (file, line, column and cause), in file order with the lines that cannot be parsed
     * first, at most {@code maxProblems}. Empty exactly when {@link #read} would succeed. A problem
     * with the file as a whole (an unknown format, a header without a needed column, a timeframe
     * that cannot be told) is the only one.
     *
     * @param file the file
     * @param options symbol and timeframe for files that do not carry them
     * @param maxProblems the most problems to collect, at least 1
     * @return the problems, empty for a good file
     * @throws IOException if the file cannot be read
     */
    public static List<InputFormatException> validate(
            Path file, BarReadOptions options, int maxProblems) throws IOException {
        Problems problems = new Problems((int) Args.positive(maxProblems, "maxProblems"));
        try {
            read(file, options, problems);
        } catch (InputFormatException e) {
            problems.list.add(e);
        }
        return List.copyOf(problems.list);
    }

    /** Problems found so far, up to a limit. */
    private static final class Problems {
        final List<InputFormatException> list = new ArrayList<>();
        final int max;

        Problems(int max) {
            this.max = max;
        }

        /** Adds one; whether to go on looking. */
        boolean add(InputFormatException e) {
            list.add(e);
            return list.size() < max;
        }

        boolean full() {
            return list.size() >= max;
        }
    }

    private static List<Bar> read(Path file, BarReadOptions options, Problems problems)
            throws IOException {
        Args.notNull(file, "file");
        Args.notNull(options, "options");
        String source = file.toString();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = TextFiles.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(lines.isEmpty() ? TextFiles.stripBom(line) : line);
            }
        }
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            return List.of();
        }
        Path name = file.getFileName();
        Symbol fileSymbol =
                options.symbol() != null
                        ? options.symbol()
                        : TickReader.symbolFromFileName(name == null ? "" : name.toString());
        List<Row> rows = new ArrayList<>();
        BarFormat format;
        try {
            format = parseAll(lines, first, fileSymbol, rows, source, problems);
        } catch (Located e) {
            throw new InputFormatException(source, e.line, e.bad.column(), e.bad.getMessage());
        }
        if (problems.full()) {
            return List.of();
        }
        return check(rows, format, options.timeframe(), source, problems);
    }

    /** A {@link BadLine} with its line number. */
    private static final class Located extends Exception {
        private static final long serialVersionUID = 1L;
        final long line;
        final BadLine bad;

        Located(long line, BadLine bad) {
            super(null, null, false, false);
            this.line = line;
            this.bad = bad;
        }
    }

    private static BarFormat parseAll(
            List<String> lines,
            int first,
            Symbol fileSymbol,
            List<Row> rows,
            String source,
            Problems problems)
            throws Located, InputFormatException {
        String head = lines.get(first).strip();
        if (head.startsWith("{")) {
            for (int i = first; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    try {
                        rows.add(fromObject(jsonObject(lines.get(i), i + 1), i + 1, fileSymbol));
                    } catch (Located bad) {
                        if (!problems.add(
                                new InputFormatException(
                                        source,
                                        bad.line,
                                        bad.bad.column(),
                                        bad.bad.getMessage()))) {
                            break;
                        }
                    }
                }
            }
            return BarFormat.QUANT_JSONL;
        }
        if (head.startsWith("[")) {
            jsonArray(String.join("\n", lines), fileSymbol, rows);
            return BarFormat.QUANT_JSONL;
        }
        String[] headerCells = split(head);
        boolean hasHeader =
                !headerCells[0].isEmpty() && Character.isLetter(headerCells[0].charAt(0));
        String header = hasHeader ? String.join(",", lower(headerCells)) : null;
        BarFormat format;
        int[] map; // time, open, high, low, close, volume, symbol (-1 if absent)
        if (header == null) {
            if (headerCells.length != 12) {
                throw new InputFormatException(
                        source,
                        first + 1,
                        1,
                        "unrecognised bar format: expected a header line, JSON lines or 12-column Binance klines, found "
                                + headerCells.length
                                + " columns");
            }
            format = BarFormat.BINANCE_KLINES_CSV;
            map = new int[] {0, 1, 2, 3, 4, 5, -1};
        } else if (header.equals(BarWriter.CSV_HEADER)) {
            format = BarFormat.QUANT_CSV;
            map = new int[] {1, 3, 4, 5, 6, 7, 0};
        } else if (header.equals(KLINE_HEADER)) {
            format = BarFormat.BINANCE_KLINES_CSV;
            map = new int[] {0, 1, 2, 3, 4, 5, -1};
        } else {
            format = BarFormat.OHLC_CSV;
            List<String> names = Arrays.asList(lower(headerCells));
            int time = -1;
            for (String t : TIME_COLUMNS) {
                if (names.contains(t)) {
                    time = names.indexOf(t);
                    break;
                }
            }
            map =
                    new int[] {
                        time,
                        names.indexOf("open"),
                        names.indexOf("high"),
                        names.indexOf("low"),
                        names.indexOf("close"),
                        names.indexOf("volume"),
                        names.indexOf("symbol")
                    };
            String[] required = {
                "a time column (timestamp, open_time, time, date or datetime)",
                "open",
                "high",
                "low",
                "close",
                "volume"
            };
            for (int k = 0; k < 6; k++) {
                if (map[k] < 0) {
                    throw new InputFormatException(
                            source,
                            first + 1,
                            1,
                            "bar header \"" + head + "\" has no " + required[k]);
                }
            }
        }
        int width = headerCells.length;
        for (int i = hasHeader ? first + 1 : first; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                rows.add(csv(line, i + 1, format, map, width, fileSymbol));
            } catch (BadLine bad) {
                if (!problems.add(
                        new InputFormatException(source, i + 1, bad.column(), bad.getMessage()))) {
                    break;
                }
            }
        }
        return format;
    }

    private static String[] lower(String[] cells) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i].strip().toLowerCase(Locale.ROOT);
        }
        return out;
    }

    private static String[] split(String line) {
        String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        String[] cells = l.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].strip();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            cells[i] = c;
        }
        return cells;
    }

    private static int[] starts(String line) {
        int[] s = new int[line.length() + 1];
        int n = 0;
        s[n++] = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                s[n++] = i + 2;
            }
        }
        return Arrays.copyOf(s, n);
    }

    private static Row csv(
            String line, long lineNo, BarFormat format, int[] map, int width, Symbol fileSymbol)
            throws BadLine {
        String[] cells = split(line);
        int[] col = starts(line);
        if (cells.length != width) {
            throw new BadLine(
                    cells.length > width ? col[width] - 1 : line.length() + 1,
                    "expected " + width + " fields, found " + cells.length);
        }
        Row r = new Row();
        r.line = lineNo;
        String[] names = {"time", "open", "high", "low", "close", "volume"};
        r.timeColumn = col[map[0]];
        r.open =
                format == BarFormat.OHLC_CSV
                        ? time(cells[map[0]], col[map[0]])
                        : epochMillis(cells[map[0]], "open_time", col[map[0]]);
        double[] v = new double[5];
        for (int k = 1; k <= 5; k++) {
            v[k - 1] = number(cells[map[k]], names[k], col[map[k]]);
            r.priceColumns[k - 1] = col[map[k]];
        }
        r.o = v[0];
        r.h = v[1];
        r.l = v[2];
        r.c = v[3];
        r.volume = v[4];
        if (map[6] >= 0) {
            String s = cells[map[6]];
            if (!Symbol.isValidName(s)) {
                throw new BadLine(col[map[6]], "symbol \"" + s + "\" is not a valid symbol");
            }
            r.symbol = Symbol.of(s);
        } else {
            r.symbol = fileSymbol;
        }
        if (format == BarFormat.QUANT_CSV) {
            r.close = epochMillis(cells[2], "close_time", col[2]);
            r.closeColumn = col[2];
            r.quoteVolume = optional(cells[8], "quote_volume", col[8]);
            r.trades = Fields.parseLong(cells[9], "trades", col[9]);
            r.buyVolume = optional(cells[10], "buy_volume", col[10]);
        } else if (format == BarFormat.BINANCE_KLINES_CSV) {
            r.close =
                    epochMillis(cells[6], "close_time", col[6])
                            + MS; // Binance's close time is the last ms
            r.closeColumn = col[6];
            r.quoteVolume = number(cells[7], "quote_volume", col[7]);
            r.trades = Fields.parseLong(cells[8], "count", col[8]);
            r.buyVolume = number(cells[9], "taker_buy_volume", col[9]);
        }
        return r;
    }

    private static double number(String text, String name, int column) throws BadLine {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) {
                throw new BadLine(column, name + " " + text + " is not finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadLine(column, name + " \"" + text + "\" is not a number");
        }
    }

    private static double optional(String text, String name, int column) throws BadLine {
        return text.isBlank() ? Double.NaN : number(text, name, column);
    }

    private static long epochMillis(String text, String name, int column) throws BadLine {
        return Fields.parseEpoch(text, name, column);
    }

    /**
     * Epoch seconds, ms, µs or ns by magnitude, or ISO-8601 (a date, a local date-time taken as
     * UTC, an instant).
     */
    private static long time(String text, int column) throws BadLine {
        String t = text.strip();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            long v = Fields.parseLong(t, "time", column);
            if (v <= 0) {
                throw new BadLine(column, "time " + v + " must be > 0");
            }
            return v < 100_000_000_000L ? v * 1_000_000_000L : Fields.epochToNanos(v);
        }
        try {
            Instant instant;
            if (t.length() == 10) {
                instant = LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                instant = Instant.parse(t.replace(' ', 'T'));
            } else {
                instant = LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            }
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        } catch (DateTimeParseException e) {
            throw new BadLine(
                    column,
                    "time \"" + text + "\" is neither an epoch number nor an ISO-8601 date-time");
        }
    }

    /** One JSON object's scalar fields as text (null as ""). */
    private static Map<String, String> jsonObject(String line, long lineNo) throws Located {
        Map<String, String> f = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Located(lineNo, new BadLine(1, "expected a JSON object"));
            }
            readFields(p, f, lineNo);
            if (p.nextToken() != null) {
                throw new Located(
                        lineNo,
                        new BadLine(
                                p.currentTokenLocation().getColumnNr(),
                                "unexpected text after the JSON object"));
            }
        } catch (JsonProcessingException e) {
            throw new Located(
                    lineNo,
                    new BadLine(
                            e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                            "malformed JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Located(lineNo, new BadLine(0, "cannot read JSON: " + e.getMessage()));
        }
        return f;
    }

    /** Reads the fields of the object whose START_OBJECT was just read. */
    private static void readFields(JsonParser p, Map<String, String> f, long lineNo)
            throws IOException, Located {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (!v.isScalarValue()) {
                throw new Located(
                        lineNo,
                        new BadLine(
                                p.currentTokenLocation().getColumnNr(), name + " must be a value"));
            }
            f.put(name, v == JsonToken.VALUE_NULL ? "" : p.getText());
        }
    }

    /**
     * A JSON array of bars, as a whole file: objects (pandas {@code to_json(orient="records")}, our
     * JSON lines' fields) or arrays {@code [openTime, open, high, low, close, volume, ...]}
     * (Binance's REST klines: 12 values with close time, quote volume, trades, taker buy volume).
     * Each bar's line is the line its element starts on.
     */
    private static void jsonArray(String text, Symbol fileSymbol, List<Row> rows) throws Located {
        long lineNo = 1;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new Located(1, new BadLine(1, "expected a JSON array"));
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                lineNo = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.START_OBJECT) {
                    Map<String, String> f = new HashMap<>();
                    readFields(p, f, lineNo);
                    rows.add(fromObject(f, lineNo, fileSymbol));
                } else if (t == JsonToken.START_ARRAY) {
                    List<String> values = new ArrayList<>();
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (!t.isScalarValue()) {
                            throw new Located(
                                    lineNo,
                                    new BadLine(
                                            p.currentTokenLocation().getColumnNr(),
                                            "a bar's values must be numbers or strings"));
                        }
                        values.add(p.getText());
                    }
                    rows.add(fromArray(values, lineNo, fileSymbol));
                } else {
                    throw new Located(
                            lineNo,
                            new BadLine(
                                    p.currentTokenLocation().getColumnNr(),
                                    "expected a bar (a JSON object or array)"));
                }
            }
            if (p.nextToken() != null) {
                throw new Located(
                        p.currentTokenLocation().getLineNr(),
                        new BadLine(
                                p.currentTokenLocation().getColumnNr(),
                                "unexpected text after the JSON array"));
            }
        } catch (JsonProcessingException e) {
            throw new Located(
                    e.getLocation() == null ? lineNo : e.getLocation().getLineNr(),
                    new BadLine(
                            e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                            "malformed JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Located(lineNo, new BadLine(0, "cannot read JSON: " + e.getMessage()));
        }
    }

    /** The keys a JSON bar's open time may have, in order of preference. */
    private static final List<String> JSON_TIME_KEYS =
            List.of("openTime", "open_time", "timestamp", "time", "date", "datetime");

    /** A row of a JSON bar: its errors point at column 1, JSON fields have no columns of a line. */
    private static Row jsonRow(long lineNo) {
        Row r = new Row();
        r.line = lineNo;
        r.timeColumn = 1;
        r.closeColumn = 1;
        Arrays.fill(r.priceColumns, 1);
        return r;
    }

    private static Row fromObject(Map<String, String> f, long lineNo, Symbol fileSymbol)
            throws Located {
        Row r = jsonRow(lineNo);
        try {
            String timeKey = null;
            for (String k : JSON_TIME_KEYS) {
                if (f.containsKey(k) && !f.get(k).isEmpty()) {
                    timeKey = k;
                    break;
                }
            }
            if (timeKey == null) {
                throw new BadLine(1, "missing field \"openTime\" (or timestamp, time, date)");
            }
            for (String k : List.of("open", "high", "low", "close", "volume")) {
                if (!f.containsKey(k) || f.get(k).isEmpty()) {
                    throw new BadLine(1, "missing field \"" + k + '"');
                }
            }
            String symbol = f.getOrDefault("symbol", "");
            if (symbol.isEmpty()) {
                r.symbol = fileSymbol; // as for CSV: --symbol, else the file name
            } else if (!Symbol.isValidName(symbol)) {
                throw new BadLine(1, "symbol \"" + symbol + "\" is not a valid symbol");
            } else {
                r.symbol = Symbol.of(symbol);
            }
            r.open =
                    timeKey.equals("openTime")
                            ? epochMillis(f.get(timeKey), timeKey, 1)
                            : time(f.get(timeKey), 1);
            if (!f.getOrDefault("closeTime", "").isEmpty()) {
                r.close = epochMillis(f.get("closeTime"), "closeTime", 1);
            }
            r.o = number(f.get("open"), "open", 1);
            r.h = number(f.get("high"), "high", 1);
            r.l = number(f.get("low"), "low", 1);
            r.c = number(f.get("close"), "close", 1);
            r.volume = number(f.get("volume"), "volume", 1);
            r.quoteVolume = optional(f.getOrDefault("quoteVolume", ""), "quoteVolume", 1);
            r.trades =
                    f.getOrDefault("trades", "").isEmpty()
                            ? 0
                            : Fields.parseLong(f.get("trades"), "trades", 1);
            r.buyVolume = optional(f.getOrDefault("buyVolume", ""), "buyVolume", 1);
        } catch (BadLine bad) {
            throw new Located(lineNo, bad);
        }
        return r;
    }

    private static Row fromArray(List<String> v, long lineNo, Symbol fileSymbol) throws Located {
        if (v.size() != 6 && v.size() != 12) {
            throw new Located(
                    lineNo,
                    new BadLine(
                            1,
                            "expected 6 values [time, open, high, low, close, volume] or Binance's"
                                    + " 12 kline values, found "
                                    + v.size()));
        }
        Row r = jsonRow(lineNo);
        r.symbol = fileSymbol;
        try {
            r.open = v.size() == 12 ? epochMillis(v.get(0), "open_time", 1) : time(v.get(0), 1);
            r.o = number(v.get(1), "open", 1);
            r.h = number(v.get(2), "high", 1);
            r.l = number(v.get(3), "low", 1);
            r.c = number(v.get(4), "close", 1);
            r.volume = number(v.get(5), "volume", 1);
            if (v.size() == 12) {
                r.close = epochMillis(v.get(6), "close_time", 1) + MS; // the last ms, as klines
                r.quoteVolume = number(v.get(7), "quote_volume", 1);
                r.trades = Fields.parseLong(v.get(8), "count", 1);
                r.buyVolume = number(v.get(9), "taker_buy_volume", 1);
            }
        } catch (BadLine bad) {
            throw new Located(lineNo, bad);
        }
        return r;
    }

    private static List<Bar> check(
            List<Row> rows, BarFormat format, Timeframe given, String source, Problems problems)
            throws InputFormatException {
        Timeframe tf = given != null ? given : inferTimeframe(rows, source);
        Map<Symbol, Long> lastOpen = new HashMap<>();
        List<Bar> bars = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (r.symbol == null) {
                if (!problems.add(
                        new InputFormatException(
                                source,
                                r.line,
                                0,
                                "cannot tell the symbol: the data does not name it and the file name does not start with one;"
                                        + " give it (--symbol)"))) {
                    break;
                }
                continue;
            }
            if (!tf.isAligned(r.open)) {
                if (!problems.add(
                        new InputFormatException(
                                source,
                                r.line,
                                r.timeColumn,
                                "open time " + r.open / MS + " is not on the " + tf + " grid"))) {
                    break;
                }
                continue;
            }
            if (r.close != Long.MIN_VALUE && r.close != r.open + tf.nanos()) {
                if (!problems.add(
                        new InputFormatException(
                                source,
                                r.line,
                                r.closeColumn,
                                "close time does not match a "
                                        + tf
                                        + " bar opening at "
                                        + r.open / MS))) {
                    break;
                }
                continue;
            }
            String[] names = {"open", "high", "low", "close"};
            double[] p = {r.o, r.h, r.l, r.c};
            int bad = -1;
            for (int k = 0; k < 4 && bad < 0; k++) {
                if (!(p[k] > 0)) {
                    bad = k;
                }
            }
            if (bad >= 0) {
                if (!problems.add(
                        new InputFormatException(
                                source,
                                r.line,
                                r.priceColumns[bad],
                                names[bad] + " " + p[bad] + " must be > 0"))) {
                    break;
                }
                continue;
            }
            if (r.h < Math.max(r.o, r.c)) {
                if (!problems.add(
                        new InputFormatException(
                                source,
                                r.line,
                                r.priceColumns[1],
                                "high "
                                        + r.h
                                        + " is below max(open, close) "
                                        + Math.max(r.o, r.c)))) {
                    break;
                }
                continue;
            }
            if (r.l > Math.min(r.o, r.c)) {
                if (!problems.add(
                        new InputFormatException(
                                source,
                                r.line,
                                r.priceColumns[2],
                                "low "
                                        + r.l
                                        + " is above min(open, close) "
                                        + Math.min(r.o, r.c)))) {
                    break;
                }
                continue;
            }
            if (r.volume < 0) {
                if (!problems.add(
                        new InputFormatException(
                                source,
                                r.line,
                                r.priceColumns[4],
                                "volume " + r.volume + " must be >= 0"))) {
                    break;
                }
                continue;
            }
            Long previous = lastOpen.put(r.symbol, r.open);
            if (previous != null && r.open <= previous) {
                if (!problems.add(
                        new InputFormatException(
                                source,
                                r.line,
                                r.timeColumn,
                                (r.open == previous
                                                ? "duplicate bar at "
                                                : "open time " + r.open / MS + " is not after ")
                                        + (r.open == previous
                                                ? r.open / MS + " for " + r.symbol
                                                : "the previous "
                                                        + r.symbol
                                                        + " bar's "
                                                        + previous / MS)))) {
                    break;
                }
                continue;
            }
            double vwap =
                    r.volume > 0 && !Double.isNaN(r.quoteVolume)
                            ? r.quoteVolume / r.volume
                            : Double.NaN;
            bars.add(
                    new Bar(
                            r.symbol,
                            tf,
                            r.open,
                            r.open + tf.nanos(),
                            r.o,
                            r.h,
                            r.l,
                            r.c,
                            r.volume,
                            r.quoteVolume,
                            r.trades,
                            r.buyVolume,
                            vwap,
                            0));
        }
        return bars;
    }

    private static Timeframe inferTimeframe(List<Row> rows, String source)
            throws InputFormatException {
        long step = Long.MAX_VALUE;
        Row where = rows.get(0);
        if (rows.get(0).close != Long.MIN_VALUE) {
            step = rows.get(0).close - rows.get(0).open;
        } else {
            Map<Symbol, Long> last = new HashMap<>();
            for (Row r : rows) {
                Long prev = last.put(r.symbol, r.open);
                if (prev != null && r.open > prev && r.open - prev < step) {
                    step = r.open - prev;
                    where = r;
                }
            }
        }
        if (step == Long.MAX_VALUE || step <= 0) {
            throw new InputFormatException(
                    source,
                    where.line,
                    0,
                    "cannot tell the timeframe from the data; give it (--timeframe)");
        }
        try {
            return Timeframe.of(Duration.ofNanos(step));
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(
                    source,
                    where.line,
                    0,
                    "bars "
                            + step / MS
                            + " ms apart are not a whole number of seconds; give the timeframe (--timeframe)");
        }
    }
}
