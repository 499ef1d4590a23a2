package org.quantstream.feed.binance;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.io.internal.Fields;
import org.quantstream.core.io.internal.TextFiles;
import org.quantstream.core.tick.MutableQuote;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Tick;
import org.quantstream.core.util.Args;
import org.quantstream.feed.binance.internal.BinanceDecoder;
import org.quantstream.feed.binance.internal.Streams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Binance USD-M futures market streams, speaking the same wire format on
 * 127.0.0.1: WebSocket on the routed endpoints {@code /market/...} (trades) and {@code /public/...}
 * (book tickers), each as {@code /stream?streams=...} (combined-stream wrapper) or {@code
 * /ws/<stream>} (raw payloads); like the exchange, a stream subscribed on the wrong route gets no
 * data and an unrouted connection gets only {@code /public} streams. SUBSCRIBE, UNSUBSCRIBE and
 * LIST_SUBSCRIPTIONS with their replies and errors; server pings; a connection lifetime; close code
 * 1008 above 10 incoming messages a second; REST {@code GET /fapi/v1/aggTrades} (fromId paging,
 * limit up to 1000, fromId with startTime refused) and {@code GET /fapi/v1/time}.
 *
 * <p>It replays recorded trades on a virtual clock at the configured speed, both as {@code trade}
 * events and as {@code aggTrade} events built by merging consecutive trades of the same time, price
 * and side (consecutive {@code a} ids), and the recorded {@code bookTicker} messages of Binance
 * wire files byte for byte. As on the real exchange, a message published while a client is
 * disconnected is lost to that client's stream; only REST has the trades. Faults are injected as
 * configured ({@link SimulatorConfig}).
 *
 * <p>Thread-safe. Netty threads serve connections; one publisher thread ({@code
 * quant-sim-publisher}) replays.
 */
