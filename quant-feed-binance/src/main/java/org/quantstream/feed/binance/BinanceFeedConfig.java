package org.quantstream.feed.binance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.util.Args;
import org.quantstream.core.util.IdleStrategy;

/**
 * How a {@link BinanceFeed} connects and behaves. Immutable; build with {@link #builder()} or from
 * string options with {@link #fromOptions(FeedConfig)}.
 */
public final class BinanceFeedConfig {
    /** What the I/O thread does when the consumer falls behind and the hand-off ring is full. */
    public enum Overflow {
        /**
         * Stop reading the socket (autoRead off) until the consumer catches up; TCP pushes back.
         */
        BLOCK,
        /** Drop the tick and count it; the id gap it leaves is then backfilled over REST. */
        DROP
    }

    final List<Symbol> symbols;
    final String stream;
    final String wsUrl;
    final String restUrl;
    final Duration stallTimeout;
    final Duration pingInterval;
    final Duration pongTimeout;
    final Duration rotateAfter;
    final Duration backoffMin;
    final Duration backoffMax;
    final Duration healthyAfter;
    final int ringCapacity;
    final int restWeightPerMinute;
    final Overflow overflow;
    final int maxFrameBytes;
    final Map<Symbol, Long> resumeAfter;
    final Consumer<String> deadLetter;
    final boolean backfill;
    final long maxIdJump;
    final boolean trades;
    final boolean quotes;
    final Supplier<IdleStrategy> idle;

    private BinanceFeedConfig(Builder b) {
        if (b.symbols.isEmpty()) {
            throw new IllegalArgumentException("at least one symbol is required");
        }
        if (!b.trades && !b.quotes) {
            throw new IllegalArgumentException(
                    "nothing to receive: trades and quotes are both turned off");
        }
        if (b.symbols.size() > 200) {
            throw new IllegalArgumentException(
                    "at most 200 streams per connection, got " + b.symbols.size());
        }
        this.symbols = List.copyOf(b.symbols);
        this.stream = b.stream;
        this.wsUrl = stripSlash(b.wsUrl);
        this.restUrl = stripSlash(b.restUrl);
        this.stallTimeout = b.stallTimeout;
        this.pingInterval = b.pingInterval;
        this.pongTimeout = b.pongTimeout;
        this.rotateAfter = b.rotateAfter;
        this.backoffMin = b.backoffMin;
        this.backoffMax = b.backoffMax;
        this.healthyAfter = b.healthyAfter;
        this.ringCapacity = b.ringCapacity;
        this.idle = b.idle;
        this.restWeightPerMinute = b.restWeightPerMinute;
        this.overflow = b.overflow;
        this.maxFrameBytes = b.maxFrameBytes;
        this.resumeAfter = Map.copyOf(b.resumeAfter);
        this.deadLetter = b.deadLetter;
        this.backfill = b.backfill && "aggTrade".equals(b.stream);
        this.maxIdJump = b.maxIdJump;
        this.trades = b.trades;
        this.quotes = b.quotes;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * A builder with Binance's endpoints, the aggTrade stream and the defaults listed on each
     * setter.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the string options of a {@link FeedConfig}: {@code symbols} (comma-separated,
     * required), {@code stream}, {@code wsUrl}, {@code restUrl}, {@code stallTimeoutMs}, {@code
     * pingIntervalMs}, {@code pongTimeoutMs}, {@code rotateAfterMs}, {@code ringCapacity}, {@code
     * restWeightPerMinute}, {@code overflow} (block|drop), {@code maxFrameBytes}, {@code
     * resumeAfter} ({@code BTCUSDT:123,ETHUSDT:456}: deliver only ids above these, backfilling from
     * them), {@code backfill}, {@code maxIdJump}, {@code trades} (default true), {@code quotes}
     * (bookTicker, default false), {@code idle} (the delivery thread's {@link IdleStrategy#named
     * idle strategy}; default 100 spins then 50 µs parks).
     *
     * @param c the options
     * @return the configuration
     * @throws IllegalArgumentException naming a missing or invalid option
     */
    public static BinanceFeedConfig fromOptions(FeedConfig c) {
        Builder b = builder();
        for (String s : c.require("symbols").split(",")) {
            if (!s.isBlank()) {
                b.symbol(Symbol.of(s.strip()));
            }
        }
        b.stream(c.get("stream", "aggTrade"));
        b.wsUrl(c.get("wsUrl", b.wsUrl));
        b.restUrl(c.get("restUrl", b.restUrl));
        b.stallTimeout(
                Duration.ofMillis((long) c.getDouble("stallTimeoutMs", b.stallTimeout.toMillis())));
        b.pingInterval(
                Duration.ofMillis((long) c.getDouble("pingIntervalMs", b.pingInterval.toMillis())));
        b.pongTimeout(
                Duration.ofMillis((long) c.getDouble("pongTimeoutMs", b.pongTimeout.toMillis())));
        b.rotateAfter(
                Duration.ofMillis((long) c.getDouble("rotateAfterMs", b.rotateAfter.toMillis())));
        b.ringCapacity((int) c.getDouble("ringCapacity", b.ringCapacity));
        b.restWeightPerMinute((int) c.getDouble("restWeightPerMinute", b.restWeightPerMinute));
        b.overflow(Overflow.valueOf(c.get("overflow", "block").strip().toUpperCase(Locale.ROOT)));
        b.maxFrameBytes((int) c.getDouble("maxFrameBytes", b.maxFrameBytes));
        b.backfill(c.getBoolean("backfill", true));
        b.maxIdJump((long) c.getDouble("maxIdJump", b.maxIdJump));
        b.trades(c.getBoolean("trades", true));
        b.quotes(c.getBoolean("quotes", false));
        String idle = c.get("idle");
        if (idle != null) {
            IdleStrategy.named(idle); // refuses an unknown name now, not on the feed's thread
            b.idle(() -> IdleStrategy.named(idle));
        }
        String resume = c.get("resumeAfter");
        if (resume != null && !resume.isBlank()) {
            for (String part : resume.split(",")) {
                String[] kv = part.split(":");
                if (kv.length != 2) {
                    throw new IllegalArgumentException(
                            "feed option 'resumeAfter' must be SYMBOL:ID,..., was \""
                                    + resume
                                    + '"');
                }
                b.resumeAfter(Symbol.of(kv[0].strip()), Long.parseLong(kv[1].strip()));
            }
        }
        return b.build();
    }

