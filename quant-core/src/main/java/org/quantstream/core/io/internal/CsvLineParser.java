package org.quantstream.core.io.internal;

import java.util.Arrays;
import java.util.Locale;
import org.quantstream.core.io.TickFormat;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

/**
 * Parses the comma-separated tick formats: Binance trades and aggTrades (data.binance.vision) and
 * quantstream's own. No quoting: none of these formats has a field that needs it. A header line,
 * recognised by its column names, is skipped; only the first line may be one. Not thread-safe.
 */
public final class CsvLineParser implements LineParser {
    /** Header of {@link TickFormat#BINANCE_TRADES_CSV}. */
    public static final String TRADES_HEADER = "id,price,qty,quote_qty,time,is_buyer_maker";

    /** Header of {@link TickFormat#BINANCE_AGGTRADES_CSV}. */
    public static final String AGGTRADES_HEADER =
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker";

    /** Header of {@link TickFormat#QUANT_CSV}. */
    public static final String QUANT_HEADER =
            "symbol,trade_id,event_time_ns,receive_time_ns,price,quantity,aggressor";

    private final TickFormat format;
    private final Symbol symbol;
    private final String[] names;
    private final int[] starts;
    private final int[] ends;
    private boolean firstLine = true;

    /**
     * Creates a parser.
     *
     * @param format one of the CSV formats
     * @param symbol the symbol for formats whose rows do not carry one (may be null for {@link
     *     TickFormat#QUANT_CSV})
     */
    public CsvLineParser(TickFormat format, Symbol symbol) {
        this.format = format;
        this.symbol = symbol;
        this.names = header(format).split(",");
        this.starts = new int[names.length + 1];
        this.ends = new int[names.length + 1];
    }

    /** The format this parser reads. */
    TickFormat format() {
        return format;
    }

    /**
     * The header line of a CSV format.
     *
     * @param format a CSV format
     * @return its header
     */
    public static String header(TickFormat format) {
        switch (format) {
            case BINANCE_TRADES_CSV:
                return TRADES_HEADER;
            case BINANCE_AGGTRADES_CSV:
                return AGGTRADES_HEADER;
            case QUANT_CSV:
                return QUANT_HEADER;
            default:
                throw new IllegalArgumentException("format must be a CSV format, was " + format);
        }
    }

    /**
     * Whether a line is the header of a CSV format (compared without case and white space).
     *
     * @param line the line
     * @param format the format
     * @return true if it is the format's header
     */
    public static boolean isHeader(String line, TickFormat format) {
        return normalize(line).equals(header(format));
    }

