package org.quantstream.feed.binance.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

/**
 * Decodes Binance market-stream frames straight from their bytes into a reused {@link MutableTick}:
 * no String, no allocation per message (a symbol's name is allocated the first time it is seen).
 * Handles the combined-stream wrapper and raw payloads; {@code aggTrade} (id {@code a}) and {@code
 * trade} (id {@code t}) become ticks; other events and control replies are reported as such;
 * unknown fields are skipped. Decimal prices and quantities are converted exactly as {@link
 * Double#parseDouble} would (mantissa below 2^53 divided by an exact power of ten, one rounding).
 *
 * <p>Not thread-safe: one per I/O thread.
 */
public final class BinanceDecoder {
    /** The frame is a trade, in the tick. */
    public static final int TICK = 0;

    /** The frame is another event (bookTicker, depthUpdate, ...). */
    public static final int OTHER_EVENT = 1;

    /** The frame is a control reply ({@code result}/{@code error} with an {@code id}). */
    public static final int CONTROL = 2;

    /** Malformed: not a JSON object, or truncated. */
    public static final int BAD_JSON = 3;

    /** Malformed: a trade without a field it needs. */
    public static final int MISSING_FIELD = 4;

    /** Malformed: a number that does not parse, or a price or quantity not above zero. */
    public static final int BAD_NUMBER = 5;

    /** Number of result codes. */
    public static final int CODES = 6;

    private static final byte[] AGG_TRADE = "aggTrade".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE = "trade".getBytes(StandardCharsets.US_ASCII);
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private final SymbolCache symbols = new SymbolCache();
    private byte[] data = new byte[4096];
    private int pos;
    private int end;

    // one payload's fields: value start/end offsets (strings without quotes), -1 when absent
    private int eStart;
    private int eEnd;
    private int sStart;
    private int sEnd;
    private int pStart;
    private int pEnd;
    private int qStart;
    private int qEnd;
    private int aStart;
    private int aEnd;
    private int tStart;
    private int tEnd;
    private int bigTStart;
    private int bigTEnd;
    private int bigEStart;
    private int bigEEnd;
    private int mValue; // -1 absent, 0 false, 1 true
    private boolean aIsString;
    private boolean sawResultOrError;

    /** Creates a decoder. */
    public BinanceDecoder() {}

    /**
     * Decodes one text frame.
     *
     * @param frame the frame's content (not released, read position unchanged)
     * @param receiveTimeNanos when it arrived
     * @param into filled when the result is {@link #TICK}
     * @return one of the result codes
     */
    public int decode(ByteBuf frame, long receiveTimeNanos, MutableTick into) {
        int len = frame.readableBytes();
        if (len > data.length) {
            data = new byte[Math.max(len, data.length * 2)];
        }
        frame.getBytes(
                frame.readerIndex(),
                data,
                0,
                len); // one bulk copy: no per-byte bounds or leak checks
        pos = 0;
        end = len;
        clear();
        sawResultOrError = false;
        try {
            skipWs();
            if (pos >= end || data[pos] != '{') {
                return BAD_JSON;
            }
            if (!object(true)) {
                return BAD_JSON;
            }
        } catch (IndexOutOfBoundsException e) {
            return BAD_JSON;
        }
        if (eStart < 0) {
            return sawResultOrError ? CONTROL : OTHER_EVENT;
        }
        boolean agg = equals(eStart, eEnd, AGG_TRADE);
        boolean trade = !agg && equals(eStart, eEnd, TRADE);
        if (!agg && !trade) {
            return OTHER_EVENT;
        }
        int idStart = agg ? aStart : tStart;
        int idEnd = agg ? aEnd : tEnd;
        if (idStart < 0
                || (agg && aIsString)
                || sStart < 0
                || pStart < 0
                || qStart < 0
                || (bigTStart < 0 && bigEStart < 0)) {
            return MISSING_FIELD;
        }
        long id = parseLong(idStart, idEnd);
        long time = bigTStart >= 0 ? parseLong(bigTStart, bigTEnd) : parseLong(bigEStart, bigEEnd);
        double price = parseDecimal(pStart, pEnd);
        double qty = parseDecimal(qStart, qEnd);
        if (id < 0
                || time <= 0
                || !(price > 0)
                || !(qty > 0)
                || Double.isInfinite(price)
                || Double.isInfinite(qty)) {
            return BAD_NUMBER;
        }
        Symbol symbol = symbols.lookup(data, sStart, sEnd);
        if (symbol == null) {
            return MISSING_FIELD;
        }
        into.set(
                symbol,
                time * 1_000_000L,
                receiveTimeNanos,
                id,
                price,
                qty,
                mValue < 0 ? Side.UNKNOWN : mValue == 1 ? Side.SELL : Side.BUY);
        return TICK;
    }

    private void clear() {
        eStart = -1;
        sStart = -1;
        pStart = -1;
        qStart = -1;
        aStart = -1;
        tStart = -1;
        bigTStart = -1;
        bigEStart = -1;
        mValue = -1;
        aIsString = false;
    }