    /** Builds a {@link BinanceFeedConfig}. Not thread-safe. */
    public static final class Builder {
        private final List<Symbol> symbols = new ArrayList<>();
        private String stream = "aggTrade";
        private String wsUrl = "wss://fstream.binance.com";
        private String restUrl = "https://fapi.binance.com";
        private Duration stallTimeout = Duration.ofSeconds(30);
        private Duration pingInterval = Duration.ofMinutes(1);
        private Duration pongTimeout = Duration.ofSeconds(10);
        private Duration rotateAfter = Duration.ofHours(23).plusMinutes(50);
        private Duration backoffMin = Duration.ofMillis(250);
        private Duration backoffMax = Duration.ofSeconds(30);
        private Duration healthyAfter = Duration.ofMinutes(1);
        private int ringCapacity = 8192;
        private Supplier<IdleStrategy> idle = () -> IdleStrategy.backoff(100, 0, 50_000L, 50_000L);
        private int restWeightPerMinute = 2400;
        private Overflow overflow = Overflow.BLOCK;
        private int maxFrameBytes = 65_536;
        private final Map<Symbol, Long> resumeAfter = new LinkedHashMap<>();
        private Consumer<String> deadLetter = text -> {};
        private boolean backfill = true;
        private long maxIdJump = 1_000_000;
        private boolean trades = true;
        private boolean quotes;

        private Builder() {}

        /**
         * Adds a symbol.
         *
         * @param s the symbol
         * @return this
         */
        public Builder symbol(Symbol s) {
            symbols.add(Args.notNull(s, "symbol"));
            return this;
        }

        /**
         * Sets the stream: {@code aggTrade} (default; its {@code a} ids can be backfilled) or
         * {@code trade}.
         *
         * @param s the stream
         * @return this
         */
        public Builder stream(String s) {
            if (!"aggTrade".equals(s) && !"trade".equals(s)) {
                throw new IllegalArgumentException(
                        "stream must be aggTrade or trade, was \"" + s + '"');
            }
            this.stream = s;
            return this;
        }

        /**
         * Sets the WebSocket base URL (default {@code wss://fstream.binance.com}).
         *
         * @param url ws:// or wss://
         * @return this
         */
        public Builder wsUrl(String url) {
            this.wsUrl = Args.notBlank(url, "wsUrl");
            return this;
        }

        /**
         * Sets the REST base URL (default {@code https://fapi.binance.com}).
         *
         * @param url http:// or https://
         * @return this
         */
        public Builder restUrl(String url) {
            this.restUrl = Args.notBlank(url, "restUrl");
            return this;
        }

        /**
         * Sets how long an open socket may stay silent before it counts as stalled and is replaced
         * (default 30 s).
         *
         * @param d the timeout
         * @return this
         */
        public Builder stallTimeout(Duration d) {
            this.stallTimeout = positive(d, "stallTimeout");
            return this;
        }

        /**
         * Sets the interval of client pings (default 1 min).
         *
         * @param d the interval
         * @return this
         */
        public Builder pingInterval(Duration d) {
            this.pingInterval = positive(d, "pingInterval");
            return this;
        }

        /**
         * Sets how long a pong may take before the connection counts as dead (default 10 s).
         *
         * @param d the timeout
         * @return this
         */
        public Builder pongTimeout(Duration d) {
            this.pongTimeout = positive(d, "pongTimeout");
            return this;
        }

        /**
         * Sets when a connection is replaced, before Binance's 24-hour limit (default 23 h 50 min).
         *
         * @param d the age
         * @return this
         */
        public Builder rotateAfter(Duration d) {
            this.rotateAfter = positive(d, "rotateAfter");
            return this;
        }

