package org.quantstream.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quantstream.core.io.internal.BadLine;
import org.quantstream.core.io.internal.BinanceJsonParser;
import org.quantstream.core.io.internal.CsvLineParser;
import org.quantstream.core.io.internal.LineParser;
import org.quantstream.core.io.internal.LineReader;
import org.quantstream.core.io.internal.QuantJsonParser;
import org.quantstream.core.io.internal.TextFiles;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.util.Args;

/**
 * Reads ticks from a file, streaming, in constant memory. gzip and zip (one file inside, as
 * data.binance.vision publishes) are detected from the content and inflated on the fly; the {@link
 * TickFormat} is detected from the first line.
 *
 * <p>The symbol comes from the data where it names one, else from {@link ReadOptions#symbol()},
 * else from a file name that starts with one ({@code BTCUSDT-trades-2024-07-18.csv}, {@code
 * ethusdt_usdm_trade_...}); if none, opening fails with a message that says so.
 *
 * <p>A malformed line throws an {@link InputFormatException} naming file, line, column and cause,
 * unless the options skip bad lines: then it is counted in {@link #badLines()} and passed to {@link
 * ReadOptions#onBadLine()}. Lines that are not trades (other Binance events, a header) are counted
 * in {@link #skipped()}. To reject a file with a bad line as a whole, read it once through ({@link
 * TickFiles#validate}) before using any tick.
 *
 * <p>Lines are read as bytes: a well-formed trade line of the CSV formats or of a Binance recording
 * is parsed in place, with no {@code String} and no allocation; any other line (a header, another
 * event type, a malformed or unusually spelled line) is decoded and parsed as text, which gives the
 * same tick or the error message. Not thread-safe.
 */
public final class TickReader implements Closeable {
    private static final Pattern SYMBOL_IN_NAME =
            Pattern.compile(
                    "^([A-Za-z0-9]{1,20}?(?:USDT|USDC|BUSD|FDUSD|TUSD|USD|BTC|ETH|BNB|EUR|TRY|DAI))(?:[-_.].*)?$",
                    Pattern.CASE_INSENSITIVE);

    private final String source;
    private final LineReader in;
    private final TickFormat format;
    private final LineParser parser;
    private final ReadOptions options;
    private String pending;
    private long lineNumber;
    private long ticks;
    private long skipped;
    private long badLines;
    private final java.util.Map<String, Long> skippedByType = new java.util.TreeMap<>();

    private TickReader(String source, LineReader in, ReadOptions options, Symbol fileSymbol)
            throws IOException {
        this.source = source;
        this.in = in;
        this.options = options;
        String first;
        do {
            first = read();
            lineNumber++;
        } while (first != null && first != LineReader.TOO_LONG && first.isBlank());
        if (first == LineReader.TOO_LONG) {
            throw new InputFormatException(
                    source, lineNumber, 1, "line longer than " + in.max() + " bytes");
        }
        lineNumber--;
        first = TextFiles.stripBom(first);
        this.pending = first;
        this.format = first == null ? TickFormat.EMPTY : detect(source, lineNumber + 1, first);
        Symbol symbol = options.symbol() != null ? options.symbol() : fileSymbol;
        if (symbol == null
                && (format == TickFormat.BINANCE_TRADES_CSV
                        || format == TickFormat.BINANCE_AGGTRADES_CSV)) {
            throw new InputFormatException(
                    source,
                    0,
                    0,
                    "cannot tell the symbol: the data does not name it and the file name does not start with"
                            + " one; give it (--symbol)");
        }
        this.parser = parserFor(format, symbol);
    }

    /** A reader of lines whose format is known: nothing is read ahead to detect it. */
    private TickReader(
            String source, LineReader in, ReadOptions options, TickFormat format, Symbol symbol) {
        this.source = source;
        this.in = in;
        this.options = options;
        this.format = format;
        this.parser = parserFor(format, symbol);
    }

