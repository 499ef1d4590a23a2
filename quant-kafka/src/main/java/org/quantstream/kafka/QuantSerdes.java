package org.quantstream.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.alert.AlertCondition;
import org.quantstream.core.alert.AlertSinks;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;
import org.quantstream.core.tick.TickView;

/**
 * The value formats of quantstream's topics: compact binary for ticks, bars and pair snapshots
 * (big-endian, a leading version byte, IEEE doubles bit for bit), JSON for alerts (the line {@link
 * AlertSinks#toJson} writes, so that any consumer can read them). Keys are strings: the symbol for
 * ticks and bars, the pair ({@code A/B}) for snapshots, the rule's target for alerts.
 *
 * <p>A value that is not of its format (wrong version, wrong length, bad JSON) raises {@link
 * SerializationException} naming the topic and the cause; Kafka Streams then applies its
 * deserialization exception handler. The serdes are stateless and thread-safe; each value read
 * allocates its record.
 */
public final class QuantSerdes {
    private static final byte TICK_V1 = 1;
    private static final byte BAR_V1 = 1;
    private static final byte SNAPSHOT_V1 = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bytes of a tick value before the symbol's name. */
    static final int TICK_FIXED = 1 + 1 + 8 * 5 + 1;

    private QuantSerdes() {}

    /**
     * Ticks: version, aggressor side, event time, receive time, trade id, price, quantity (the
     * Chronicle store's record), then the symbol's name (length byte, ASCII), so that a value is
     * whole without its key. 43 bytes plus the name.
     *
     * @return the serde
     */
    public static Serde<Tick> ticks() {
        return Serdes.serdeFrom(
                (Serializer<Tick>) (topic, t) -> t == null ? null : tick(t),
                (Deserializer<Tick>) QuantSerdes::tick);
    }

    /**
     * A tick's value bytes (the {@link #ticks()} format), from any view.
     *
     * @param t the tick
     * @return the bytes
     */
    public static byte[] tick(TickView t) {
        byte[] name = t.symbol().name().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(TICK_FIXED + name.length);
        b.put(TICK_V1)
                .put((byte) t.aggressor().ordinal())
                .putLong(t.eventTimeNanos())
                .putLong(t.receiveTimeNanos())
                .putLong(t.tradeId())
                .putDouble(t.price())
                .putDouble(t.quantity())
                .put((byte) name.length)
                .put(name);
        return b.array();
    }

    private static Tick tick(String topic, byte[] v) {
        if (v == null) {
            return null;
        }
        return Tick.copyOf(readTick(v, new MutableTick(), topic));
    }

    /**
     * Reads a tick value ({@link #ticks()}'s format) into a mutable tick.
     *
     * @param v the value
     * @param into receives the fields
     * @param topic named in the error
     * @return {@code into}
     * @throws SerializationException if the value is not a tick of this version
     */
    public static MutableTick readTick(byte[] v, MutableTick into, String topic) {
        if (v == null
                || v.length < TICK_FIXED
                || v[0] != TICK_V1
                || v.length != TICK_FIXED + v[TICK_FIXED - 1]) {
            throw bad(topic, "tick", v == null ? new byte[0] : v);
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        b.get();
        int side = b.get();
        if (side < 0 || side >= SIDES.length) {
            throw new SerializationException(topic + ": a tick with aggressor side " + side);
        }
        long ev = b.getLong();
        long rx = b.getLong();
        long id = b.getLong();
        double price = b.getDouble();
        double qty = b.getDouble();
        String name = new String(v, TICK_FIXED, v.length - TICK_FIXED, StandardCharsets.US_ASCII);
        return into.set(Symbol.of(name), ev, rx, id, price, qty, SIDES[side]);
    }

    private static final Side[] SIDES = Side.values();

    /**
     * Bars of time frames: version, symbol, timeframe, open and close time, OHLC, volume, quote
     * volume, trade count, buy volume, VWAP, flags.
     *
     * @return the serde
     */
    public static Serde<Bar> bars() {
        return Serdes.serdeFrom(
                (Serializer<Bar>) (topic, bar) -> bar == null ? null : bar(bar),
                (Deserializer<Bar>) QuantSerdes::bar);
    }

    private static byte[] bar(Bar bar) {
        if (!(bar.spec() instanceof Timeframe tf)) {
            throw new SerializationException(
                    "only bars of a timeframe go to Kafka, not " + bar.spec());
        }
        byte[] name = bar.symbol().name().getBytes(StandardCharsets.US_ASCII);
        byte[] spec = tf.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(1 + 2 + name.length + spec.length + 8 * 11 + 4);
        b.put(BAR_V1).put((byte) name.length).put(name).put((byte) spec.length).put(spec);
        b.putLong(bar.openTimeNanos()).putLong(bar.closeTimeNanos());
        b.putDouble(bar.open()).putDouble(bar.high()).putDouble(bar.low()).putDouble(bar.close());
        b.putDouble(bar.volume()).putDouble(bar.quoteVolume()).putLong(bar.tradeCount());
        b.putDouble(bar.buyVolume()).putDouble(bar.vwap()).putInt(bar.flags());
        return b.array();
    }

    private static Bar bar(String topic, byte[] v) {
        if (v == null) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(v);
            if (b.get() != BAR_V1) {
                throw bad(topic, "bar", v);
            }
            String name = text(b);
            Timeframe tf = Timeframe.parse(text(b));
            Bar bar =
                    new Bar(
                            Symbol.of(name),
                            tf,
                            b.getLong(),
                            b.getLong(),
                            b.getDouble(),
                            b.getDouble(),
                            b.getDouble(),
                            b.getDouble(),
                            b.getDouble(),
                            b.getDouble(),
                            b.getLong(),
                            b.getDouble(),
                            b.getDouble(),
                            b.getInt());
            if (b.hasRemaining()) {
                throw bad(topic, "bar", v);
            }
            return bar;
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException(topic + ": not a bar value (" + e + ")", e);
        }
    }

