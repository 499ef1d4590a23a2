package org.quantstream.core.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.Arrays;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

/**
 * Parses Binance market-stream messages: the combined-stream wrapper {@code
 * {"stream":..,"data":{..}}} or a raw payload, optionally after a recorded receive time ({@link
 * org.quantstream.core.io.TickFormat#BINANCE_RECORDING}). {@code trade} (id {@code t}) and {@code
 * aggTrade} (id {@code a}) events become ticks, with the trade time {@code T} (else the event time
 * {@code E}) as event time. Other events, REST snapshots and subscription replies are skipped.
 * Unknown fields are ignored, as Binance adds fields over time.
 *
 * <p>For files, not the live hot path: it creates a Jackson parser per line. Not thread-safe.
 */
public final class BinanceJsonParser implements LineParser {
    /** Duplicate keys are damage (which of two prices would be the trade's?). */
    private static final JsonFactory JSON =
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final boolean recorded;
    private final Symbol fallbackSymbol;

    /**
     * The event types of Binance USD-M market streams (and user-data events a recording may hold):
     * anything else under {@code "e"} is a damaged line.
     */
    private static final java.util.Set<String> KNOWN_EVENTS =
            java.util.Set.of(
                    "trade",
                    "aggTrade",
                    "markPriceUpdate",
                    "kline",
                    "continuous_kline",
                    "24hrMiniTicker",
                    "24hrTicker",
                    "bookTicker",
                    "forceOrder",
                    "depthUpdate",
                    "compositeIndex",
                    "contractInfo",
                    "assetIndexUpdate",
                    "ORDER_TRADE_UPDATE",
                    "ACCOUNT_UPDATE",
                    "MARGIN_CALL",
                    "listenKeyExpired");

    // Fields of the payload being parsed.
    private String eventType;
    private int eventColumn;
    private String streamName;
    private String skippedType;
    private String symbolName;
    private int symbolColumn;
    private int streamColumn;

    /** Column of the object that holds the event's fields: where a missing field is reported. */
    private int payloadColumn;

    // Kept as text until the event type is known: in other events the same letters mean other
    // things ("a" is the ask price in bookTicker and the asks in depthUpdate).
    private static final int T_ID = 0;
    private static final int A_ID = 1;
    private static final int TRADE_TIME = 2;
    private static final int EVENT_TIME = 3;
    private static final String[] RAW_NAMES = {"t", "a", "T", "E"};
    private final String[] raw = new String[4];
    private final int[] rawColumn = new int[4];
    private String price;
    private String quantity;
    private int priceColumn;
    private int quantityColumn;
    private int buyerIsMaker; // -1 unknown, 0 false, 1 true

    /**
     * Creates a parser.
     *
     * @param recorded whether each line starts with a receive time ({@code <epoch ns> } or {@code
     *     <epoch s>: })
     * @param fallbackSymbol the symbol for a payload without {@code s}, or null to reject such
     *     payloads
     */
    public BinanceJsonParser(boolean recorded, Symbol fallbackSymbol) {
        this.recorded = recorded;
        this.fallbackSymbol = fallbackSymbol;
    }