    /**
     * Opens bytes {@code [from, to)} of a plain (uncompressed) file as a reader of a known format:
     * one part of a file read by several threads at once. {@code from} must be the start of a line;
     * the part's lines are numbered from 1, so the caller adds the lines of the parts before it to
     * a line number it reports.
     *
     * @param file the file
     * @param options how to read it
     * @param from the first byte, at the start of a line
     * @param to one past the last byte
     * @param format the file's format, detected from its first line
     * @return a reader positioned before the part's first line
     * @throws IOException if the file cannot be read
     */
    static TickReader openPart(
            Path file, ReadOptions options, long from, long to, TickFormat format)
            throws IOException {
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file);
        try {
            ch.position(from);
            java.io.InputStream part =
                    TextFiles.limited(java.nio.channels.Channels.newInputStream(ch), to - from);
            Path name = file.getFileName();
            Symbol symbol =
                    options.symbol() != null
                            ? options.symbol()
                            : symbolFromFileName(name == null ? "" : name.toString());
            return new TickReader(
                    file.toString(),
                    new LineReader(part, LineReader.DEFAULT_MAX),
                    options,
                    format,
                    symbol);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Whether the reader reads a plain file (no gzip or zip inflation).
     *
     * @return true if plain
     */
    boolean plain() {
        return in.compression() == null;
    }

    /**
     * Opens a file.
     *
     * @param file the file, plain or gzip
     * @param options how to read it
     * @return a reader positioned before the first tick
     * @throws InputFormatException if the format cannot be detected or the symbol cannot be told
     * @throws IOException if the file cannot be read
     */
    public static TickReader open(Path file, ReadOptions options) throws IOException {
        return open(file, options, Long.MAX_VALUE);
    }

    /**
     * Opens the first {@code maxBytes} bytes of a file: a snapshot of a file that may still grow,
     * so that what was validated is exactly what is read again (an import validates, then appends).
     *
     * @param file the file, plain or gzip
     * @param options how to read it
     * @param maxBytes how many bytes of the file to read at most (of the compressed file for gzip)
     * @return a reader positioned before the first tick
     * @throws InputFormatException if the format cannot be detected or the symbol cannot be told
     * @throws IOException if the file cannot be read
     */
    public static TickReader open(Path file, ReadOptions options, long maxBytes)
            throws IOException {
        Args.notNull(file, "file");
        Args.notNull(options, "options");
        if (java.nio.file.Files.isDirectory(file)) {
            throw new InputFormatException(
                    file.toString(), 0, 0, "is a directory, expected a tick file");
        }
        LineReader reader =
                new LineReader(TextFiles.openBytes(file, maxBytes), LineReader.DEFAULT_MAX);
        try {
            Path name = file.getFileName();
            return new TickReader(
                    file.toString(),
                    reader,
                    options,
                    symbolFromFileName(name == null ? "" : name.toString()));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The symbol a file name starts with, if any: letters and digits ending in a quote asset (USDT,
     * USDC, BUSD, USD, BTC, ETH, BNB, ...), followed by '-', '_', '.' or the end.
     *
     * @param fileName a file name without directories
     * @return the symbol, or null
     */
    public static Symbol symbolFromFileName(String fileName) {
        Matcher m = SYMBOL_IN_NAME.matcher(fileName);
        return m.matches() ? Symbol.of(m.group(1).toUpperCase(Locale.ROOT)) : null;
    }

    private static TickFormat detect(String source, long line, String first)
            throws InputFormatException {
        String t = first.strip();
        if (BinanceJsonParser.looksRecorded(t)) {
            return TickFormat.BINANCE_RECORDING;
        }
        if (t.startsWith("{")) {
            return QuantJsonParser.looksQuant(t) ? TickFormat.QUANT_JSONL : TickFormat.BINANCE_JSON;
        }
        for (TickFormat f :
                new TickFormat[] {
                    TickFormat.BINANCE_TRADES_CSV,
                    TickFormat.BINANCE_AGGTRADES_CSV,
                    TickFormat.QUANT_CSV
                }) {
            if (CsvLineParser.isHeader(t, f)) {
                return f;
            }
        }
        if (t.indexOf(',') > 0) {
            String[] fields = t.split(",", -1);
            boolean numericFirst = fields[0].strip().matches("-?[0-9]+");
            if (fields.length == 6 && numericFirst) {
                return TickFormat.BINANCE_TRADES_CSV;
            }
            if (fields.length == 7 && numericFirst) {
                return TickFormat.BINANCE_AGGTRADES_CSV;
            }
            if (fields.length == 7
                    && Symbol.isValidName(fields[0].strip())
                    && fields[1].strip().matches("-?[0-9]+")) {
                return TickFormat.QUANT_CSV;
            }
            if (!numericFirst) {
                throw new InputFormatException(
                        source,
                        line,
                        1,
                        "unrecognised CSV header \""
                                + t
                                + "\"; expected \""
                                + CsvLineParser.TRADES_HEADER
                                + "\", \""
                                + CsvLineParser.AGGTRADES_HEADER
                                + "\" or \""
                                + CsvLineParser.QUANT_HEADER
                                + '"');
            }
        }
        String shown = t.length() > 80 ? t.substring(0, 80) + "..." : t;
        throw new InputFormatException(
                source,
                line,
                1,
                "unrecognised tick format; expected Binance recorded messages, Binance JSON, trades or aggTrades CSV,"
                        + " or quantstream CSV/JSON lines, found \""
                        + shown
                        + '"');
    }

    private static LineParser parserFor(TickFormat format, Symbol symbol) {
        switch (format) {
            case BINANCE_RECORDING:
                return new BinanceJsonParser(true, symbol);
            case BINANCE_JSON:
                return new BinanceJsonParser(false, symbol);
            case BINANCE_TRADES_CSV:
            case BINANCE_AGGTRADES_CSV:
            case QUANT_CSV:
                return new CsvLineParser(format, symbol);
            case QUANT_JSONL:
                return new QuantJsonParser();
            case EMPTY:
                return (line, into) -> false;
            default:
                throw new IllegalStateException("unhandled format " + format);
        }
    }

    /**
     * Reads the next tick.
     *
     * @param into filled with the tick when the method returns true
     * @return true if a tick was read; false at the end of the file
     * @throws InputFormatException at a malformed line, unless bad lines are skipped
     * @throws IOException if the file cannot be read (including a truncated gzip stream)
     */
    public boolean next(MutableTick into) throws IOException {
        while (true) {
            String line;
            if (pending != null) {
                line = pending;
                pending = null;
            } else {
                if (in.nextParsed(parser, into)) {
                    // the common case: a well-formed trade read where it lies, in one pass
                    lineNumber++;
                    ticks++;
                    return true;
                }
                if (!advance()) {
                    return false;
                }
                if (!in.tooLong() && parser.parseFast(in.buffer(), in.start(), in.end(), into)) {
                    // the common case: a well-formed trade read from the bytes, no String
                    lineNumber++;
                    ticks++;
                    return true;
                }
                line = in.line();
            }
            lineNumber++;
            if (line != LineReader.TOO_LONG && line.isBlank()) {
                continue;
            }
            try {
                if (line == LineReader.TOO_LONG) {
                    throw new BadLine(1, "line longer than " + in.max() + " bytes");
                }
                if (parser.parse(line, into)) {
                    ticks++;
                    return true;
                }
                skipped++;
                if (parser instanceof org.quantstream.core.io.internal.BinanceJsonParser) {
                    String type =
                            ((org.quantstream.core.io.internal.BinanceJsonParser) parser)
                                    .skippedType();
                    if (type != null) {
                        skippedByType.merge(type, 1L, Long::sum);
                    }
                }
            } catch (BadLine bad) {
                InputFormatException e =
                        new InputFormatException(
                                source, lineNumber, bad.column(), bad.getMessage());
                if (!options.skipBad()) {
                    throw e;
                }
                badLines++;
                options.onBadLine().accept(e);
            }
        }
    }

    /** The next line as text; a damaged gzip stream is an error that names the file. */
    private String read() throws IOException {
        return advance() ? in.line() : null;
    }

    /** Moves to the next line; a damaged gzip or zip stream is an error that names the file. */
    private boolean advance() throws IOException {
        try {
            return in.next();
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new InputFormatException(
                    source,
                    lineNumber + 1,
                    0,
                    "damaged or truncated "
                            + java.util.Objects.requireNonNullElse(in.compression(), "compressed")
                            + " data: "
                            + e.getMessage());
        }
    }

    /**
     * The detected format.
     *
     * @return the format ({@link TickFormat#EMPTY} for a file with no data line)
     */
    public TickFormat format() {
        return format;
    }

    /**
     * The name of the input, as used in error messages.
     *
     * @return the path as given
     */
    public String source() {
        return source;
    }

    /**
     * The number of the last line read.
     *
     * @return the 1-based line number, 0 before the first
     */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * Ticks read so far.
     *
     * @return the count
     */
    public long ticks() {
        return ticks;
    }

    /**
     * Lines passed over because they are not trades (other events, headers, a recorder's URL line).
     *
     * @return the count
     */
    public long skipped() {
        return skipped;
    }

    /**
     * The messages of other event types passed over in a Binance recording, per event type ({@code
     * bookTicker}, {@code depthUpdate}, ..., {@code (no event type)} for subscription replies);
     * empty for other formats.
     *
     * @return an unmodifiable view, sorted by type
     */
    public java.util.Map<String, Long> skippedByType() {
        return java.util.Collections.unmodifiableMap(skippedByType);
    }

    /**
     * Malformed lines skipped (only when the options skip bad lines).
     *
     * @return the count
     */
    public long badLines() {
        return badLines;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