    /**
     * Pair snapshots: version, open time, the legs' prices and fill flags, beta, alpha, spread,
     * z-score, correlation, ADF statistic and p-value, half-life (the pair is the key).
     *
     * @return the serde
     */
    public static Serde<PairSnapshot> snapshots() {
        return Serdes.serdeFrom(
                (Serializer<PairSnapshot>) (topic, s) -> s == null ? null : snapshot(s),
                (Deserializer<PairSnapshot>) QuantSerdes::snapshot);
    }

    private static final int SNAPSHOT_SIZE = 1 + 8 + 8 + 8 + 1 + 8 * 8;

    private static byte[] snapshot(PairSnapshot s) {
        ByteBuffer b = ByteBuffer.allocate(SNAPSHOT_SIZE);
        b.put(SNAPSHOT_V1).putLong(s.openTimeNanos()).putDouble(s.priceA()).putDouble(s.priceB());
        b.put((byte) ((s.filledA() ? 1 : 0) | (s.filledB() ? 2 : 0)));
        b.putDouble(s.beta()).putDouble(s.alpha()).putDouble(s.spread()).putDouble(s.zScore());
        b.putDouble(s.correlation()).putDouble(s.adfStatistic()).putDouble(s.adfPValue());
        b.putDouble(s.halfLife());
        return b.array();
    }

    private static PairSnapshot snapshot(String topic, byte[] v) {
        if (v == null) {
            return null;
        }
        if (v.length != SNAPSHOT_SIZE || v[0] != SNAPSHOT_V1) {
            throw bad(topic, "pair snapshot", v);
        }
        ByteBuffer b = ByteBuffer.wrap(v, 1, v.length - 1);
        long t = b.getLong();
        double pa = b.getDouble();
        double pb = b.getDouble();
        int fill = b.get();
        return new PairSnapshot(
                t,
                pa,
                pb,
                (fill & 1) != 0,
                (fill & 2) != 0,
                b.getDouble(),
                b.getDouble(),
                b.getDouble(),
                b.getDouble(),
                b.getDouble(),
                b.getDouble(),
                b.getDouble(),
                b.getDouble());
    }

    /**
     * Alerts as JSON ({@link AlertSinks#toJson}; NaN thresholds as null).
     *
     * @return the serde
     */
    public static Serde<Alert> alerts() {
        return Serdes.serdeFrom(
                (Serializer<Alert>)
                        (topic, a) ->
                                a == null
                                        ? null
                                        : AlertSinks.toJson(a).getBytes(StandardCharsets.UTF_8),
                (Deserializer<Alert>) QuantSerdes::alert);
    }

    private static Alert alert(String topic, byte[] v) {
        if (v == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(v);
            return new Alert(
                    n.get("rule").asText(),
                    n.get("target").asText(),
                    n.get("metric").asText(),
                    AlertCondition.valueOf(n.get("condition").asText()),
                    number(n.get("lower")),
                    number(n.get("upper")),
                    number(n.get("value")),
                    number(n.get("previous")),
                    n.get("eventTimeNanos").asLong());
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(topic + ": not an alert (" + e.getMessage() + ")", e);
        }
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static String text(ByteBuffer b) {
        int n = b.get();
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.US_ASCII);
    }

    private static SerializationException bad(String topic, String what, byte[] v) {
        return new SerializationException(
                topic
                        + ": not a "
                        + what
                        + " value of this version ("
                        + v.length
                        + " bytes, version byte "
                        + (v.length == 0 ? "none" : v[0])
                        + ")");
    }
}
