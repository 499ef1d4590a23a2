package org.quantstream.core.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/**
 * What a tick line holds, decided independently of the readers: Jackson's tree model for JSON,
 * regular expressions, {@link BigInteger} and {@link BigDecimal} for numbers, {@link Instant} for
 * the time range. Written from the formats' rules as the README states them, for the fuzz test: a
 * line is a {@link Outcome#tick} with exactly these values, {@link Outcome#BAD}, or {@link
 * Outcome#SKIP} (another well-formed event, a recorder's URL line, a blank line).
 */
final class ReferenceTickParser {
    /** The verdict on one line. */
    record Outcome(Kind kind, Tick tick) {
        static final Outcome BAD = new Outcome(Kind.BAD, null);
        static final Outcome SKIP = new Outcome(Kind.SKIP, null);

        static Outcome tick(Tick t) {
            return new Outcome(Kind.TICK, t);
        }
    }

    enum Kind {
        TICK,
        BAD,
        SKIP
    }

    /** Thrown inside the reference for a line that is not valid. */
    private static final class Invalid extends Exception {
        Invalid() {
            super(null, null, false, false);
        }
    }

    private static final Invalid INVALID = new Invalid();

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(
                            com.fasterxml.jackson.core.JsonParser.Feature
                                    .STRICT_DUPLICATE_DETECTION);
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL =
            Pattern.compile("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern SECONDS = Pattern.compile("[0-9]+\\.[0-9]{1,9}");
    private static final BigInteger MIN_MS =
            BigInteger.valueOf(Instant.parse("2017-01-01T00:00:00Z").toEpochMilli());
    private static final BigInteger END_MS =
            BigInteger.valueOf(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli());
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);
    private static final Set<String> OTHER_EVENTS =
            Set.of(
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

    private ReferenceTickParser() {}

    static Outcome parse(TickFormat format, String line, Symbol fallback) {
        if (line.isBlank()) {
            return Outcome.SKIP;
        }
        try {
            switch (format) {
                case BINANCE_RECORDING:
                    return recorded(line, fallback);
                case BINANCE_JSON:
                    return binance(JSON.readTree(line), 0, fallback);
                case BINANCE_TRADES_CSV:
                    return Outcome.tick(tradesCsv(csv(line, 6), fallback));
                case BINANCE_AGGTRADES_CSV:
                    return Outcome.tick(aggTradesCsv(csv(line, 7), fallback));
                case QUANT_CSV:
                    return Outcome.tick(quantCsv(csv(line, 7)));
                case QUANT_JSONL:
                    return Outcome.tick(quantJson(JSON.readTree(line)));
                default:
                    throw new IllegalArgumentException(format.toString());
            }
        } catch (Invalid | java.io.IOException | IllegalArgumentException e) {
            return Outcome.BAD;
        }
    }

    private static Outcome recorded(String line, Symbol fallback)
            throws Invalid, java.io.IOException {
        if (line.startsWith("ws://") || line.startsWith("wss://")) {
            return Outcome.SKIP;
        }
        int sp = line.indexOf(' ');
        if (sp <= 0) {
            throw INVALID;
        }
        String token = line.substring(0, sp);
        if (token.endsWith(":")) {
            token = token.substring(0, token.length() - 1);
        }
        BigInteger nanos;
        if (SECONDS.matcher(token).matches()) {
            nanos = new BigDecimal(token).movePointRight(9).toBigIntegerExact();
        } else if (INTEGER.matcher(token).matches()) {
            nanos = anyUnitToNanos(new BigInteger(token));
        } else {
            throw INVALID;
        }
        long receive = checkNanos(nanos);
        return binance(JSON.readTree(line.substring(sp + 1)), receive, fallback);
    }

    private static Outcome binance(JsonNode top, long receive, Symbol fallback) throws Invalid {
        if (top == null || !top.isObject()) {
            throw INVALID;
        }
        Map<String, JsonNode> f = new LinkedHashMap<>();
        top.properties()
                .forEach(
                        e -> {
                            if (!e.getKey().equals("data") && !e.getKey().equals("stream")) {
                                f.put(e.getKey(), e.getValue());
                            }
                        });
        JsonNode data = top.get("data");
        if (data != null && data.isObject()) {
            data.properties().forEach(e -> f.put(e.getKey(), e.getValue()));
        }
        String stream = optionalString(top.get("stream"));
        String e = optionalString(f.get("e"));
        String s = optionalString(f.get("s"));
        JsonNode m = f.get("m");
        if (m != null && m.isValueNode() && !m.isBoolean() && !m.isNull()) {
            throw INVALID;
        }
        if (!"trade".equals(e) && !"aggTrade".equals(e)) {
            if (stream != null && (stream.endsWith("@trade") || stream.endsWith("@aggTrade"))) {
                throw INVALID;
            }
            if (e != null && !OTHER_EVENTS.contains(e)) {
                throw INVALID;
            }
            if (present(f.get("p"))
                    && present(f.get("q"))
                    && (present(f.get("t")) || present(f.get("a")))) {
                throw INVALID;
            }
            return Outcome.SKIP;
        }
        JsonNode idNode = f.get("trade".equals(e) ? "t" : "a");
        if (!present(idNode)) {
            throw INVALID;
        }
        long id = id(jsonInteger(idNode));
        JsonNode time = present(f.get("T")) ? f.get("T") : f.get("E");
        if (!present(time)) {
            throw INVALID;
        }
        long eventNanos = checkNanos(anyUnitToNanos(new BigInteger(jsonInteger(time))));
        double price = positive(jsonDecimal(f.get("p")));
        double qty = positive(jsonDecimal(f.get("q")));
        Symbol symbol = s != null ? symbol(s) : fallback;
        if (symbol == null) {
            throw INVALID;
        }
        Side side =
                m == null || !m.isBoolean()
                        ? Side.UNKNOWN
                        : (m.booleanValue() ? Side.SELL : Side.BUY);
        return Outcome.tick(new Tick(symbol, eventNanos, receive, id, price, qty, side));
    }

    /** A scalar the reader takes: not null, not an object or array. */
    private static boolean present(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull();
    }

    private static String optionalString(JsonNode n) throws Invalid {
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        if (!n.isTextual()) {
            throw INVALID;
        }
        return n.textValue();
    }

    private static String jsonInteger(JsonNode n) throws Invalid {
        if (n.isTextual()) {
            String t = strip(n.textValue());
            if (!INTEGER.matcher(t).matches()) {
                throw INVALID;
            }
            return t;
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        throw INVALID;
    }

    private static BigDecimal jsonDecimal(JsonNode n) throws Invalid {
        if (!present(n)) {
            throw INVALID;
        }
        if (n.isTextual()) {
            return decimal(n.textValue());
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        throw INVALID;
    }

    private static String[] csv(String line, int n) throws Invalid {
        String[] f = line.split(",", -1);
        if (f.length != n) {
            throw INVALID;
        }
        return f;
    }

    private static Tick tradesCsv(String[] f, Symbol symbol) throws Invalid {
        long id = id(integer(f[0]));
        BigDecimal p = decimal(f[1]);
        BigDecimal q = decimal(f[2]);
        BigDecimal quote = decimal(f[3]);
        double price = positive(p);
        double qty = positive(q);
        double product = price * qty;
        if (!(positive(quote) > 0)
                || Math.abs(quote.doubleValue() - product) > 1e-6 * product + 1e-8) {
            throw INVALID;
        }
        long time = checkNanos(anyUnitToNanos(new BigInteger(integer(f[4]))));
        Side side = Side.fromBuyerIsMaker(bool(f[5]));
        return new Tick(symbol, time, 0, id, price, qty, side);
    }

    private static Tick aggTradesCsv(String[] f, Symbol symbol) throws Invalid {
        long id = id(integer(f[0]));
        double price = positive(decimal(f[1]));
        double qty = positive(decimal(f[2]));
        long first = id(integer(f[3]));
        long last = id(integer(f[4]));
        if (last < first) {
            throw INVALID;
        }
        long time = checkNanos(anyUnitToNanos(new BigInteger(integer(f[5]))));
        Side side = Side.fromBuyerIsMaker(bool(f[6]));
        return new Tick(symbol, time, 0, id, price, qty, side);
    }

    private static Tick quantCsv(String[] f) throws Invalid {
        Symbol symbol = symbol(strip(f[0]));
        long id = id(integer(f[1]));
        long event = checkNanos(new BigInteger(integer(f[2])));
        long receive = receive(new BigInteger(integer(f[3])));
        return new Tick(
                symbol,
                event,
                receive,
                id,
                positive(decimal(f[4])),
                positive(decimal(f[5])),
                side(f[6]));
    }

    private static final Set<String> QUANT_FIELDS =
            Set.of(
                    "symbol",
                    "tradeId",
                    "eventTimeNanos",
                    "receiveTimeNanos",
                    "price",
                    "quantity",
                    "aggressor");

    private static Tick quantJson(JsonNode n) throws Invalid {
        if (n == null || !n.isObject() || n.size() != QUANT_FIELDS.size()) {
            throw INVALID;
        }
        for (String name : QUANT_FIELDS) {
            if (!present(n.get(name))) {
                throw INVALID;
            }
        }
        if (!n.get("symbol").isTextual() || !n.get("aggressor").isTextual()) {
            throw INVALID;
        }
        return new Tick(
                symbol(n.get("symbol").textValue()),
                checkNanos(new BigInteger(jsonInteger(n.get("eventTimeNanos")))),
                receive(new BigInteger(jsonInteger(n.get("receiveTimeNanos")))),
                id(jsonInteger(n.get("tradeId"))),
                positive(jsonDecimal(n.get("price"))),
                positive(jsonDecimal(n.get("quantity"))),
                side(n.get("aggressor").textValue()));
    }

    private static Symbol symbol(String name) throws Invalid {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,31}")) {
            throw INVALID;
        }
        return Symbol.of(name);
    }

    private static Side side(String text) throws Invalid {
        switch (strip(text).toUpperCase(Locale.ROOT)) {
            case "BUY":
                return Side.BUY;
            case "SELL":
                return Side.SELL;
            case "UNKNOWN":
                return Side.UNKNOWN;
            default:
                throw INVALID;
        }
    }

    private static boolean bool(String text) throws Invalid {
        String t = strip(text).toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw INVALID;
    }

    /** Only spaces and tabs surround a field; any other control character is damage. */
    private static String strip(String text) {
        return text.replaceAll("^[ \t]+|[ \t]+$", "");
    }

    private static String integer(String text) throws Invalid {
        String t = strip(text);
        if (!INTEGER.matcher(t).matches()) {
            throw INVALID;
        }
        return t;
    }

    private static BigDecimal decimal(String text) throws Invalid {
        String t = strip(text);
        if (!DECIMAL.matcher(t).matches()) {
            throw INVALID;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw INVALID; // an exponent beyond int: no finite double either
        }
    }

    private static double positive(BigDecimal v) throws Invalid {
        double d = v.doubleValue();
        if (!Double.isFinite(d) || !(d > 0)) {
            throw INVALID;
        }
        return d;
    }

    private static long id(String integer) throws Invalid {
        BigInteger v = new BigInteger(integer);
        if (v.signum() < 0 || v.bitLength() > 63) {
            throw INVALID;
        }
        return v.longValue();
    }

    /** ms, µs or ns: whichever unit puts the value in [2017, 2100); none does: -1. */
    private static BigInteger anyUnitToNanos(BigInteger v) {
        if (v.compareTo(MIN_MS) >= 0 && v.compareTo(END_MS) < 0) {
            return v.multiply(MILLION);
        }
        if (v.compareTo(MIN_MS.multiply(THOUSAND)) >= 0
                && v.compareTo(END_MS.multiply(THOUSAND)) < 0) {
            return v.multiply(THOUSAND);
        }
        return v;
    }

    private static long checkNanos(BigInteger nanos) throws Invalid {
        if (nanos.compareTo(MIN_MS.multiply(MILLION)) < 0
                || nanos.compareTo(END_MS.multiply(MILLION)) >= 0) {
            throw INVALID;
        }
        return nanos.longValueExact();
    }

    private static long receive(BigInteger nanos) throws Invalid {
        return nanos.signum() == 0 ? 0 : checkNanos(nanos);
    }
}