    /**
     * Whether a line is a recorded message: a time, a space, then JSON; or a connection URL header.
     *
     * @param line the line
     * @return true if the line looks like {@code <digits>[.digits][:] {...}} or starts with {@code
     *     ws://}, {@code wss://}
     */
    public static boolean looksRecorded(String line) {
        if (line.startsWith("ws://") || line.startsWith("wss://")) {
            return true;
        }
        int sp = line.indexOf(' ');
        if (sp <= 0) {
            return false;
        }
        for (int i = 0; i < sp; i++) {
            char c = line.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && !(c == ':' && i == sp - 1)) {
                return false;
            }
        }
        String rest = line.substring(sp).trim();
        return rest.startsWith("{");
    }

    @Override
    public boolean parse(String line, MutableTick into) throws BadLine {
        int offset = 0;
        long receiveNanos = 0;
        if (recorded) {
            if (line.startsWith("ws://") || line.startsWith("wss://")) {
                return false; // the connection URL a recorder writes first
            }
            int sp = line.indexOf(' ');
            if (sp <= 0) {
                throw new BadLine(1, "expected \"<receive time> <message>\", found no space");
            }
            receiveNanos = receiveTime(line.substring(0, sp));
            offset = sp + 1;
            while (offset < line.length() && line.charAt(offset) == ' ') {
                offset++;
            }
        }
        reset();
        try (JsonParser p = JSON.createParser(line.substring(offset))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine(offset + 1, "expected a JSON object");
            }
            payloadColumn = offset + p.currentTokenLocation().getColumnNr();
            readObject(p, offset, true);
            if (p.nextToken() != null) {
                throw new BadLine(
                        offset + p.currentLocation().getColumnNr(),
                        "unexpected text after the JSON object");
            }
        } catch (JsonProcessingException e) {
            int col = e.getLocation() == null ? 0 : offset + e.getLocation().getColumnNr();
            throw new BadLine(col, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadLine(0, "cannot read JSON: " + e.getMessage());
        }
        boolean isTrade = "trade".equals(eventType);
        boolean isAgg = "aggTrade".equals(eventType);
        if (!isTrade && !isAgg) {
            // only a well-formed event of another type is skipped: a trade whose type or stream
            // name was damaged is a bad line, not a different event
            if (streamName != null
                    && (streamName.endsWith("@trade") || streamName.endsWith("@aggTrade"))) {
                throw new BadLine(
                        eventColumn > 0 ? eventColumn : streamColumn,
                        "stream \""
                                + streamName
                                + "\" carries trades, but the event type is "
                                + (eventType == null ? "missing" : '"' + eventType + '"'));
            }
            if (eventType != null && !KNOWN_EVENTS.contains(eventType)) {
                throw new BadLine(eventColumn, "unknown event type \"" + eventType + '"');
            }
            if (price != null && quantity != null && (raw[T_ID] != null || raw[A_ID] != null)) {
                throw new BadLine(
                        eventColumn > 0 ? eventColumn : payloadColumn,
                        "a trade's fields (p, q, and t or a) under event type "
                                + (eventType == null ? "(none)" : '"' + eventType + '"'));
            }
            skippedType = eventType == null ? "(no event type)" : eventType;
            return false;
        }
        int idField = isTrade ? T_ID : A_ID;
        if (raw[idField] == null) {
            throw new BadLine(
                    payloadColumn, eventType + " has no trade id \"" + RAW_NAMES[idField] + '"');
        }
        long id = Fields.parseId(raw[idField], RAW_NAMES[idField], rawColumn[idField]);
        int timeField = raw[TRADE_TIME] != null ? TRADE_TIME : EVENT_TIME;
        if (raw[timeField] == null) {
            throw new BadLine(
                    payloadColumn, eventType + " has no trade time \"T\" or event time \"E\"");
        }
        long timeNanos =
                Fields.parseEpoch(raw[timeField], RAW_NAMES[timeField], rawColumn[timeField]);
        if (price == null) {
            throw new BadLine(payloadColumn, eventType + " has no price \"p\"");
        }
        if (quantity == null) {
            throw new BadLine(payloadColumn, eventType + " has no quantity \"q\"");
        }
        Symbol symbol = fallbackSymbol;
        if (symbolName != null) {
            if (!Symbol.isValidName(symbolName)) {
                throw new BadLine(
                        symbolColumn, "symbol \"" + symbolName + "\" is not a valid symbol");
            }
            symbol = Symbol.of(symbolName);
        }
        if (symbol == null) {
            throw new BadLine(payloadColumn, eventType + " has no symbol \"s\" and none was given");
        }
        into.set(
                symbol,
                timeNanos,
                receiveNanos,
                id,
                Fields.parsePositive(price, "price", priceColumn),
                Fields.parsePositive(quantity, "quantity", quantityColumn),
                buyerIsMaker < 0 ? Side.UNKNOWN : Side.fromBuyerIsMaker(buyerIsMaker == 1));
        return true;
    }

    // The byte path's state: the fields of the line being parsed as positions in its bytes.
    private static final byte[] TRADE = {'t', 'r', 'a', 'd', 'e'};
    private static final byte[] AGG_TRADE = {'a', 'g', 'g', 'T', 'r', 'a', 'd', 'e'};
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] STREAM = {'s', 't', 'r', 'e', 'a', 'm'};
    private static final int MAX_KEYS = 32;
    private final SymbolCache symbols = new SymbolCache();
    private final int[] keyStart = new int[2 * MAX_KEYS];
    private final int[] keyEnd = new int[2 * MAX_KEYS];
    private final int[] keyCount = new int[2];

    /** The one-letter keys (codes 64 to 127) seen on each level, a bit each. */
    private final long[] letters = new long[2];

    private int fastEvent; // 0 none, 1 trade, 2 aggTrade
    private final long[] fastRaw = new long[4];
    private int fastSymbolStart;
    private int fastSymbolEnd;
    private int fastPriceStart;
    private int fastPriceEnd;
    private int fastQuantityStart;
    private int fastQuantityEnd;
    private int fastMaker;

    /**
     * Parses a trade or aggTrade message of the plain shape Binance sends (no escapes, no non-ASCII
     * text, no nesting but the combined stream's {@code data}, integers without leading zeros) from
     * its bytes. Duplicate keys, other events and anything unusual answer false: the text path
     * (Jackson) then skips the line, reports it or reads it.
     */
    @Override
    public boolean parseFast(byte[] b, int start, int end, MutableTick into) {
        int i = start;
        long receiveNanos = 0;
        if (recorded) {
            int sp = i;
            while (sp < end && b[sp] >= '0' && b[sp] <= '9') {
                sp++;
            }
            if (sp == i || sp >= end || b[sp] != ' ') {
                return false;
            }
            long v = AsciiNumbers.parseDigits(b, i, sp);
            receiveNanos = v < 0 ? -1 : Fields.anyUnitToNanos(v);
            if (!Fields.isEpochNanos(receiveNanos)) {
                return false;
            }
            i = sp;
            while (i < end && b[i] == ' ') {
                i++;
            }
        }
        fastEvent = 0;
        fastRaw[0] = -1;
        fastRaw[1] = -1;
        fastRaw[2] = -1;
        fastRaw[3] = -1;
        fastSymbolStart = -1;
        fastPriceStart = -1;
        fastQuantityStart = -1;
        fastMaker = -1;
        keyCount[0] = 0;
        keyCount[1] = 0;
        letters[0] = 0;
        letters[1] = 0;
        if (object(b, i, end, 0) != end || fastEvent == 0) {
            return false;
        }
        long id = fastRaw[fastEvent == 1 ? T_ID : A_ID];
        long time = fastRaw[TRADE_TIME] >= 0 ? fastRaw[TRADE_TIME] : fastRaw[EVENT_TIME];
        long timeNanos = time <= 0 ? -1 : Fields.anyUnitToNanos(time);
        if (id < 0 || timeNanos < 0 || fastPriceStart < 0 || fastQuantityStart < 0) {
            return false;
        }
        double price = AsciiNumbers.parseDecimal(b, fastPriceStart, fastPriceEnd);
        double quantity = AsciiNumbers.parseDecimal(b, fastQuantityStart, fastQuantityEnd);
        if (!(price > 0) || !(quantity > 0)) {
            return false;
        }
        Symbol symbol =
                fastSymbolStart < 0
                        ? fallbackSymbol
                        : symbols.lookup(b, fastSymbolStart, fastSymbolEnd);
        if (symbol == null) {
            return false;
        }
        into.set(
                symbol,
                timeNanos,
                receiveNanos,
                id,
                price,
                quantity,
                fastMaker < 0 ? Side.UNKNOWN : Side.fromBuyerIsMaker(fastMaker == 1));
        return true;
    }

    /**
     * Reads one object at {@code b[i]} on a level (0 the message, 1 the combined stream's data).
     *
     * @return the index after its closing brace, or -1 for a shape the byte path leaves to Jackson
     */
    private int object(byte[] b, int i, int end, int level) {
        if (i >= end || b[i] != '{') {
            return -1;
        }
        i++;
        if (i < end && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            // the key
            if (i >= end || b[i] != '"') {
                return -1;
            }
            int ks = ++i;
            i = stringEnd(b, i, end);
            if (i < 0) {
                return -1;
            }
            int ke = i++;
            if (!newKey(b, ks, ke, level)) {
                return -1; // a duplicate key: Jackson reports it
            }
            if (i >= end || b[i] != ':') {
                return -1;
            }
            i++;
            if (i >= end) {
                return -1;
            }
            int key = ke - ks == 1 ? b[ks] : 0;
            byte c = b[i];
            if (c == '"') {
                int vs = i + 1;
                int ve = stringEnd(b, vs, end);
                if (ve < 0) {
                    return -1;
                }
                i = ve + 1;
                if (key == 'e') {
                    if (Arrays.equals(b, vs, ve, TRADE, 0, TRADE.length)) {
                        fastEvent = 1;
                    } else if (Arrays.equals(b, vs, ve, AGG_TRADE, 0, AGG_TRADE.length)) {
                        fastEvent = 2;
                    } else {
                        return -1; // another event: the text path counts it by type
                    }
                } else if (key == 's') {
                    fastSymbolStart = vs;
                    fastSymbolEnd = ve;
                } else if (key == 'p') {
                    fastPriceStart = vs;
                    fastPriceEnd = ve;
                } else if (key == 'q') {
                    fastQuantityStart = vs;
                    fastQuantityEnd = ve;
                } else if (key == 'm' || rawField(key) >= 0) {
                    return -1; // a flag or a number written as a string: the text path
                }
            } else if (c == '{') {
                if (level != 0 || !Arrays.equals(b, ks, ke, DATA, 0, DATA.length)) {
                    return -1;
                }
                i = object(b, i, end, 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int ns = i;
                while (i < end && b[i] >= '0' && b[i] <= '9') {
                    i++;
                }
                if (c == '-' || (b[ns] == '0' && i - ns > 1)) {
                    return -1; // negative, or a leading zero Jackson refuses
                }
                if (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
                    return -1; // not an integer
                }
                int field = rawField(key);
                if (field >= 0) {
                    fastRaw[field] = AsciiNumbers.parseDigits(b, ns, i);
                    if (fastRaw[field] < 0) {
                        return -1;
                    }
                } else if (key == 'e'
                        || key == 's'
                        || key == 'p'
                        || key == 'q'
                        || key == 'm'
                        || (level == 0 && Arrays.equals(b, ks, ke, STREAM, 0, STREAM.length))) {
                    return -1;
                }
            } else if (c == 't' || c == 'f' || c == 'n') {
                int len = c == 'f' ? 5 : 4;
                if (i + len > end || !literal(b, i, c)) {
                    return -1;
                }
                i += len;
                if (key == 'm' && c != 'n') {
                    fastMaker = c == 't' ? 1 : 0;
                } else if (key == 'm') {
                    fastMaker = -1;
                } else if (key == 'e'
                        || key == 's'
                        || key == 'p'
                        || key == 'q'
                        || rawField(key) >= 0
                        || (level == 0 && Arrays.equals(b, ks, ke, STREAM, 0, STREAM.length))) {
                    return -1;
                }
            } else {
                return -1; // arrays, white space, anything else
            }
            if (i >= end) {
                return -1;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i++;
        }
    }

    private static int rawField(int key) {
        switch (key) {
            case 't':
                return T_ID;
            case 'a':
                return A_ID;
            case 'T':
                return TRADE_TIME;
            case 'E':
                return EVENT_TIME;
            default:
                return -1;
        }
    }

    /** The closing quote of a string of printable ASCII without escapes, or -1. */
    private static int stringEnd(byte[] b, int i, int end) {
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1; // escapes, control characters and non-ASCII (negative) bytes
            }
        }
        return -1;
    }

    private static boolean literal(byte[] b, int i, byte c) {
        if (c == 't') {
            return b[i + 1] == 'r' && b[i + 2] == 'u' && b[i + 3] == 'e';
        }
        if (c == 'f') {
            return b[i + 1] == 'a' && b[i + 2] == 'l' && b[i + 3] == 's' && b[i + 4] == 'e';
        }
        return b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l';
    }

    /** Records a key of an object; false if the object already has it (or too many keys). */
    private boolean newKey(byte[] b, int ks, int ke, int level) {
        if (ke - ks == 1 && b[ks] >= 64 && b[ks] < 128) {
            // Binance's keys are mostly one letter: a bit each, no comparisons
            long bit = 1L << (b[ks] - 64);
            if ((letters[level] & bit) != 0) {
                return false;
            }
            letters[level] |= bit;
            return true;
        }
        int n = keyCount[level];
        if (n == MAX_KEYS) {
            return false;
        }
        int base = level * MAX_KEYS;
        int len = ke - ks;
        for (int k = base; k < base + n; k++) {
            int s = keyStart[k];
            if (keyEnd[k] - s == len && Arrays.equals(b, s, s + len, b, ks, ke)) {
                return false;
            }
        }
        keyStart[base + n] = ks;
        keyEnd[base + n] = ke;
        keyCount[level] = n + 1;
        return true;
    }

    private void reset() {
        eventType = null;
        eventColumn = 0;
        streamName = null;
        skippedType = null;
        symbolName = null;
        symbolColumn = 0;
        streamColumn = 0;
        java.util.Arrays.fill(raw, null);
        price = null;
        quantity = null;
        priceColumn = 0;
        quantityColumn = 0;
        buyerIsMaker = -1;
    }

    private void readObject(JsonParser p, int offset, boolean top) throws IOException, BadLine {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int col = offset + p.currentTokenLocation().getColumnNr();
            if (top && "data".equals(name) && v == JsonToken.START_OBJECT) {
                payloadColumn = col;
                readObject(p, offset, false);
                continue;
            }
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            switch (name) {
                case "e":
                    requireString(v, name, col);
                    eventType = p.getValueAsString();
                    eventColumn = col;
                    break;
                case "stream":
                    if (top) {
                        requireString(v, name, col);
                        streamName = p.getValueAsString();
                        streamColumn = col;
                    }
                    break;
                case "s":
                    requireString(v, name, col);
                    symbolName = p.getValueAsString();
                    symbolColumn = col;
                    break;
                case "t":
                    keep(T_ID, p, col);
                    break;
                case "a":
                    keep(A_ID, p, col);
                    break;
                case "T":
                    keep(TRADE_TIME, p, col);
                    break;
                case "E":
                    keep(EVENT_TIME, p, col);
                    break;
                case "p":
                    price = p.getValueAsString();
                    priceColumn = col;
                    break;
                case "q":
                    quantity = p.getValueAsString();
                    quantityColumn = col;
                    break;
                case "m":
                    if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                        buyerIsMaker = v == JsonToken.VALUE_TRUE ? 1 : 0;
                    } else if (v != JsonToken.VALUE_NULL) {
                        throw new BadLine(col, "m " + p.getText() + " is not true or false");
                    }
                    break;
                default:
                    break; // unknown and unused fields are ignored
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new BadLine(
                    offset + p.currentTokenLocation().getColumnNr(), "malformed JSON object");
        }
    }

    /**
     * The event type of the last line that {@link #parse} skipped, {@code "(no event type)"} for a
     * message without one (a subscription reply, a REST snapshot), or null if the last line was not
     * skipped as another event.
     *
     * @return the type
     */
    public String skippedType() {
        return skippedType;
    }

    /** The value of ASCII digits, or -1 past {@link Long#MAX_VALUE}. */
    private static long parseOrMinus1(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Binance writes event types, stream names and symbols as strings: another type is damage. */
    private static void requireString(JsonToken v, String name, int col) throws BadLine {
        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
            throw new BadLine(col, name + " must be a string");
        }
    }

    private void keep(int field, JsonParser p, int col) throws IOException {
        raw[field] = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
        rawColumn[field] = col;
    }

    /**
     * Parses {@code 1723161255088176367} (ns) or {@code 1626992741.06217:} (seconds) to epoch ns,
     * exactly.
     */
    static long receiveTime(String token) throws BadLine {
        String t = token.endsWith(":") ? token.substring(0, token.length() - 1) : token;
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        String frac = dot < 0 ? "" : t.substring(dot + 1);
        long nanos = -1;
        long v = Fields.isDigits(whole) ? parseOrMinus1(whole) : -1;
        if (v >= 0) {
            if (dot < 0) {
                nanos = Fields.anyUnitToNanos(v); // ms, µs or ns
            } else if (Fields.isDigits(frac) && frac.length() <= 9) {
                // seconds with a fraction, as cryptofeed records
                long fracNanos = Long.parseLong(frac);
                for (int i = frac.length(); i < 9; i++) {
                    fracNanos *= 10;
                }
                nanos =
                        v < Long.MAX_VALUE / 1_000_000_000L - 1
                                ? v * 1_000_000_000L + fracNanos
                                : -1;
            }
        }
        if (!Fields.isEpochNanos(nanos)) {
            throw new BadLine(
                    1,
                    "receive time \""
                            + token
                            + "\" is not an epoch time (ms, µs, ns, or seconds with a fraction)"
                            + " between 2017-01-01 and 2100-01-01");
        }
        return nanos;
    }
}
