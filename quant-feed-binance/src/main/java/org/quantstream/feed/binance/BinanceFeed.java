package org.quantstream.feed.binance;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.feed.PolledFeed;
import org.quantstream.core.feed.ThreadedFeed;
import org.quantstream.core.tick.MutableQuote;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Quote;
import org.quantstream.core.tick.QuoteHandler;
import org.quantstream.core.tick.QuoteView;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;
import org.quantstream.core.tick.TickHandler;
import org.quantstream.core.tick.TickView;
import org.quantstream.core.tick.internal.QuoteRing;
import org.quantstream.core.tick.internal.TickRing;
import org.quantstream.core.util.IdleStrategy;
import org.quantstream.feed.binance.internal.Backoff;
import org.quantstream.feed.binance.internal.BinanceDecoder;
import org.quantstream.feed.binance.internal.InPlaceFrameDecoder;
import org.quantstream.feed.binance.internal.RestClient;
import org.quantstream.feed.binance.internal.Streams;
import org.quantstream.feed.binance.internal.SymbolLongs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance USD-M futures trades (and, when configured, best bid and ask quotes) over Netty
 * WebSocket, losing no trade and repeating none.
 *
 * <ul>
 *   <li><b>Routes.</b> Trades ({@code aggTrade} or {@code trade}) come from Binance's {@code
 *       /market} route, book tickers ({@link BinanceFeedConfig.Builder#quotes(boolean)}) from
 *       {@code /public}: one connection per route, each with its own reconnects, backoff and
 *       rotation. Quotes go to a handler that implements {@link QuoteHandler} (see {@link
 *       org.quantstream.core.tick.MarketDataHandler}), on the same thread as the trades; a quote
 *       whose update id is not above the last of its symbol is dropped and counted.
 *   <li><b>Threads.</b> One Netty I/O thread ({@code quant-binance-io-N}) decodes each frame
 *       straight from its bytes into a reused tick or quote ({@link BinanceDecoder}, no allocation)
 *       and offers it to a bounded single-producer ring; it never runs user code. The feed's own
 *       thread ({@code quant-binance-usdm-feed-N}) takes ticks and quotes from the rings, removes
 *       duplicates, backfills gaps and calls the handler. When a ring fills, the overflow policy
 *       either stops reading that socket (BLOCK, TCP pushes back) or drops the message (DROP; a
 *       trade gap is then backfilled), both counted.
 *   <li><b>No loss, no duplicates.</b> Per symbol the last trade id is kept; an id not above it is
 *       dropped and counted; a jump is a gap, backfilled from {@code GET
 *       /fapi/v1/aggTrades?fromId=} (paged by 1000, weight-budgeted, 429 honoured) and delivered in
 *       id order before the trade that revealed it. A reconnect therefore loses nothing that REST
 *       still has, and a resumed collector ({@code resumeAfter}) continues from its last stored id.
 *   <li><b>Liveness.</b> Server pings are answered; client pings are sent and a missing pong closes
 *       the connection; a silent socket (stall) is closed; every close schedules a reconnect with
 *       exponential backoff and full jitter (250 ms to 30 s), whose attempts reset only after a
 *       connection stayed healthy for a minute. Before Binance's 24-hour limit a new connection is
 *       opened and the old one closed once the new one delivers (make before break; the overlap is
 *       removed as duplicates).
 *   <li><b>Control.</b> After each connect the subscriptions are listed and any missing stream is
 *       subscribed again; control messages go through an 8-a-second token bucket (Binance closes
 *       above 10).
 *   <li><b>Bad input.</b> A malformed frame is counted by reason and passed to the dead-letter
 *       hook; a frame above the size limit is refused by the decoder and the connection replaced.
 *       The stream never dies of bad data.
 * </ul>
 *
 * <p>Thread-safe as {@link org.quantstream.core.feed.DataFeed} requires.
 */
public final class BinanceFeed extends ThreadedFeed implements PolledFeed {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFeed.class);

    /** Reconnect causes, in {@link #stats()} as {@code reconnects.<cause>}. */
    private static final String[] CAUSES = {
        "stall", "pongTimeout", "serverClose", "rotation", "error"
    };

    private static final int STALL = 0;
    private static final int PONG_TIMEOUT = 1;
    private static final int SERVER_CLOSE = 2;
    private static final int ROTATION = 3;
    private static final int ERROR = 4;
    private static final String[] DECODE_REASONS = {
        "", "otherEvent", "control", "badJson", "missingField", "badNumber", "quote"
    };

    private final BinanceFeedConfig cfg;
    private final TickRing ring;
    private final QuoteRing quoteRing;
    private final List<Route> routes = new ArrayList<>();
    private final RestClient rest;
    private final AtomicLongArray reconnectCauses = new AtomicLongArray(CAUSES.length);
    private final AtomicLongArray decodeResults = new AtomicLongArray(BinanceDecoder.CODES);
    private final AtomicLong oversizedFrames = new AtomicLong();
    private final AtomicLong overflowDrops = new AtomicLong();
    private final AtomicLong quoteOverflowDrops = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong rotationFailures = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile long duplicates;
    private volatile long quotes;
    private volatile long quoteDuplicates;
    private volatile long gaps;
    private volatile long backfilled;
    private volatile long unresolvedGaps;

    /** Frames quarantined because their id jumped beyond maxIdJump unconfirmed. */
    private volatile long suspectIds;

    /** Control messages dropped because the rate-limited queue was full. */
    private final AtomicLong controlDrops = new AtomicLong();

    private static final int MAX_PENDING_CONTROLS = 16;

    private volatile long lagLastMs;
    private volatile long lagMaxMs;
    private volatile long clockOffsetMs;

    private EventLoopGroup group;

    private static final java.lang.invoke.VarHandle LAG_LAST;
    private static final java.lang.invoke.VarHandle LAG_MAX;

    static {
        try {
            java.lang.invoke.MethodHandles.Lookup l = java.lang.invoke.MethodHandles.lookup();
            LAG_LAST = l.findVarHandle(BinanceFeed.class, "lagLastMs", long.class);
            LAG_MAX = l.findVarHandle(BinanceFeed.class, "lagMaxMs", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The messages a delivery step takes from a ring at most. */
    private static final int BATCH = 256;

    // the delivering thread's (the feed's own, or the polling thread)
    private TickHandler handler;
    private QuoteHandler quoteHandler;
    private final MutableTick deliveryTick = new MutableTick();
    private final MutableQuote deliveryQuote = new MutableQuote();

    /**
     * Set by the I/O thread after a reconnect: the consumer fetches what the stream lost meanwhile.
     */
    private volatile boolean catchUp;

    private final SymbolLongs lastIds = new SymbolLongs();
    private final SymbolLongs lastUpdateIds = new SymbolLongs();

    /** Per symbol the last quarantined suspect id: a frame continuing from it confirms it. */
    private final SymbolLongs suspects = new SymbolLongs();

    /** REST pages fetched beyond a gap, kept for the next gaps (consumer thread only). */
    private final Map<Symbol, java.util.ArrayDeque<RestClient.AggTrade>> prefetched =
            new java.util.HashMap<>();

    /**
     * Creates a feed (usually through {@link BinanceFeedProvider}).
     *
     * @param config clock, error handler, listener
     * @param cfg the Binance settings
     */
    public BinanceFeed(FeedConfig config, BinanceFeedConfig cfg) {
        super(BinanceFeedProvider.NAME, config);
        this.cfg = cfg;
        this.ring = new TickRing(cfg.ringCapacity);
        this.quoteRing = cfg.quotes ? new QuoteRing(cfg.ringCapacity) : null;
        this.rest = new RestClient(cfg.restUrl, cfg.restWeightPerMinute);
        for (Map.Entry<Symbol, Long> e : cfg.resumeAfter.entrySet()) {
            lastIds.set(e.getKey(), e.getValue());
        }
        if (cfg.trades) {
            routes.add(new Route(cfg.stream, true));
        }
        if (cfg.quotes) {
            routes.add(new Route("bookTicker", false));
        }
    }

    /**
     * Refuses a handler that cannot take quotes when quotes are configured.
     *
     * @param handler the handler passed to {@link #start(TickHandler)}
     * @throws IllegalArgumentException if quotes are on and the handler is no {@link QuoteHandler}
     */
    @Override
    protected void checkHandler(TickHandler handler) {
        if (cfg.quotes && !(handler instanceof QuoteHandler)) {
            throw new IllegalArgumentException(
                    "quotes are turned on but the handler does not implement QuoteHandler (use"
                            + " MarketDataHandler.of(ticks, quotes))");
        }
    }

    @Override
    protected void deliver(TickHandler handler) throws Exception {
        open(handler);
        try {
            IdleStrategy idle = cfg.idle.get();
            while (!closing()) {
                if (work(BATCH) > 0) {
                    idle.reset();
                } else {
                    idle.idle();
                }
            }
        } finally {
            shut();
        }
    }

    /**
     * Starts the feed without a delivery thread: reads the exchange's clock, connects (on the
     * feed's Netty I/O thread as usual) and returns; ticks and quotes reach the handler only inside
     * {@link #poll}, on the polling thread, which then does all a feed thread would (duplicates,
     * gap backfill and catch-up over REST). See {@link PolledFeed}.
     *
     * @param handler receives the trades (and quotes: a {@link QuoteHandler} when quotes are on)
     * @throws IllegalStateException if the feed was already started or closed
     * @throws IllegalArgumentException if quotes are on and the handler is no {@link QuoteHandler}
     */
    @Override
    public void startPolled(TickHandler handler) {
        startPolledMode(handler);
    }

    /**
     * Delivers what has arrived, on the calling thread: at most {@code limit} trades (and as many
     * quotes) from the I/O thread's rings, with whatever backfilling a gap among them brings; never
     * waits for a message. Allocation-free in steady state.
     *
     * @param limit the most trades to take, {@code > 0}
     * @return the messages taken, 0 when none had arrived, -1 once the feed has ended
     * @throws IllegalStateException if the feed was not started with {@link #startPolled}
     */
    @Override
    public int poll(int limit) {
        return pollOnce(limit);
    }

    @Override
    protected void open(TickHandler handler) {
        this.handler = handler;
        this.quoteHandler = cfg.quotes ? (QuoteHandler) handler : null;
        group =
                new MultiThreadIoEventLoopGroup(
                        1,
                        new DefaultThreadFactory("quant-binance-io", true),
                        NioIoHandler.newFactory());
        syncClock();
        for (Route r : routes) {
            group.execute(() -> connect(r, false));
        }
        running();
    }

    /**
     * Takes up to {@code limit} trades and as many quotes from the rings, through duplicates and
     * gaps to the handler; a catch-up the I/O thread asked for first. Reading, paused when a ring
     * filled, resumes once per batch.
     */
    @Override
    protected int work(int limit) throws Exception {
        TickHandler h = handler;
        if (catchUp) {
            catchUp = false;
            catchUp(h);
        }
        MutableTick t = deliveryTick;
        int n = 0;
        while (n < limit && ring.poll(t)) {
            process(t, h);
            n++;
        }
        QuoteHandler qh = quoteHandler;
        if (qh != null) {
            MutableQuote q = deliveryQuote;
            int m = 0;
            while (m < limit && quoteRing.poll(q)) {
                processQuote(q, qh);
                m++;
            }
            n += m;
        }
        if (n > 0 && cfg.overflow == BinanceFeedConfig.Overflow.BLOCK) {
            resumeReading();
        }
        return n;
    }

    @Override
    protected void shut() {
        EventLoopGroup g = group;
        if (g == null) {
            return;
        }
        for (Route r : routes) {
            Connection c = r.current;
            r.current = null;
            g.execute(
                    () -> {
                        if (c != null) {
                            c.closedByUs = true;
                            c.ch.close();
                        }
                    });
        }
        g.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void syncClock() {
        try {
            long before = System.currentTimeMillis();
            long server = rest.serverTime(this::closing);
            long after = System.currentTimeMillis();
            clockOffsetMs = (before + after) / 2 - server;
        } catch (Exception e) {
            LOG.warn("cannot read the exchange time from {}: {}", cfg.restUrl, e.toString());
        }
    }

    // ---- consumer thread

    private long last(Symbol s) {
        return lastIds.get(s);
    }

    private void setLast(Symbol s, long id) {
        lastIds.set(s, id);
    }

    /** Delivers a quote unless its update id is not newer than the last of its symbol. */
    private void processQuote(MutableQuote q, QuoteHandler handler) {
        Symbol s = q.symbol();
        if (q.updateId() <= lastUpdateIds.get(s)) {
            quoteDuplicates++; // the overlap of a rotation, or a replay after a reconnect
            return;
        }
        lastUpdateIds.set(s, q.updateId());
        handler.onQuote(q);
        quotes++;
    }

    private void process(MutableTick t, TickHandler handler) {
        Symbol s = t.symbol();
        long last = last(s);
        long id = t.tradeId();
        if (last >= 0 && id <= last) {
            duplicates++;
            return;
        }
        if (last >= 0 && id - last > cfg.maxIdJump && !confirmJump(t, last)) {
            return; // quarantined: not delivered, and not the mark later ids are compared with
        }
        if (last >= 0 && id > last + 1) {
            gaps++;
            if (cfg.backfill) {
                backfill(s, last + 1, id - 1, handler);
            } else {
                unresolvedGaps++;
            }
        }
        setLast(s, id);
        long lagMs = (t.receiveTimeNanos() - t.eventTimeNanos()) / 1_000_000L - clockOffsetMs;
        // release stores: one writer, and a volatile store's full fence per tick was not free
        LAG_LAST.setRelease(this, lagMs);
        if (lagMs > lagMaxMs) {
            LAG_MAX.setRelease(this, lagMs);
        }
        handler.onTick(t);
        countTick();
    }

    /**
     * An id far above the last one: a hostile or corrupt frame until confirmed, by REST (the
     * exchange has a trade with that id) or, without backfill, by a second frame that continues
     * from it. Unconfirmed, the frame goes to the dead letters and is counted.
     */
    private boolean confirmJump(MutableTick t, long last) {
        Symbol s = t.symbol();
        long id = t.tradeId();
        long suspect = suspects.get(s);
        boolean confirmed;
        String how;
        if (suspect >= 0 && id > suspect && id - suspect <= cfg.maxIdJump) {
            confirmed = true; // the stream itself continues from the earlier suspect
            how = "a later frame continued from it";
        } else if (cfg.backfill) {
            List<RestClient.AggTrade> page = List.of();
            try {
                page = rest.aggTrades(s.name(), id, 1, this::closing);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("cannot confirm trade id {} of {} by REST: {}", id, s, e.toString());
            }
            confirmed = !page.isEmpty() && page.get(0).id() == id;
            how = confirmed ? "REST has it" : "REST does not have it";
        } else {
            confirmed = false;
            how = "no backfill to confirm it";
        }
        if (confirmed) {
            suspects.set(s, -1);
            LOG.info(
                    "trade id {} of {} jumped {} ids after {}: confirmed ({})",
                    id,
                    s,
                    id - last,
                    last,
                    how);
            return true;
        }
        suspects.set(s, id);
        suspectIds++;
        String letter =
                "suspect trade id "
                        + id
                        + " of "
                        + s
                        + " ("
                        + (id - last)
                        + " ids after the last, "
                        + last
                        + "; limit "
                        + cfg.maxIdJump
                        + "): quarantined, "
                        + how;
        LOG.warn(letter);
        cfg.deadLetter.accept(letter);
        return false;
    }

    /**
     * After a reconnect: fetch, for each symbol with a known last id, every trade REST has after
     * it.
     */
    private void catchUp(TickHandler handler) {
        if (!cfg.backfill) {
            return;
        }
        for (Symbol s : cfg.symbols) {
            long last = last(s);
            if (last >= 0) {
                backfill(s, last + 1, Long.MAX_VALUE, handler);
            }
        }
    }

    private void backfill(Symbol s, long from, long to, TickHandler handler) {
        MutableTick b = new MutableTick();
        long next = from;
        boolean shortPage = false;
        java.util.ArrayDeque<RestClient.AggTrade> cache =
                prefetched.computeIfAbsent(s, k -> new java.util.ArrayDeque<>());
        try {
            while (next <= to && !closing()) {
                // serve from what an earlier page already brought (many small gaps, e.g. overflow
                // drops, cost no call)
                while (!cache.isEmpty() && cache.peekFirst().id() < next) {
                    cache.pollFirst();
                }
                if (cache.isEmpty() || cache.peekFirst().id() != next) {
                    cache.clear();
                    List<RestClient.AggTrade> page =
                            rest.aggTrades(s.name(), next, 1000, this::closing);
                    if (page.isEmpty()) {
                        break;
                    }
                    shortPage = rest.lastPageShort();
                    cache.addAll(page);
                    while (!cache.isEmpty() && cache.peekFirst().id() < next) {
                        cache.pollFirst();
                    }
                    if (cache.isEmpty()) {
                        break;
                    }
                }
                boolean exhausted = true;
                while (!cache.isEmpty()) {
                    RestClient.AggTrade a = cache.peekFirst();
                    if (a.id() > to) {
                        next = to + 1;
                        exhausted = false;
                        break;
                    }
                    cache.pollFirst();
                    if (a.id() > next) {
                        // REST skipped ids (a page with a hole): they stay missing, and say so
                        unresolvedGaps++;
                        LOG.warn("backfill of {}: REST has no trades {}..{}", s, next, a.id() - 1);
                    }
                    b.set(
                            s,
                            a.timeMs() * 1_000_000L,
                            config.clock().epochNanos(),
                            a.id(),
                            a.price(),
                            a.quantity(),
                            a.buyerIsMaker() ? Side.SELL : Side.BUY);
                    setLast(s, a.id());
                    handler.onTick(b);
                    countTick();
                    backfilled++;
                    next = a.id() + 1;
                }
                if (exhausted && to == Long.MAX_VALUE && shortPage) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            config.errorHandler()
                    .onError(
                            new IllegalStateException(
                                    "backfill of "
                                            + s
                                            + " ids "
                                            + next
                                            + ".."
                                            + to
                                            + " failed: "
                                            + e.getMessage(),
                                    e));
        }
        if (next <= to && to != Long.MAX_VALUE) {
            unresolvedGaps++;
        }
    }

    private void resumeReading() {
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            Connection c = r.current;
            // the paused flag first: the backlog reads the I/O thread's position
            if (c != null && !c.ch.config().isAutoRead() && r.backlog() < r.capacity() / 2) {
                c.ch.eventLoop().execute(() -> c.ch.config().setAutoRead(true));
            }
        }
    }

    // ---- I/O thread

    /**
     * One of Binance's routed endpoints ({@code /market} for trades, {@code /public} for book
     * tickers) with the streams the feed takes there: each route has a connection of its own, with
     * its own reconnects and rotation.
     */
    private final class Route {
        final boolean trades;
        final List<String> streams = new ArrayList<>();
        final URI uri;
        volatile Connection current;
        int attempts; // I/O thread
        long connects; // I/O thread

        Route(String type, boolean trades) {
            this.trades = trades;
            for (Symbol s : cfg.symbols) {
                streams.add(Streams.canonical(s.name().toLowerCase(Locale.ROOT) + "@" + type));
            }
            uri =
                    URI.create(
                            cfg.wsUrl
                                    + Streams.route(streams.get(0))
                                    + "/stream?streams="
                                    + String.join("/", streams));
        }

        int backlog() {
            return trades ? ring.size() : quoteRing.size();
        }

        int capacity() {
            return trades ? ring.capacity() : quoteRing.capacity();
        }
    }

    private void connect(Route route, boolean rotation) {
        if (closing()) {
            return;
        }
        Connection c = new Connection(route, rotation);
        c.open();
    }

    private void scheduleReconnect(Route route) {
        if (closing()) {
            return;
        }
        long delay =
                Backoff.delayNanos(
                        cfg.backoffMin.toNanos(),
                        cfg.backoffMax.toNanos(),
                        route.attempts,
                        ThreadLocalRandom.current());
        route.attempts++;
        group.schedule(() -> connect(route, false), delay, TimeUnit.NANOSECONDS);
    }

    /** One WebSocket connection and its timers; all its state lives on the I/O thread. */
    private final class Connection extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Route route;
        private final boolean rotation;
        private ChannelFuture connectFuture;
        private final BinanceDecoder decoder = new BinanceDecoder();
        private final MutableTick tick = new MutableTick();
        private final MutableQuote quote = new MutableQuote();
        private final long[] controlTimes = new long[8];
        private final java.util.ArrayDeque<String> pendingControls = new java.util.ArrayDeque<>();
        private boolean controlDrainScheduled;

        /** The id of the LIST_SUBSCRIPTIONS awaiting its answer, 0 if none. */
        private int listId;

        private int controlPos;
        private int controlId;
        Channel ch;
        volatile boolean closedByUs;
        private int cause = -1;
        private long pingSentNanos;
        private long pongNanos;
        private boolean delivering;

        Connection(Route route, boolean rotation) {
            super(true);
            this.route = route;
            this.rotation = rotation;
        }

        void open() {
            URI uri = route.uri;
            boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
            String host = uri.getHost();
            SslContext ssl;
            try {
                ssl = tls ? SslContextBuilder.forClient().build() : null;
            } catch (Exception e) {
                config.errorHandler().onError(e);
                scheduleReconnect(route);
                return;
            }
            Connection self = this;
            Bootstrap b =
                    new Bootstrap()
                            .group(group)
                            .channel(NioSocketChannel.class)
                            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                            .option(ChannelOption.TCP_NODELAY, true)
                            .handler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel sc) {
                                            // first, so it sees every byte: the text frames of
                                            // the in-place decoder never travel further down
                                            sc.pipeline()
                                                    .addLast(
                                                            new IdleStateHandler(
                                                                    cfg.stallTimeout.toNanos(),
                                                                    0,
                                                                    0,
                                                                    TimeUnit.NANOSECONDS));
                                            if (ssl != null) {
                                                SslHandler h =
                                                        ssl.newHandler(sc.alloc(), host, port);
                                                SSLEngine engine = h.engine();
                                                SSLParameters p = engine.getSSLParameters();
                                                p.setEndpointIdentificationAlgorithm(
                                                        "HTTPS"); // hostname verification
                                                engine.setSSLParameters(p);
                                                sc.pipeline().addLast(h);
                                            }
                                            sc.pipeline()
                                                    .addLast(new HttpClientCodec())
                                                    .addLast(new HttpObjectAggregator(8192))
                                                    .addLast(
                                                            new WebSocketClientProtocolHandler(
                                                                    InPlaceFrameDecoder.handshaker(
                                                                            uri,
                                                                            cfg.maxFrameBytes,
                                                                            self::onText),
                                                                    WebSocketClientProtocolConfig
                                                                            .newBuilder()
                                                                            .webSocketUri(uri)
                                                                            .maxFramePayloadLength(
                                                                                    cfg.maxFrameBytes)
                                                                            .dropPongFrames(false)
                                                                            // seen here, so a
                                                                            // server close counts
                                                                            // as one
                                                                            .handleCloseFrames(
                                                                                    false)
                                                                            .handshakeTimeoutMillis(
                                                                                    10_000)
                                                                            // the decoder reads
                                                                            // ASCII fields only;
                                                                            // the UTF-8 pass over
                                                                            // every byte cost 40 %
                                                                            // of the I/O thread
                                                                            .withUTF8Validator(
                                                                                    false)
                                                                            .build()))
                                                    // a message sent as a text frame and
                                                    // continuation frames is one message
                                                    // (before: every fragment was malformed)
                                                    .addLast(
                                                            new WebSocketFrameAggregator(
                                                                    cfg.maxFrameBytes))
                                                    .addLast(self);
                                        }
                                    });
            ChannelFuture f = b.connect(host, port);
            connectFuture = f;
            ch = f.channel();
            f.addListener(
                    done -> {
                        if (!done.isSuccess()) {
                            LOG.warn("connect to {} failed: {}", uri, done.cause().toString());
                            connectFailures.incrementAndGet();
                            if (rotation) {
                                rotationFailed();
                            } else {
                                scheduleReconnect(route);
                            }
                        }
                    });
            ch.closeFuture().addListener(x -> onClosed());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt
                    == WebSocketClientProtocolHandler.ClientHandshakeStateEvent
                            .HANDSHAKE_COMPLETE) {
                connects.incrementAndGet();
                if (route.trades && (++route.connects > 1 || !cfg.resumeAfter.isEmpty())) {
                    catchUp = true; // anything published while we were away is on REST only
                }
                if (!rotation || (predecessor != null && !predecessor.ch.isActive())) {
                    // a replacement whose predecessor died meanwhile takes over at once
                    route.current = this;
                    predecessor = null;
                }
                long connectedAt = System.nanoTime();
                ctx.executor()
                        .schedule(
                                () -> {
                                    if (route.current == this && ch.isActive()) {
                                        route.attempts = 0; // healthy for a minute
                                    }
                                },
                                cfg.healthyAfter.toNanos(),
                                TimeUnit.NANOSECONDS);
                ctx.executor()
                        .scheduleAtFixedRate(
                                this::ping,
                                cfg.pingInterval.toNanos(),
                                cfg.pingInterval.toNanos(),
                                TimeUnit.NANOSECONDS);
                ctx.executor()
                        .schedule(this::rotate, cfg.rotateAfter.toNanos(), TimeUnit.NANOSECONDS);
                listId = ++controlId;
                control("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + listId + "}");
                LOG.debug("connected at {}", connectedAt);
                return;
            }
            if (evt instanceof IdleStateEvent
                    && ((IdleStateEvent) evt).state() == IdleState.READER_IDLE) {
                if (!ch.config().isAutoRead()) {
                    return; // silence we caused: reading is paused while the consumer catches up
                }
                close(STALL);
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        private void ping() {
            if (!ch.isActive()) {
                return;
            }
            pingSentNanos = System.nanoTime();
            ch.writeAndFlush(
                    new PingWebSocketFrame(
                            Unpooled.copiedBuffer("quant", StandardCharsets.US_ASCII)));
            long sent = pingSentNanos;
            ch.eventLoop()
                    .schedule(
                            () -> {
                                if (ch.isActive() && pongNanos < sent) {
                                    close(PONG_TIMEOUT);
                                }
                            },
                            cfg.pongTimeout.toNanos(),
                            TimeUnit.NANOSECONDS);
        }

        private void rotate() {
            if (route.current != this || !ch.isActive() || closing()) {
                return;
            }
            LOG.info("rotating the {} connection before the 24-hour limit", route.uri.getPath());
            Connection next = new Connection(route, true);
            next.predecessor = this;
            successor = next;
            next.open();
        }

        /** Set on a replacement until it takes over (I/O thread). */
        Connection predecessor;

        /** The replacement this connection opened, while it is under way (I/O thread). */
        Connection successor;

        /**
         * The replacement failed before it took over: the old connection goes on, and the rotation
         * is tried again after a backoff (without it, the old connection would run into the
         * server's 24-hour close).
         */
        private void rotationFailed() {
            Connection old = predecessor;
            predecessor = null;
            held = null; // the old connection delivered all of it, or goes on to
            heldFirstIds = null;
            if (handoverTimeout != null) {
                handoverTimeout.cancel(false);
                handoverTimeout = null;
            }
            rotationFailures.incrementAndGet();
            if (old == null || closing()) {
                return;
            }
            old.successor = null;
            if (!old.ch.isActive()) {
                scheduleReconnect(route); // the old one died waiting: an ordinary reconnect
                return;
            }
            group.schedule(
                    old::rotate,
                    Backoff.delayNanos(
                            cfg.backoffMin.toNanos(),
                            cfg.backoffMax.toNanos(),
                            (int) Math.min(rotationFailures.get(), 20),
                            ThreadLocalRandom.current()),
                    TimeUnit.NANOSECONDS);
        }

        /** Sends a control message through the 8-a-second token bucket. */
        /**
         * Sends a control message within Binance's incoming rate limit; what the limit holds back
         * waits in a bounded queue drained by one timer (a flood of control replies once scheduled
         * a task per reply: 223,489 of them after a minute). Past the bound, messages are dropped
         * and counted ({@code controlDrops}); the subscription check repeats them if needed.
         */
        private void control(String json) {
            if (pendingControls.isEmpty() && sendNow(json)) {
                return;
            }
            if (pendingControls.size() >= MAX_PENDING_CONTROLS) {
                controlDrops.incrementAndGet();
                return;
            }
            pendingControls.addLast(json);
            scheduleControlDrain();
        }

        /** Sends now if the last second's control messages leave room. */
        private boolean sendNow(String json) {
            long now = System.nanoTime();
            long oldest = controlTimes[controlPos];
            if (oldest != 0 && now - oldest < 1_000_000_000L) {
                return false;
            }
            controlTimes[controlPos] = now;
            controlPos = (controlPos + 1) % controlTimes.length;
            ch.writeAndFlush(new TextWebSocketFrame(json));
            return true;
        }

        private void scheduleControlDrain() {
            if (controlDrainScheduled) {
                return;
            }
            controlDrainScheduled = true;
            long wait = 1_000_000_000L - (System.nanoTime() - controlTimes[controlPos]);
            ch.eventLoop()
                    .schedule(
                            () -> {
                                controlDrainScheduled = false;
                                if (!ch.isActive()) {
                                    pendingControls.clear();
                                    return;
                                }
                                while (!pendingControls.isEmpty()
                                        && sendNow(pendingControls.peekFirst())) {
                                    pendingControls.pollFirst();
                                }
                                if (!pendingControls.isEmpty()) {
                                    scheduleControlDrain();
                                }
                            },
                            Math.max(wait, 1_000_000L),
                            TimeUnit.NANOSECONDS);
        }

        /**
         * One whole text message: a frame from the in-place lane of the frame decoder, or the
         * content of a fragmented message put together by the aggregator.
         */
        private void onText(ByteBuf buf, int index, int length) {
            int r =
                    decoder.decode(
                            buf,
                            index,
                            length,
                            config.clock().epochNanos(),
                            tick,
                            route.trades ? null : quote);
            decodeResults.lazySet(r, decodeResults.get(r) + 1); // one writer: the I/O thread
            switch (r) {
                case BinanceDecoder.TICK:
                    onTick();
                    break;
                case BinanceDecoder.QUOTE:
                    onQuote();
                    break;
                case BinanceDecoder.CONTROL:
                    onControl(buf.toString(index, length, StandardCharsets.UTF_8));
                    break;
                case BinanceDecoder.OTHER_EVENT:
                    break;
                default:
                    try {
                        cfg.deadLetter.accept(buf.toString(index, length, StandardCharsets.UTF_8));
                    } catch (RuntimeException e) {
                        config.errorHandler().onError(e);
                    }
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg != InPlaceFrameDecoder.DELIVERED) {
                super.channelRead(ctx, msg);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame) {
                ByteBuf text = frame.content();
                onText(text, text.readerIndex(), text.readableBytes());
            } else if (frame instanceof PongWebSocketFrame) {
                pongNanos = System.nanoTime();
            } else if (frame instanceof CloseWebSocketFrame) {
                if (cause < 0) {
                    cause = SERVER_CLOSE;
                }
                ch.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }

        /**
         * Make before break. When a replacement first delivers, its predecessor may still have
         * messages of its own in flight (unread in its socket): closing it then would lose them,
         * and quotes are never backfilled. So the replacement holds what it receives until the old
         * connection has delivered a message at or past the replacement's first one for some symbol
         * (both carry the same streams in the same order), then the old one goes and the held
         * messages follow (the consumer drops the overlap by id). Bounded: the handover also
         * happens when the old connection dies, after the stall timeout, or when a ring's worth is
         * held.
         */
        private void firstData() {
            if (!delivering) {
                delivering = true;
                if (predecessor != null) {
                    if (!predecessor.ch.isActive()) {
                        takeOver();
                        return;
                    }
                    held = new ArrayList<>();
                    heldFirstIds = new HashMap<>();
                    handoverTimeout =
                            ch.eventLoop()
                                    .schedule(
                                            this::takeOver,
                                            cfg.stallTimeout.toNanos(),
                                            TimeUnit.NANOSECONDS);
                }
            }
        }

        /** Messages held during a handover, in arrival order (I/O thread; null otherwise). */
        private List<Object> held;

        /** Per symbol, the first id held during a handover (I/O thread; null otherwise). */
        private Map<Symbol, Long> heldFirstIds;

        private ScheduledFuture<?> handoverTimeout;

        private void hold(Object copy, Symbol s, long id) {
            held.add(copy);
            heldFirstIds.putIfAbsent(s, id);
            if (held.size() >= route.capacity()) {
                takeOver();
            }
        }

        /** Called by the predecessor after each message it delivered during a handover. */
        private void predecessorDelivered(Symbol s, long id) {
            Long first = heldFirstIds.get(s);
            if (first != null && id >= first) {
                takeOver(); // the predecessor has delivered everything before our first message
            }
        }

        /** Ends a handover: the old connection goes, the held messages follow in order. */
        private void takeOver() {
            if (handoverTimeout != null) {
                handoverTimeout.cancel(false);
                handoverTimeout = null;
            }
            Connection old = predecessor;
            predecessor = null;
            route.current = this;
            if (old != null) {
                old.successor = null;
                old.closedByUs = true;
                old.close(ROTATION);
            }
            List<Object> h = held;
            held = null;
            heldFirstIds = null;
            if (h != null) {
                for (Object m : h) {
                    if (m instanceof Tick) {
                        offerTick((Tick) m);
                    } else {
                        offerQuote((Quote) m);
                    }
                }
            }
        }

        private void onQuote() {
            firstData();
            if (held != null) {
                hold(Quote.copyOf(quote), quote.symbol(), quote.updateId());
                return;
            }
            offerQuote(quote);
            if (successor != null && successor.held != null) {
                successor.predecessorDelivered(quote.symbol(), quote.updateId());
            }
        }

        private void offerQuote(QuoteView q) {
            if (quoteRing.offer(q)) {
                if (cfg.overflow == BinanceFeedConfig.Overflow.BLOCK && quoteRing.nearlyFull(512)) {
                    ch.config().setAutoRead(false);
                }
                return;
            }
            quoteOverflowDrops.incrementAndGet(); // the next book change brings the state
        }

        private void onTick() {
            firstData();
            if (held != null) {
                hold(Tick.copyOf(tick), tick.symbol(), tick.tradeId());
                return;
            }
            offerTick(tick);
            if (successor != null && successor.held != null) {
                successor.predecessorDelivered(tick.symbol(), tick.tradeId());
            }
        }

        private void offerTick(TickView t) {
            if (ring.offer(t)) {
                if (cfg.overflow == BinanceFeedConfig.Overflow.BLOCK && ring.nearlyFull(512)) {
                    ch.config().setAutoRead(false);
                }
                return;
            }
            overflowDrops.incrementAndGet(); // the id gap is backfilled by the consumer
        }

        private void onControl(String text) {
            // only the answer to our own LIST_SUBSCRIPTIONS, once: a flood of unsolicited
            // "result":[] replies repaired subscriptions once per reply
            if (listId == 0
                    || !text.contains("\"result\":[")
                    || !text.replace(" ", "").contains("\"id\":" + listId + "}")) {
                return;
            }
            listId = 0;
            StringBuilder missing = new StringBuilder();
            for (String stream : route.streams) {
                if (!text.contains("\"" + stream + "\"")) {
                    missing.append(missing.length() == 0 ? "\"" : ",\"").append(stream).append('"');
                }
            }
            if (missing.length() > 0) {
                LOG.warn("streams {} missing after connect; subscribing", missing);
                control(
                        "{\"method\":\"SUBSCRIBE\",\"params\":["
                                + missing
                                + "],\"id\":"
                                + (++controlId)
                                + "}");
            }
        }

        void close(int why) {
            if (cause < 0) {
                cause = why;
            }
            ch.close();
        }

        private void onClosed() {
            if (!connectFuture.isSuccess()) {
                // never connected: the connect listener counts it and schedules the next attempt;
                // scheduling here too doubled the attempts in flight with every failure
                return;
            }
            if (rotation && predecessor != null) {
                rotationFailed(); // the replacement closed before it delivered anything
                return;
            }
            if (cause >= 0) {
                reconnectCauses.incrementAndGet(cause);
            }
            if (closing() || closedByUs) {
                return;
            }
            if (cause < 0) {
                reconnectCauses.incrementAndGet(ERROR);
            }
            if (successor != null && successor.predecessor == this) {
                if (successor.held != null) {
                    successor.takeOver(); // it was waiting for us to catch up: no longer
                    return;
                }
                // a replacement is handshaking: it takes over (or, failing, reconnects); a
                // reconnect here too would leave two connections on the route
                if (route.current == this) {
                    route.current = null;
                }
                return;
            }
            if (route.current == this || route.current == null) {
                route.current = null;
                scheduleReconnect(route);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
            String name = e.getClass().getSimpleName();
            if (name.contains("TooLong")
                    || String.valueOf(e.getMessage()).contains("Max frame length")) {
                oversizedFrames.incrementAndGet();
            } else {
                // the cause of every error reconnect is worth a line (before: debug only, and a
                // refused handshake showed only as reconnects.error)
                LOG.warn(
                        "{} connection error, reconnecting: {}", route.uri.getPath(), e.toString());
            }
            close(ERROR);
        }
    }

    @Override
    public FeedStats stats() {
        Map<String, Long> extra = new LinkedHashMap<>();
        long reconnects = 0;
        for (int i = 0; i < CAUSES.length; i++) {
            long n = reconnectCauses.get(i);
            reconnects += n;
            extra.put("reconnects." + CAUSES[i], n);
        }
        for (int i = 1; i < DECODE_REASONS.length; i++) {
            extra.put("frames." + DECODE_REASONS[i], decodeResults.get(i));
        }
        extra.put("frames.oversized", oversizedFrames.get());
        extra.put("overflowDrops", overflowDrops.get());
        extra.put("quotes", quotes);
        extra.put("quoteDuplicates", quoteDuplicates);
        extra.put("quoteOverflowDrops", quoteOverflowDrops.get());
        extra.put("connectFailures", connectFailures.get());
        extra.put("rotationFailures", rotationFailures.get());
        extra.put("unresolvedGaps", unresolvedGaps);
        extra.put("suspectIds", suspectIds);
        extra.put("controlDrops", controlDrops.get());
        extra.put("restRejected", rest.rejected());
        extra.put("connects", connects.get());
        extra.put("rest429", rest.retries429());
        extra.put("restBudgetWaits", rest.budgetWaits());
        extra.put("lagMsLast", lagLastMs);
        extra.put("lagMsMax", lagMaxMs);
        extra.put("clockOffsetMs", clockOffsetMs);
        long malformed =
                decodeResults.get(BinanceDecoder.BAD_JSON)
                        + decodeResults.get(BinanceDecoder.MISSING_FIELD)
                        + decodeResults.get(BinanceDecoder.BAD_NUMBER)
                        + oversizedFrames.get();
        return new FeedStats(
                ticks,
                decodeResults.get(BinanceDecoder.OTHER_EVENT)
                        + decodeResults.get(BinanceDecoder.CONTROL),
                malformed,
                duplicates,
                gaps,
                reconnects,
                backfilled,
                extra);
    }
}