    private static String normalize(String line) {
        return line.replace(" ", "").replace("\t", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean parse(String line, MutableTick into) throws BadLine {
        boolean first = firstLine;
        firstLine = false;
        if (first && isHeader(line, format)) {
            return false; // only the first line may be the header; detection already checked it
        }
        int n = split(line);
        if (n != names.length) {
            throw new BadLine(
                    n > names.length ? starts[names.length] : line.length() + 1,
                    "expected "
                            + names.length
                            + " fields ("
                            + header(format)
                            + "), found "
                            + (n > names.length ? "more" : n));
        }
        switch (format) {
            case BINANCE_TRADES_CSV:
                {
                    double price = Fields.parsePositive(field(line, 1), names[1], col(1));
                    double qty = Fields.parsePositive(field(line, 2), names[2], col(2));
                    checkQuoteQuantity(line, price * qty);
                    into.set(
                            symbol,
                            Fields.parseEpoch(field(line, 4), names[4], col(4)),
                            0,
                            Fields.parseId(field(line, 0), names[0], col(0)),
                            price,
                            qty,
                            Side.fromBuyerIsMaker(
                                    Fields.parseBoolean(field(line, 5), names[5], col(5))));
                    return true;
                }
            case BINANCE_AGGTRADES_CSV:
                checkTradeIdRange(line);
                into.set(
                        symbol,
                        Fields.parseEpoch(field(line, 5), names[5], col(5)),
                        0,
                        Fields.parseId(field(line, 0), names[0], col(0)),
                        Fields.parsePositive(field(line, 1), names[1], col(1)),
                        Fields.parsePositive(field(line, 2), names[2], col(2)),
                        Side.fromBuyerIsMaker(
                                Fields.parseBoolean(field(line, 6), names[6], col(6))));
                return true;
            case QUANT_CSV:
                String name = Fields.strip(field(line, 0));
                if (!Symbol.isValidName(name)) {
                    throw new BadLine(col(0), "symbol \"" + name + "\" is not a valid symbol");
                }
                long receive = Fields.parseReceiveNanos(field(line, 3), names[3], col(3));
                into.set(
                        Symbol.of(name),
                        Fields.parseEpochNanos(field(line, 2), names[2], col(2)),
                        receive,
                        Fields.parseId(field(line, 1), names[1], col(1)),
                        Fields.parsePositive(field(line, 4), names[4], col(4)),
                        Fields.parsePositive(field(line, 5), names[5], col(5)),
                        side(field(line, 6), col(6)));
                return true;
            default:
                throw new IllegalStateException("not a CSV format: " + format);
        }
    }

    /**
     * Relative tolerance of {@code quote_qty} against {@code price * qty}: data.binance.vision
     * writes the exact decimal product (rounded to 8 places for the smallest trades), far inside
     * it; a damaged digit of any of the three is far outside it.
     */
    static final double QUOTE_QTY_TOLERANCE = 1e-6;

    /** The trades CSV's quote_qty, unused for the tick, must be a number equal to price * qty. */
    private void checkQuoteQuantity(String line, double product) throws BadLine {
        double quote = Fields.parsePositive(field(line, 3), names[3], col(3));
        if (!(Math.abs(quote - product) <= QUOTE_QTY_TOLERANCE * product + 1e-8)) {
            throw new BadLine(
                    col(3),
                    names[3]
                            + " "
                            + field(line, 3).strip()
                            + " is not price * qty ("
                            + Fields.formatDouble(product)
                            + ")");
        }
    }

    /** The aggTrades CSV's first and last trade ids, unused for the tick, must be ordered ids. */
    private void checkTradeIdRange(String line) throws BadLine {
        long first = Fields.parseId(field(line, 3), names[3], col(3));
        long last = Fields.parseId(field(line, 4), names[4], col(4));
        if (last < first) {
            throw new BadLine(
                    col(4), names[4] + " " + last + " is below " + names[3] + " " + first);
        }
    }

    private static final byte[] BUY = {'B', 'U', 'Y'};
    private static final byte[] SELL = {'S', 'E', 'L', 'L'};
    private static final byte[] UNKNOWN = {'U', 'N', 'K', 'N', 'O', 'W', 'N'};

    private final int[] fieldStart = new int[8];
    private final int[] fieldEnd = new int[8];
    private final SymbolCache symbols = new SymbolCache();

    /** Lines the byte path copies before reading, when they lie too near their buffer's end. */
    private static final int SCRATCH_LINE = 256;

    private final CsvCursor cursor = new CsvCursor();
    private byte[] scratch;

    @Override
    public int parseLineAt(byte[] b, int start, int limit, MutableTick into) {
        if (firstLine || start + CsvCursor.SPAN > b.length || format == TickFormat.QUANT_CSV) {
            return -1;
        }
        cursor.at = start;
        return scanNumbers(b, limit, false, into) ? cursor.at : -1;
    }

    @Override
    public boolean parseFast(byte[] b, int start, int end, MutableTick into) {
        if (firstLine) {
            return false; // the first line may be the header: the text path decides
        }
        if (format == TickFormat.QUANT_CSV) {
            return parseQuantFast(b, start, end, into);
        }
        byte[] line = b;
        int from = start;
        int to = end;
        if (start + CsvCursor.SPAN > b.length) {
            // the loads read past the line: a copy with room after it
            if (end - start > SCRATCH_LINE) {
                return false;
            }
            if (scratch == null) {
                scratch = new byte[SCRATCH_LINE + CsvCursor.SPAN];
            }
            System.arraycopy(b, start, scratch, 0, end - start);
            line = scratch;
            from = 0;
            to = end - start;
        }
        cursor.at = from;
        return scanNumbers(line, to, true, into);
    }

    /**
     * A Binance trades or aggTrades line from the cursor, in one pass (see {@link CsvCursor}):
     * every check of the text path, negated (a decimal is NaN when not of the plain shape, and NaN
     * fails each comparison); {@code into} is set only when the line is taken.
     *
     * @param end where the line must end: exactly there ({@code exact}), or at a line terminator
     *     before it
     */
    private boolean scanNumbers(byte[] b, int end, boolean exact, MutableTick into) {
        CsvCursor c = cursor;
        long id = c.digits(b);
        double price = c.decimal(b);
        double qty = c.decimal(b);
        if (id < 0 || !(price > 0) || !(qty > 0)) {
            return false;
        }
        if (format == TickFormat.BINANCE_TRADES_CSV) {
            double quote = c.decimal(b);
            double product = price * qty;
            if (!(quote > 0)
                    || !(Math.abs(quote - product) <= QUOTE_QTY_TOLERANCE * product + 1e-8)) {
                return false;
            }
        } else {
            long first = c.digits(b);
            long last = c.digits(b);
            if (first < 0 || last < first) {
                return false;
            }
        }
        long time = epochNanos(c.digits(b));
        int maker = c.bool(b);
        if (time < 0 || maker < 0 || !(exact ? c.at == end : c.atEndOfLine(b, end))) {
            return false;
        }
        into.set(symbol, time, 0, id, price, qty, Side.fromBuyerIsMaker(maker == 1));
        return true;
    }

    /** quantstream's CSV from its bytes: the fields split first, then each parsed on its own. */
    private boolean parseQuantFast(byte[] b, int start, int end, MutableTick into) {
        if (!splitFast(b, start, end)) {
            return false;
        }
        int[] s = fieldStart;
        int[] e = fieldEnd;
        Symbol sym = symbols.lookup(b, s[0], e[0]);
        long id = AsciiNumbers.parseDigits(b, s[1], e[1]);
        long time = AsciiNumbers.parseDigits(b, s[2], e[2]);
        long receive = AsciiNumbers.parseDigits(b, s[3], e[3]);
        double price = AsciiNumbers.parseDecimal(b, s[4], e[4]);
        double qty = AsciiNumbers.parseDecimal(b, s[5], e[5]);
        Side side = sideFast(b, s[6], e[6]);
        if (sym == null
                || id < 0
                || !Fields.isEpochNanos(time)
                || receive < 0
                || (receive != 0 && !Fields.isEpochNanos(receive))
                || !(price > 0)
                || !(qty > 0)
                || side == null) {
            return false;
        }
        into.set(sym, time, receive, id, price, qty, side);
        return true;
    }

    /**
     * Finds the commas eight bytes at a time; true if the line has exactly as many fields as the
     * format.
     */
    private boolean splitFast(byte[] b, int start, int end) {
        int want = names.length - 1;
        int n = 0;
        int i = start;
        int[] s = fieldStart;
        int[] e = fieldEnd;
        s[0] = start;
        for (; i + 8 <= end; i += 8) {
            long z = AsciiNumbers.zeroBytes(AsciiNumbers.load(b, i) ^ AsciiNumbers.COMMAS);
            while (z != 0) {
                if (n == want) {
                    return false;
                }
                int comma = i + (Long.numberOfTrailingZeros(z) >>> 3);
                e[n] = comma;
                s[++n] = comma + 1;
                z &= z - 1;
            }
        }
        for (; i < end; i++) {
            if (b[i] == ',') {
                if (n == want) {
                    return false;
                }
                e[n] = i;
                s[++n] = i + 1;
            }
        }
        e[n] = end;
        return n == want;
    }

    /** An epoch time in ms, µs or ns in the accepted range, as nanoseconds; -1 otherwise. */
    private static long epochNanos(long v) {
        return v <= 0 ? -1 : Fields.anyUnitToNanos(v);
    }

    private static Side sideFast(byte[] b, int s, int e) {
        if (Arrays.equals(b, s, e, BUY, 0, BUY.length)) {
            return Side.BUY;
        }
        if (Arrays.equals(b, s, e, SELL, 0, SELL.length)) {
            return Side.SELL;
        }
        return Arrays.equals(b, s, e, UNKNOWN, 0, UNKNOWN.length) ? Side.UNKNOWN : null;
    }

    static Side side(String text, int column) throws BadLine {
        String t = Fields.strip(text);
        for (Side s : Side.values()) {
            if (s.name().equalsIgnoreCase(t)) {
                return s;
            }
        }
        throw new BadLine(column, "aggressor \"" + text + "\" is not BUY, SELL or UNKNOWN");
    }

    private int split(String line) {
        int n = 0;
        int start = 0;
        int max = names.length + 1;
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        while (n < max) {
            int comma = line.indexOf(',', start);
            if (comma < 0 || comma >= end) {
                starts[n] = start;
                ends[n] = end;
                return n + 1;
            }
            starts[n] = start;
            ends[n] = comma;
            n++;
            start = comma + 1;
        }
        return n;
    }

    private String field(String line, int i) {
        return line.substring(starts[i], ends[i]);
    }

    private int col(int i) {
        return starts[i] + 1;
    }
}