        /**
         * Sets the reconnect backoff range (default 250 ms to 30 s, full jitter).
         *
         * @param min the smallest delay
         * @param max the largest delay
         * @return this
         */
        public Builder backoff(Duration min, Duration max) {
            this.backoffMin = positive(min, "backoffMin");
            this.backoffMax = positive(max, "backoffMax");
            return this;
        }

        /**
         * Sets the hand-off ring's capacity (default 8192).
         *
         * @param n slots
         * @return this
         */
        public Builder ringCapacity(int n) {
            this.ringCapacity = (int) Args.inRange(n, 16, 1 << 24, "ringCapacity");
            return this;
        }

        /**
         * Sets what the delivery thread does while the ring is empty (default: 100 spins, then
         * parks of 50 µs). {@link IdleStrategy#yielding()} or {@link IdleStrategy#busySpin()} cut
         * the hand-off latency by tens of microseconds for a core that never sleeps.
         *
         * @param idle makes one strategy for each feed's delivery thread
         * @return this
         */
        public Builder idle(Supplier<IdleStrategy> idle) {
            this.idle = Args.notNull(idle, "idle");
            return this;
        }

        /**
         * Sets the REST request-weight budget per minute (default 2,400, Binance's USD-M IP limit;
         * one {@code aggTrades} page costs 20). Backfill waits for the next minute once the budget
         * is spent, so a consumer that keeps overflowing the ring in {@link Overflow#DROP} mode is
         * bounded by it: about 120 gaps a minute.
         *
         * @param weight the budget, at least 20
         * @return this
         */
        public Builder restWeightPerMinute(int weight) {
            this.restWeightPerMinute =
                    (int) Args.inRange(weight, 20, 1_000_000, "restWeightPerMinute");
            return this;
        }

        /**
         * Sets the overflow policy (default {@link Overflow#BLOCK}).
         *
         * @param o the policy
         * @return this
         */
        public Builder overflow(Overflow o) {
            this.overflow = Args.notNull(o, "overflow");
            return this;
        }

        /**
         * Sets the largest accepted frame (default 64 KiB); a larger frame is refused and counted.
         *
         * @param n bytes
         * @return this
         */
        public Builder maxFrameBytes(int n) {
            this.maxFrameBytes = (int) Args.inRange(n, 1024, 16 << 20, "maxFrameBytes");
            return this;
        }

        /**
         * Delivers only trade ids above {@code lastId} for a symbol, backfilling from there (resume
         * after a restart).
         *
         * @param s the symbol
         * @param lastId the last id already had
         * @return this
         */
        public Builder resumeAfter(Symbol s, long lastId) {
            resumeAfter.put(Args.notNull(s, "symbol"), lastId);
            return this;
        }

        /**
         * Sets who receives the text of malformed frames.
         *
         * @param sink the dead-letter hook (called on the I/O thread; must not block)
         * @return this
         */
        public Builder deadLetter(Consumer<String> sink) {
            this.deadLetter = Args.notNull(sink, "deadLetter");
            return this;
        }

        /**
         * Turns REST backfill of id gaps on or off (on by default; only the aggTrade stream can be
         * backfilled).
         *
         * @param on whether to backfill
         * @return this
         */
        public Builder backfill(boolean on) {
            this.backfill = on;
            return this;
        }

        /**
         * The largest trade-id jump taken on trust (default 1,000,000; Binance ids rise by one). A
         * frame whose id lies further above its symbol's last id is suspect: it is delivered only
         * once REST confirms the id exists (or, without backfill, once a second frame continues
         * from it); until then it is quarantined to the dead letters and counted ({@code
         * suspectIds}), and it never becomes the mark that later ids are deduplicated against, so
         * one hostile id cannot make every later trade a "duplicate".
         *
         * @param ids the limit, at least 1
         * @return this
         */
        public Builder maxIdJump(long ids) {
            this.maxIdJump = Args.positive(ids, "maxIdJump");
            return this;
        }

        /**
         * Turns the trade streams ({@link #stream(String)} on Binance's {@code /market} route) on
         * or off (on by default).
         *
         * @param on whether to receive trades
         * @return this
         */
        public Builder trades(boolean on) {
            this.trades = on;
            return this;
        }

        /**
         * Turns the {@code bookTicker} streams (best bid and ask, on Binance's {@code /public}
         * route, a connection of their own) on or off (off by default). Quotes go to a handler that
         * implements {@link org.quantstream.core.tick.QuoteHandler}, on the thread that delivers
         * the trades; repeated update ids (after a reconnect or a rotation) are dropped and
         * counted. Quotes are not backfilled: the next book change brings the current state.
         *
         * @param on whether to receive quotes
         * @return this
         */
        public Builder quotes(boolean on) {
            this.quotes = on;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException without a symbol, with more than 200, or with neither
         *     trades nor quotes
         */
        public BinanceFeedConfig build() {
            return new BinanceFeedConfig(this);
        }

        private static Duration positive(Duration d, String name) {
            Args.notNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0, was " + d);
            }
            return d;
        }
    }
}