    /** Parses an object at pos ('{'); top-level fields of the payload are recorded. */
    private boolean object(boolean top) {
        pos++; // {
        skipWs();
        if (pos < end && data[pos] == '}') {
            pos++;
            return true;
        }
        while (pos < end) {
            skipWs();
            if (data[pos] != '"') {
                return false;
            }
            int ks = pos + 1;
            int ke = stringEnd(ks);
            if (ke < 0) {
                return false;
            }
            pos = ke + 1;
            skipWs();
            if (pos >= end || data[pos] != ':') {
                return false;
            }
            pos++;
            skipWs();
            if (pos >= end) {
                return false;
            }
            int klen = ke - ks;
            byte k0 = data[ks];
            byte v = data[pos];
            if (top && klen == 4 && k0 == 'd' && equalsAscii(ks, "data") && v == '{') {
                clear();
                if (!object(false)) {
                    return false;
                }
            } else if (v == '"') {
                int vs = pos + 1;
                int ve = stringEnd(vs);
                if (ve < 0) {
                    return false;
                }
                if (klen == 1) {
                    record(k0, vs, ve, true);
                }
                pos = ve + 1;
            } else if (v == '{' || v == '[') {
                if (!skipNested()) {
                    return false;
                }
            } else {
                int vs = pos;
                while (pos < end) {
                    byte c = data[pos];
                    if (c == ',' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                        break;
                    }
                    pos++;
                }
                if (klen == 1) {
                    if (k0 == 'm') {
                        mValue = data[vs] == 't' ? 1 : data[vs] == 'f' ? 0 : -1;
                    } else {
                        record(k0, vs, pos, false);
                    }
                } else if (top
                        && ((klen == 6 && equalsAscii(ks, "result"))
                                || (klen == 5 && equalsAscii(ks, "error")))) {
                    sawResultOrError = true;
                }
            }
            if (top
                    && ((klen == 5 && equalsAscii(ks, "error"))
                            || (klen == 6 && equalsAscii(ks, "result")))) {
                sawResultOrError = true;
            }
            skipWs();
            if (pos >= end) {
                return false;
            }
            byte c = data[pos];
            pos++;
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
        return false;
    }

    private void record(byte key, int vs, int ve, boolean string) {
        switch (key) {
            case 'e':
                eStart = vs;
                eEnd = ve;
                break;
            case 's':
                sStart = vs;
                sEnd = ve;
                break;
            case 'p':
                pStart = vs;
                pEnd = ve;
                break;
            case 'q':
                qStart = vs;
                qEnd = ve;
                break;
            case 'a':
                aStart = vs;
                aEnd = ve;
                aIsString = string;
                break;
            case 't':
                tStart = vs;
                tEnd = ve;
                break;
            case 'T':
                bigTStart = vs;
                bigTEnd = ve;
                break;
            case 'E':
                bigEStart = vs;
                bigEEnd = ve;
                break;
            default:
                break;
        }
    }

    private int stringEnd(int from) {
        for (int i = from; i < end; i++) {
            byte c = data[i];
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private boolean skipNested() {
        int depth = 0;
        while (pos < end) {
            byte c = data[pos];
            if (c == '"') {
                int e = stringEnd(pos + 1);
                if (e < 0) {
                    return false;
                }
                pos = e + 1;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    pos++;
                    return true;
                }
            }
            pos++;
        }
        return false;
    }

    private void skipWs() {
        while (pos < end) {
            byte c = data[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private boolean equals(int s, int e, byte[] lit) {
        if (e - s != lit.length) {
            return false;
        }
        for (int i = 0; i < lit.length; i++) {
            if (data[s + i] != lit[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean equalsAscii(int s, String lit) {
        for (int i = 0; i < lit.length(); i++) {
            if (data[s + i] != lit.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A decimal integer; Long.MIN_VALUE when it is not one. */
    private long parseLong(int s, int e) {
        if (s >= e) {
            return Long.MIN_VALUE;
        }
        boolean neg = data[s] == '-';
        int i = neg ? s + 1 : s;
        if (i >= e || e - i > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < e; i++) {
            int d = data[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    /** A decimal like 61800.30 exactly as Double.parseDouble; NaN when malformed. */
    private double parseDecimal(int s, int e) {
        long m = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        boolean neg = false;
        int i = s;
        if (i < e && (data[i] == '-' || data[i] == '+')) {
            neg = data[i] == '-';
            i++;
        }
        for (; i < e; i++) {
            byte c = data[i];
            if (c == '.') {
                if (dot) {
                    return Double.NaN;
                }
                dot = true;
            } else if (c >= '0' && c <= '9') {
                if (digits >= 18) {
                    return slowDecimal(s, e);
                }
                m = m * 10 + (c - '0');
                if (m != 0) {
                    digits++;
                }
                if (dot) {
                    scale++;
                }
            } else if (c == 'e' || c == 'E') {
                return slowDecimal(s, e);
            } else {
                return Double.NaN;
            }
        }
        if (i == s || (digits == 0 && m == 0 && scale == 0 && !hasDigit(s, e))) {
            return Double.NaN;
        }
        if (m >= (1L << 53) || scale >= POW10.length) {
            return slowDecimal(s, e);
        }
        double v = scale == 0 ? m : m / POW10[scale];
        return neg ? -v : v;
    }

    private boolean hasDigit(int s, int e) {
        for (int i = s; i < e; i++) {
            byte c = data[i];
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private double slowDecimal(int s, int e) {
        try {
            return Double.parseDouble(new String(data, s, e - s, StandardCharsets.US_ASCII));
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }
}