public final class BinanceSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceSimulator.class);
    private static final AttributeKey<Conn> CONN = AttributeKey.valueOf("quant.sim.conn");

    /** One published event of one stream, with the route that serves it. */
    private record Event(String stream, String route, long id, long timeMs, String data) {
        Event(String stream, long id, long timeMs, String data) {
            this(stream, Streams.route(stream), id, timeMs, data);
        }
    }

    /** An aggregate trade, for REST. */
    private record Agg(long a, double p, double q, long f, long l, long timeMs, boolean m) {}

    private final SimulatorConfig config;
    private final EventLoopGroup group;
    private final Channel server;
    private final List<Event> timeline = new ArrayList<>();
    private final Map<String, List<Agg>> aggsBySymbol = new HashMap<>();
    private final Map<String, Integer> publishedAggs = new ConcurrentHashMap<>();
    private final Set<Channel> clients = ConcurrentHashMap.newKeySet();

    /** Per route, the last messages a closed connection got (replayed as duplicates). */
    private final Map<String, List<String>> lastClosedSent = new ConcurrentHashMap<>();

    private final Map<String, Integer> quotesBySymbol = new HashMap<>();
    private final AtomicInteger subscribedConnections = new AtomicInteger();
    private final Thread publisher;
    private final AtomicLong restRequests = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong policyCloses = new AtomicLong();
    private final AtomicLong subscribes = new AtomicLong();
    private final AtomicLong handshakes = new AtomicLong();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile long virtualOriginMs;
    private volatile long wallOriginNanos;
    private volatile long virtualNowMs;

    private BinanceSimulator(SimulatorConfig config) throws IOException, InterruptedException {
        this.config = config;
        load();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap b =
                new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(new HttpServerCodec())
                                                .addLast(new HttpObjectAggregator(65_536))
                                                .addLast(new Rest())
                                                // sees the protocol handler's automatic pongs
                                                .addLast(new PongFilter())
                                                .addLast(
                                                        new WebSocketServerProtocolHandler(
                                                                WebSocketServerProtocolConfig
                                                                        .newBuilder()
                                                                        .websocketPath("/")
                                                                        .checkStartsWith(true)
                                                                        .maxFramePayloadLength(
                                                                                1 << 20)
                                                                        .build()))
                                                .addLast(new Ws());
                                    }
                                });
        server = b.bind("127.0.0.1", config.port).sync().channel();
        publisher = new Thread(this::publish, "quant-sim-publisher");
        publisher.setDaemon(true);
        publisher.start();
        if (config.awaitSubscribers == 0) {
            begin();
        }
        LOG.info("simulator on {} with {} events", baseUrl(), timeline.size());
    }

    /**
     * Starts a simulator.
     *
     * @param config data, speed and faults
     * @return the running simulator
     * @throws IOException if the data cannot be read
     * @throws InterruptedException if interrupted while binding
     */
    public static BinanceSimulator start(SimulatorConfig config)
            throws IOException, InterruptedException {
        return new BinanceSimulator(Args.notNull(config, "config"));
    }

    private void load() throws IOException {
        List<Tick> trades = new ArrayList<>();
        TickFiles.forEach(config.data, ReadOptions.defaults(), t -> trades.add(Tick.copyOf(t)));
        trades.sort(Comparator.comparingLong(Tick::eventTimeNanos)); // stable: ties keep file order
        Map<String, long[]> nextAgg = new HashMap<>();
        Map<String, Tick> open = new HashMap<>();
        Map<String, long[]> openRange = new HashMap<>();
        Map<String, BigDecimal> openQty = new HashMap<>();
        List<Object[]> aggEvents = new ArrayList<>();
        for (Tick t : trades) {
            String sym = t.symbol().name();
            long ms = t.eventTimeNanos() / 1_000_000L;
            timeline.add(
                    new Event(
                            sym.toLowerCase(Locale.ROOT) + "@trade",
                            t.tradeId(),
                            ms,
                            tradeJson(t, ms)));
            Tick o = open.get(sym);
            if (o != null
                    && o.eventTimeNanos() == t.eventTimeNanos()
                    && o.price() == t.price()
                    && o.aggressor() == t.aggressor()) {
                long[] r = openRange.get(sym);
                r[1] = t.tradeId();
                openQty.merge(sym, BigDecimal.valueOf(t.quantity()), BigDecimal::add);
                continue;
            }
            if (o != null) {
                aggEvents.add(
                        new Object[] {
                            o, openRange.get(sym).clone(), openQty.get(sym).doubleValue()
                        });
            }
            open.put(sym, t);
            openRange.put(sym, new long[] {t.tradeId(), t.tradeId()});
            openQty.put(
                    sym, BigDecimal.valueOf(t.quantity())); // decimal sums, as the exchange adds
        }
        for (Map.Entry<String, Tick> e : open.entrySet()) {
            aggEvents.add(
                    new Object[] {
                        e.getValue(),
                        openRange.get(e.getKey()).clone(),
                        openQty.get(e.getKey()).doubleValue()
                    });
        }
        aggEvents.sort(Comparator.comparingLong(x -> ((Tick) x[0]).eventTimeNanos()));
        for (Object[] x : aggEvents) {
            Tick t = (Tick) x[0];
            long[] r = (long[]) x[1];
            String sym = t.symbol().name();
            long a = nextAgg.computeIfAbsent(sym, k -> new long[] {r[0]})[0]++;
            long ms = t.eventTimeNanos() / 1_000_000L;
            Agg agg =
                    new Agg(
                            a,
                            t.price(),
                            (Double) x[2],
                            r[0],
                            r[1],
                            ms,
                            t.aggressor() == Side.SELL);
            aggsBySymbol.computeIfAbsent(sym, k -> new ArrayList<>()).add(agg);
            if (!dropped(a)) {
                timeline.add(
                        new Event(
                                sym.toLowerCase(Locale.ROOT) + "@aggtrade",
                                a,
                                ms,
                                aggJson(sym, agg)));
            }
        }
        loadQuotes();
        timeline.sort(Comparator.comparingLong(Event::timeMs));
    }

    /**
     * Recorded {@code bookTicker} messages (Binance wire lines in the data files) are published as
     * recorded, byte for byte, on their {@code <symbol>@bookTicker} stream.
     */
    private void loadQuotes() throws IOException {
        BinanceDecoder decoder = new BinanceDecoder();
        MutableTick tick = new MutableTick();
        MutableQuote quote = new MutableQuote();
        for (Path file : config.data) {
            try (BufferedReader in = TextFiles.open(file)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int brace = line.indexOf('{');
                    if (brace < 0 || !line.contains("\"bookTicker\"")) {
                        continue;
                    }
                    String text = line.substring(brace);
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    if (decoder.decode(Unpooled.wrappedBuffer(bytes), 0, tick, quote)
                            != BinanceDecoder.QUOTE) {
                        continue;
                    }
                    int data = text.startsWith("{\"stream\"") ? text.indexOf("\"data\":") : -1;
                    String payload =
                            data < 0
                                    ? text
                                    : text.substring(data + 7, text.lastIndexOf('}')).strip();
                    String sym = quote.symbol().name();
                    quotesBySymbol.merge(sym, 1, Integer::sum);
                    timeline.add(
                            new Event(
                                    sym.toLowerCase(Locale.ROOT) + "@bookticker",
                                    quote.updateId(),
                                    quote.eventTimeNanos() / 1_000_000L,
                                    payload));
                }
            }
        }
    }

    private boolean dropped(long a) {
        for (long[] r : config.droppedIds) {
            if (a >= r[0] && a <= r[1]) {
                return true;
            }
        }
        return false;
    }

    private static String tradeJson(Tick t, long ms) {
        return "{\"e\":\"trade\",\"E\":"
                + ms
                + ",\"T\":"
                + ms
                + ",\"s\":\""
                + t.symbol().name()
                + "\",\"t\":"
                + t.tradeId()
                + ",\"p\":\""
                + Fields.formatDouble(t.price())
                + "\",\"q\":\""
                + Fields.formatDouble(t.quantity())
                + "\",\"X\":\"MARKET\",\"m\":"
                + (t.aggressor() == Side.SELL)
                + "}";
    }

    private static String aggJson(String sym, Agg a) {
        return "{\"e\":\"aggTrade\",\"E\":"
                + a.timeMs
                + ",\"a\":"
                + a.a
                + ",\"s\":\""
                + sym
                + "\",\"p\":\""
                + Fields.formatDouble(a.p)
                + "\",\"q\":\""
                + Fields.formatDouble(a.q)
                + "\",\"f\":"
                + a.f
                + ",\"l\":"
                + a.l
                + ",\"T\":"
                + a.timeMs
                + ",\"m\":"
                + a.m
                + "}";
    }

    /** A REST aggTrade with one bad value, the kind in turn: price -1, quantity 0, time 0, NaN. */
    private static String corrupt(String agg, int kind) {
        switch (kind % 4) {
            case 0:
                return agg.replaceFirst("\"p\":\"[^\"]*\"", "\"p\":\"-1\"");
            case 1:
                return agg.replaceFirst("\"q\":\"[^\"]*\"", "\"q\":\"0\"");
            case 2:
                return agg.replaceFirst("\"T\":[0-9]+", "\"T\":0");
            default:
                return agg.replaceFirst("\"p\":\"[^\"]*\"", "\"p\":\"NaN\"");
        }
    }

    private static String restAgg(Agg a) {
        return "{\"a\":"
                + a.a
                + ",\"p\":\""
                + Fields.formatDouble(a.p)
                + "\",\"q\":\""
                + Fields.formatDouble(a.q)
                + "\",\"f\":"
                + a.f
                + ",\"l\":"
                + a.l
                + ",\"T\":"
                + a.timeMs
                + ",\"m\":"
                + a.m
                + "}";
    }

    private synchronized void begin() {
        if (started || timeline.isEmpty()) {
            started = true;
            return;
        }
        virtualOriginMs = timeline.get(0).timeMs;
        virtualNowMs = virtualOriginMs;
        wallOriginNanos = System.nanoTime();
        started = true;
        LockSupport.unpark(publisher);
    }

    private long virtualNow() {
        if (!started) {
            return timeline.isEmpty() ? 0 : timeline.get(0).timeMs;
        }
        if (config.speed == Double.POSITIVE_INFINITY) {
            return Long.MAX_VALUE;
        }
        return virtualOriginMs
                + (long) ((System.nanoTime() - wallOriginNanos) / 1e6 * config.speed);
    }

    private void publish() {
        int i = 0;
        while (!closed && i < timeline.size()) {
            if (!started) {
                LockSupport.parkNanos(5_000_000L);
                continue;
            }
            Event e = timeline.get(i);
            long now = virtualNow();
            if (e.timeMs > now) {
                long waitMs = (long) ((e.timeMs - now) / config.speed);
                LockSupport.parkNanos(Math.max(100_000L, Math.min(waitMs, 50) * 1_000_000L));
                continue;
            }
            virtualNowMs = Math.max(virtualNowMs, e.timeMs);
            if (e.stream.endsWith("@aggtrade")) {
                String sym = e.stream.substring(0, e.stream.indexOf('@')).toUpperCase(Locale.ROOT);
                // REST shows every aggregate trade up to this one, including ids dropped from the
                // stream
                int visible = (int) (e.id - aggsBySymbol.get(sym).get(0).a) + 1;
                publishedAggs.merge(sym, visible, Math::max);
            }
            for (Channel ch : clients) {
                Conn c = ch.attr(CONN).get();
                if (c != null && c.streams.contains(e.stream) && c.serves(e.route)) {
                    c.send(ch, e);
                }
            }
            published.incrementAndGet();
            i++;
        }
        // every aggregate trade is now public on REST too
        for (Map.Entry<String, List<Agg>> x : aggsBySymbol.entrySet()) {
            publishedAggs.put(x.getKey(), x.getValue().size());
        }
        virtualNowMs =
                Math.max(
                        virtualNowMs,
                        timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).timeMs);
    }

    /**
     * Per-connection state, touched on the publisher thread (sends) and the event loop
     * (subscriptions).
     */
    private final class Conn {
        final Set<String> streams = ConcurrentHashMap.newKeySet();
        final boolean combined;
        final String route;
        boolean counted;
        long sent;
        long stalledUntil;
        boolean oversizedSent;
        final long[] incoming = new long[11];
        final java.util.ArrayDeque<String> lastSent = new java.util.ArrayDeque<>();
        int incomingPos;

        Conn(boolean combined, String route) {
            this.combined = combined;
            this.route = route;
        }

        /**
         * Whether this connection carries a route's streams (an unrouted one only {@code /public}).
         */
        boolean serves(String streamRoute) {
            return streamRoute.equals(route.isEmpty() ? Streams.PUBLIC : route);
        }

        /** Starts the replay once enough connections have subscribed to something. */
        void subscribed() {
            if (!counted && !streams.isEmpty()) {
                counted = true;
                if (subscribedConnections.incrementAndGet() >= config.awaitSubscribers) {
                    begin();
                }
            }
        }

        void send(Channel ch, Event e) {
            if (!ch.isActive()) {
                return;
            }
            long now = System.nanoTime();
            if (now < stalledUntil) {
                return; // stalled: the socket stays open, nothing flows
            }
            String text =
                    combined
                            ? "{\"stream\":\""
                                    + Streams.canonical(e.stream)
                                    + "\",\"data\":"
                                    + e.data
                                    + "}"
                            : e.data;
            if (config.fragmentEvery > 0
                    && (sent + 1) % config.fragmentEvery == 0
                    && text.length() > 3) {
                int a = text.length() / 3;
                int b = 2 * text.length() / 3;
                // the three fragments in one event-loop task: no other message between them
                ch.eventLoop()
                        .execute(
                                () -> {
                                    ch.write(
                                            new TextWebSocketFrame(false, 0, text.substring(0, a)));
                                    ch.write(
                                            new ContinuationWebSocketFrame(
                                                    false, 0, text.substring(a, b)));
                                    ch.writeAndFlush(
                                            new ContinuationWebSocketFrame(
                                                    true, 0, text.substring(b)));
                                });
            } else {
                ch.writeAndFlush(new TextWebSocketFrame(text));
            }
            sent++;
            if (config.duplicateOnReconnect > 0) {
                synchronized (lastSent) {
                    lastSent.addLast(text);
                    if (lastSent.size() > config.duplicateOnReconnect) {
                        lastSent.removeFirst();
                    }
                }
            }
            if (config.hostileIdEvery > 0
                    && sent % config.hostileIdEvery == 0
                    && text.contains("\"a\":")) {
                ch.writeAndFlush(
                        new TextWebSocketFrame(
                                text.replaceFirst("\"a\":[0-9]+", "\"a\":999999999999999999")));
            }
            if (config.garbageEvery > 0 && sent % config.garbageEvery == 0) {
                ch.writeAndFlush(
                        new TextWebSocketFrame(
                                "{\"stream\":\""
                                        + Streams.canonical(e.stream)
                                        + "\",\"data\":{\"e\":\"aggTrade\",\"p\":"));
            }
            if (config.oversizedAfter > 0 && sent == config.oversizedAfter && !oversizedSent) {
                oversizedSent = true;
                ch.writeAndFlush(
                        new TextWebSocketFrame("{\"pad\":\"" + "x".repeat(70_000) + "\"}"));
            }
            if (config.stallAfter > 0 && sent % config.stallAfter == 0) {
                stalledUntil = now + config.stallFor.toNanos();
            }
            if (config.disconnectEvery > 0 && sent % config.disconnectEvery == 0) {
                ch.close();
            }
        }

        /** Whether the connection has sent more than 10 messages in the last second. */
        boolean overRate() {
            long now = System.nanoTime();
            incoming[incomingPos] = now;
            incomingPos = (incomingPos + 1) % incoming.length;
            long oldest = incoming[incomingPos];
            return oldest != 0 && now - oldest < 1_000_000_000L;
        }
    }

    /**
     * REST: /fapi/v1/aggTrades and /fapi/v1/time; anything else goes on to the WebSocket upgrade.
     */
    private final class Rest extends SimpleChannelInboundHandler<FullHttpRequest> {
        /** A handshake held back by {@code slowHandshakes} (event loop only). */
        private FullHttpRequest delayed;

        Rest() {
            super(false);
        }

        /**
         * Releases a held-back handshake when the channel goes before its delay is over (also when
         * the event loop shuts down first and the delayed task never runs).
         */
        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            FullHttpRequest req = delayed;
            delayed = null;
            if (req != null) {
                req.release();
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            if (!q.path().startsWith("/fapi/")) {
                long n = handshakes.incrementAndGet();
                if (config.refuseEvery > 0 && n % config.refuseEvery == 0) {
                    req.release();
                    respond(
                            ctx,
                            HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "{\"code\":-1001,\"msg\":\"Service unavailable.\"}",
                            false);
                    ctx.close();
                    return;
                }
                if (n > 1 && config.slowHandshakes.toNanos() > 0) {
                    delayed = req;
                    ctx.executor()
                            .schedule(
                                    () -> {
                                        if (delayed != req) {
                                            return; // released when the channel went
                                        }
                                        delayed = null;
                                        if (ctx.channel().isActive()) {
                                            ctx.fireChannelRead(req);
                                        } else {
                                            req.release();
                                        }
                                    },
                                    config.slowHandshakes.toNanos(),
                                    TimeUnit.NANOSECONDS);
                    return;
                }
                ctx.fireChannelRead(req);
                return;
            }
            try {
                long n = restRequests.incrementAndGet();
                if (config.rest429Every > 0 && n % config.rest429Every == 0) {
                    respond(
                            ctx,
                            HttpResponseStatus.TOO_MANY_REQUESTS,
                            "{\"code\":-1003,\"msg\":\"Too many requests.\"}",
                            true);
                    return;
                }
                switch (q.path()) {
                    case "/fapi/v1/time":
                        respond(
                                ctx,
                                HttpResponseStatus.OK,
                                "{\"serverTime\":" + serverTime() + "}",
                                false);
                        break;
                    case "/fapi/v1/aggTrades":
                        aggTrades(ctx, q.parameters());
                        break;
                    default:
                        respond(
                                ctx,
                                HttpResponseStatus.NOT_FOUND,
                                "{\"code\":-5000,\"msg\":\"Path "
                                        + q.path()
                                        + ", Method GET is invalid\"}",
                                false);
                }
            } finally {
                req.release();
            }
        }

        private void aggTrades(ChannelHandlerContext ctx, Map<String, List<String>> p) {
            String symbol = first(p, "symbol");
            if (symbol == null) {
                respond(
                        ctx,
                        HttpResponseStatus.BAD_REQUEST,
                        "{\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was not sent.\"}",
                        false);
                return;
            }
            if (first(p, "fromId") != null
                    && (first(p, "startTime") != null || first(p, "endTime") != null)) {
                respond(
                        ctx,
                        HttpResponseStatus.BAD_REQUEST,
                        "{\"code\":-1128,\"msg\":\"Combination of optional parameters invalid.\"}",
                        false);
                return;
            }
            String sym = symbol.toUpperCase(Locale.ROOT);
            List<Agg> all = aggsBySymbol.getOrDefault(sym, List.of());
            int visible = publishedAggs.getOrDefault(sym, 0);
            int limit =
                    first(p, "limit") == null
                            ? 500
                            : Math.min(1000, Integer.parseInt(first(p, "limit")));
            StringBuilder b = new StringBuilder("[");
            int count = 0;
            String from = first(p, "fromId");
            int start = 0;
            if (from == null) {
                start = Math.max(0, visible - limit);
            } else {
                long fromId = Long.parseLong(from);
                while (start < visible && all.get(start).a < fromId) {
                    start++;
                }
            }
            List<String> page = new ArrayList<>();
            for (int i = start; i < visible && count < limit; i++, count++) {
                String agg = restAgg(all.get(i));
                if (config.restBadValueEvery > 0 && (count + 1) % config.restBadValueEvery == 0) {
                    agg = corrupt(agg, count / config.restBadValueEvery);
                }
                page.add(agg);
            }
            if (config.restUnordered) {
                java.util.Collections.reverse(page);
            }
            b.append(String.join(",", page));
            respond(ctx, HttpResponseStatus.OK, b.append(']').toString(), false);
        }
    }

    private static String first(Map<String, List<String>> p, String key) {
        List<String> v = p.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static void respond(
            ChannelHandlerContext ctx, HttpResponseStatus status, String body, boolean retryAfter) {
        FullHttpResponse r =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        status,
                        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        if (retryAfter) {
            r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        }
        ctx.writeAndFlush(r);
    }

    /** WebSocket: subscriptions, control messages, pings, lifetime and the incoming rate limit. */
    private final class Ws extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                String uri = ((WebSocketServerProtocolHandler.HandshakeComplete) evt).requestUri();
                QueryStringDecoder q = new QueryStringDecoder(uri);
                String path = q.path();
                boolean combined = path.endsWith("/stream");
                String route =
                        path.startsWith(Streams.MARKET + "/")
                                ? Streams.MARKET
                                : path.startsWith(Streams.PUBLIC + "/") ? Streams.PUBLIC : "";
                Conn c = new Conn(combined, route);
                if (combined && !config.ignoreUrlStreams) {
                    String streams = first(q.parameters(), "streams");
                    if (streams != null) {
                        for (String s : streams.split("/")) {
                            if (!s.isBlank()) {
                                c.streams.add(s.toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                } else {
                    int ws = q.path().indexOf("/ws/");
                    if (ws >= 0) {
                        c.streams.add(q.path().substring(ws + 4).toLowerCase(Locale.ROOT));
                    }
                }
                Channel ch = ctx.channel();
                ch.attr(CONN).set(c);
                connections.incrementAndGet();
                replayRecent(ch, c);
                clients.add(ch);
                ch.closeFuture()
                        .addListener(
                                f -> {
                                    clients.remove(ch);
                                    synchronized (c.lastSent) {
                                        if (!c.lastSent.isEmpty()) {
                                            lastClosedSent.put(c.route, List.copyOf(c.lastSent));
                                        }
                                    }
                                });
                long ping = config.pingInterval.toNanos();
                ch.eventLoop()
                        .scheduleAtFixedRate(
                                () -> {
                                    if (ch.isActive()) {
                                        ch.writeAndFlush(
                                                new PingWebSocketFrame(
                                                        Unpooled.copiedBuffer(
                                                                "sim", StandardCharsets.US_ASCII)));
                                    }
                                },
                                ping,
                                ping,
                                TimeUnit.NANOSECONDS);
                ch.eventLoop()
                        .schedule(
                                () ->
                                        ch.writeAndFlush(
                                                        new CloseWebSocketFrame(
                                                                WebSocketCloseStatus.NORMAL_CLOSURE,
                                                                "lifetime"))
                                                .addListener(ChannelFutureListener.CLOSE),
                                config.lifetime.toNanos(),
                                TimeUnit.NANOSECONDS);
                c.subscribed();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        /**
         * Sends a new connection the last messages the previous connection got: duplicates, as
         * after a reconnect.
         */
        private void replayRecent(Channel ch, Conn c) {
            List<String> replay = lastClosedSent.remove(c.route);
            if (replay == null) {
                return;
            }
            for (String text : replay) {
                ch.writeAndFlush(new TextWebSocketFrame(text));
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame)) {
                return; // pongs
            }
            Conn c = ctx.channel().attr(CONN).get();
            if (c == null) {
                return;
            }
            if (c.overRate()) {
                policyCloses.incrementAndGet();
                ctx.writeAndFlush(
                                new CloseWebSocketFrame(
                                        WebSocketCloseStatus.POLICY_VIOLATION, "Too many requests"))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            String text = ((TextWebSocketFrame) frame).text();
            Control m = Control.parse(text);
            if (m == null) {
                ctx.writeAndFlush(
                        new TextWebSocketFrame(
                                "{\"error\":{\"code\":3,\"msg\":\"Invalid JSON\"}}"));
                return;
            }
            switch (m.method) {
                case "SUBSCRIBE":
                    subscribes.incrementAndGet();
                    for (String s : m.params) {
                        c.streams.add(s.toLowerCase(Locale.ROOT));
                    }
                    c.subscribed();
                    ctx.writeAndFlush(
                            new TextWebSocketFrame("{\"result\":null,\"id\":" + m.id + "}"));
                    break;
                case "UNSUBSCRIBE":
                    for (String s : m.params) {
                        c.streams.remove(s.toLowerCase(Locale.ROOT));
                    }
                    ctx.writeAndFlush(
                            new TextWebSocketFrame("{\"result\":null,\"id\":" + m.id + "}"));
                    break;
                case "LIST_SUBSCRIPTIONS":
                    Set<String> names = new LinkedHashSet<>();
                    c.streams.forEach(s -> names.add("\"" + Streams.canonical(s) + "\""));
                    ctx.writeAndFlush(
                            new TextWebSocketFrame(
                                    "{\"result\":["
                                            + String.join(",", names)
                                            + "],\"id\":"
                                            + m.id
                                            + "}"));
                    for (int i = 0; i < config.controlFlood; i++) {
                        ctx.write(new TextWebSocketFrame("{\"result\":[],\"id\":0}"));
                    }
                    ctx.flush();
                    break;
                default:
                    ctx.writeAndFlush(
                            new TextWebSocketFrame(
                                    "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown method\"},\"id\":"
                                            + m.id
                                            + "}"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("simulator connection failed: {}", cause.toString());
            ctx.close();
        }
    }

    /**
     * The simulator's base address for WebSocket clients.
     *
     * @return {@code ws://127.0.0.1:<port>}
     */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port();
    }

    /**
     * The simulator's base address for REST clients.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String restUrl() {
        return "http://127.0.0.1:" + port();
    }

    private String baseUrl() {
        return wsUrl() + " / " + restUrl();
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * The virtual exchange time, as {@code /fapi/v1/time} answers.
     *
     * @return epoch ms
     */
    public long serverTime() {
        long v = virtualNow();
        return v == Long.MAX_VALUE ? virtualNowMs : v;
    }

    /**
     * Events published so far (trade, aggTrade and bookTicker streams).
     *
     * @return the count
     */
    public long published() {
        return published.get();
    }

    /**
     * Whether every recorded event has been published.
     *
     * @return true at the end of the data
     */
    public boolean finished() {
        return !publisher.isAlive();
    }

    /** Drops the pongs the protocol handler writes when pings are not to be answered. */
    private final class PongFilter extends io.netty.channel.ChannelOutboundHandlerAdapter {
        @Override
        public void write(
                ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
            if (!config.answerPings
                    && msg instanceof io.netty.handler.codec.http.websocketx.PongWebSocketFrame) {
                io.netty.util.ReferenceCountUtil.release(msg);
                promise.setSuccess();
                return;
            }
            ctx.write(msg, promise);
        }
    }

    /**
     * Connections closed with 1008 for sending more than 10 messages a second.
     *
     * @return the count
     */
    public long policyCloses() {
        return policyCloses.get();
    }

    /**
     * WebSocket connections open now.
     *
     * @return the count
     */
    public int openConnections() {
        return clients.size();
    }

    /**
     * SUBSCRIBE requests received.
     *
     * @return the count
     */
    public long subscribes() {
        return subscribes.get();
    }

    /**
     * WebSocket connections accepted so far.
     *
     * @return the count
     */
    public long connections() {
        return connections.get();
    }

    /**
     * The symbols in the data, with trades or book tickers.
     *
     * @return upper-case names, sorted
     */
    public List<String> symbols() {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(aggsBySymbol.keySet());
        all.addAll(quotesBySymbol.keySet());
        return List.copyOf(all);
    }

    /**
     * The recorded book tickers of a symbol, published on {@code <symbol>@bookTicker}.
     *
     * @param symbol the symbol
     * @return the number of {@code bookTicker} messages in the data
     */
    public int quoteCount(String symbol) {
        return quotesBySymbol.getOrDefault(symbol.toUpperCase(Locale.ROOT), 0);
    }

    /**
     * The aggregate trades of a symbol, as REST would return them all.
     *
     * @param symbol the symbol
     * @return the number of aggregate trades in the data
     */
    public int aggTradeCount(String symbol) {
        return aggsBySymbol.getOrDefault(symbol.toUpperCase(Locale.ROOT), List.of()).size();
    }

    /**
     * Sums of an aggregate-trade tape, for checking what a client received.
     *
     * @param symbol the symbol
     * @return {count, first id, last id, volume (as double bits), notional (as double bits)}
     */
    public long[] aggTradeTotals(String symbol) {
        List<Agg> all = aggsBySymbol.getOrDefault(symbol.toUpperCase(Locale.ROOT), List.of());
        double v = 0;
        double n = 0;
        for (Agg a : all) {
            v += a.q;
            n += a.q * a.p;
        }
        return new long[] {
            all.size(),
            all.isEmpty() ? -1 : all.get(0).a,
            all.isEmpty() ? -1 : all.get(all.size() - 1).a,
            Double.doubleToLongBits(v),
            Double.doubleToLongBits(n)
        };
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(publisher);
        for (Channel ch : clients) {
            ch.close();
        }
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            publisher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
