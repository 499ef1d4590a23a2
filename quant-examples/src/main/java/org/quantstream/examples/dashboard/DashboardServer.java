package org.quantstream.examples.dashboard;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live dashboard's server: Netty on 127.0.0.1 serving {@code /} (the page), {@code
 * /echarts.min.js} (from the ECharts webjar on the class path), {@code /api/snapshot} (every kept
 * message as a JSON array) and a WebSocket at {@code /ws} that pushes each {@link #publish}ed
 * message to every open page. A page that connects first receives the kept history, so it draws
 * what happened before it opened, then {@code {"type":"history-end"}}. JSON {@code POST} endpoints
 * are added with {@link #onPost} (the demo's Backtest tab: {@code /api/backtest}).
 *
 * <p>Thread-safe: {@link #publish} may be called from any thread; one Netty thread ({@code
 * quant-dashboard-N}) serves. A page that cannot keep up (more than 1 MiB unsent) is disconnected
 * rather than buffered without bound; it reconnects and receives the history again.
 */
public final class DashboardServer implements AutoCloseable {
    private static final int HIGH_WATER = 1 << 20;
    private static final String ECHARTS = echartsPath();

    private final EventLoopGroup group;
    private final Channel server;
    private final Set<Channel> pages = ConcurrentHashMap.newKeySet();
    private final Map<String, ArrayDeque<String>> history = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, java.util.function.Function<String, String>> posts =
            new ConcurrentHashMap<>();
    private final Map<String, java.util.function.Function<Map<String, String>, String>> gets =
            new ConcurrentHashMap<>();
    private final Map<String, java.util.function.Function<Map<String, String>, Download>>
            downloads = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.BiFunction<Map<String, String>, String, String>>
            uploads = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService api =
            java.util.concurrent.Executors.newSingleThreadExecutor(
                    new DefaultThreadFactory("quant-dashboard-api", true));

    /** The most connections open at once; more are closed at accept ("too many open files"). */
    static final int MAX_CONNECTIONS = 256;

    /** Header block and request line limits: beyond them, 431 and 414. */
    static final int MAX_HEADER_BYTES = 16_384;

    private static final int MAX_LINE_BYTES = 8_192;

    /** The largest request body of a JSON request; beyond it, 413. */
    static final int MAX_BODY_BYTES = 65_536;

    /** The largest upload ({@link #onUpload}); beyond it, 413 with this limit in the message. */
    public static final int MAX_UPLOAD_BYTES = 8 << 20;

    private final Duration idleTimeout;
    private final java.util.concurrent.atomic.AtomicInteger connections =
            new java.util.concurrent.atomic.AtomicInteger();

    /** Every address a browser may name this machine by (Host and Origin checks). */
    private final Set<String> hosts;

    private DashboardServer(String bind, int port, Duration idleTimeout)
            throws IOException, InterruptedException {
        this.idleTimeout = idleTimeout;
        this.hosts = hostNames(bind);
        group =
                new MultiThreadIoEventLoopGroup(
                        1,
                        new DefaultThreadFactory("quant-dashboard", true),
                        NioIoHandler.newFactory());
        try {
            server =
                    new ServerBootstrap()
                            .group(group)
                            .channel(NioServerSocketChannel.class)
                            .childOption(
                                    ChannelOption.WRITE_BUFFER_WATER_MARK,
                                    new WriteBufferWaterMark(HIGH_WATER / 2, HIGH_WATER))
                            .childHandler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel ch) {
                                            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                                                connections.decrementAndGet();
                                                ch.close();
                                                return;
                                            }
                                            ch.closeFuture()
                                                    .addListener(
                                                            f -> connections.decrementAndGet());
                                            ch.pipeline()
                                                    // a connection that sends nothing is closed
                                                    // (24,000 half-open ones once made the page
                                                    // unreachable); a page's WebSocket is exempt
                                                    .addLast(
                                                            IDLE,
                                                            new IdleStateHandler(
                                                                    idleTimeout.toNanos(),
                                                                    0,
                                                                    0,
                                                                    TimeUnit.NANOSECONDS))
                                                    .addLast(
                                                            new HttpServerCodec(
                                                                    MAX_LINE_BYTES,
                                                                    MAX_HEADER_BYTES,
                                                                    8_192))
                                                    .addLast(new Guard())
                                                    .addLast(
                                                            new HttpObjectAggregator(
                                                                    MAX_UPLOAD_BYTES))
                                                    .addLast(
                                                            new WebSocketServerProtocolHandler(
                                                                    "/ws"))
                                                    .addLast(new Http())
                                                    .addLast(new Ws());
                                        }
                                    })
                            .bind(bind, port)
                            .sync()
                            .channel();
        } catch (Exception e) { // Netty's sync() rethrows the BindException unchecked
            // a failed start returns once its event loop has stopped: it leaves nothing running
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            if (e instanceof IOException) {
                throw (IOException) e;
            }
            if (e instanceof InterruptedException) {
                throw (InterruptedException) e;
            }
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new IOException(e);
        }
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port the port, 0 for any free one
     * @return the running server
     * @throws java.net.BindException if the port is taken
     * @throws IOException if the server cannot bind otherwise
     * @throws InterruptedException if interrupted while binding
     */
    public static DashboardServer start(int port) throws IOException, InterruptedException {
        return start(port, Duration.ofSeconds(30));
    }

    /**
     * Starts a server on another address than 127.0.0.1 ({@code 0.0.0.0} for every interface): the
     * page is then reachable from other machines, with no authentication, so only on a network one
     * trusts. Requests must still name this machine ({@code Host}: one of its addresses or {@code
     * localhost}, never a DNS name) and come from its own page ({@code Origin}).
     *
     * @param bind the address, null for 127.0.0.1
     * @param port the port, 0 for any free one
     * @return the running server
     * @throws java.net.BindException if the port is taken
     * @throws IOException if the server cannot bind otherwise
     * @throws InterruptedException if interrupted while binding
     */
    public static DashboardServer start(String bind, int port)
            throws IOException, InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        return new DashboardServer(bind == null ? "127.0.0.1" : bind, port, Duration.ofSeconds(30));
    }

    /** This machine's names a Host or Origin may use: loopback, and the bound address's. */
    private static Set<String> hostNames(String bind) throws IOException {
        Set<String> names = new java.util.HashSet<>(Set.of("127.0.0.1", "localhost", "[::1]"));
        java.net.InetAddress a = java.net.InetAddress.getByName(bind);
        if (a.isAnyLocalAddress()) {
            for (java.net.NetworkInterface ni :
                    java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InetAddress x : java.util.Collections.list(ni.getInetAddresses())) {
                    names.add(literal(x));
                }
            }
        } else {
            names.add(literal(a));
        }
        return Set.copyOf(names);
    }

    private static String literal(java.net.InetAddress a) {
        String h = a.getHostAddress();
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        return a instanceof java.net.Inet6Address ? "[" + h + "]" : h;
    }

    /**
     * Starts a server on 127.0.0.1 that closes a connection idle for {@code idleTimeout} (a page's
     * WebSocket excepted).
     *
     * @param port the port, 0 for any free one
     * @param idleTimeout how long a connection may send nothing before it is closed
     * @return the running server
     * @throws java.net.BindException if the port is taken
     * @throws IOException if the server cannot bind otherwise
     * @throws InterruptedException if interrupted while binding
     */
    public static DashboardServer start(int port, Duration idleTimeout)
            throws IOException, InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be > 0, was " + idleTimeout);
        }
        return new DashboardServer("127.0.0.1", port, idleTimeout);
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
     * The page's address.
     *
     * @return {@code http://127.0.0.1:<port>/}, or the bound address when it is another
     */
    public String url() {
        java.net.InetAddress a = ((InetSocketAddress) server.localAddress()).getAddress();
        String host = a.isAnyLocalAddress() || a.isLoopbackAddress() ? "127.0.0.1" : literal(a);
        return "http://" + host + ":" + port() + "/";
    }

    /**
     * Sends a message to every open page and keeps it for pages that open later.
     *
     * @param key what the message is about (for instance {@code bar:BTCUSDT:1s}); the last {@code
     *     keepLast} messages of each key are kept
     * @param keepLast how many messages of this key to keep, at least 1
     * @param json one JSON object, as text
     */
    public void publish(String key, int keepLast, String json) {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keepLast must be >= 1, was " + keepLast);
        }
        synchronized (history) {
            ArrayDeque<String> h = history.computeIfAbsent(key, k -> new ArrayDeque<>());
            h.addLast(json);
            while (h.size() > keepLast) {
                h.removeFirst();
            }
            for (Channel page : pages) {
                send(page, json);
            }
        }
        published.incrementAndGet();
    }

    /**
     * Forgets the kept messages of the keys {@code which} accepts: pages that open later no longer
     * receive them (open pages are told by the message the caller publishes next, e.g. new
     * settings).
     *
     * @param which the keys to forget
     */
    public void clear(java.util.function.Predicate<String> which) {
        synchronized (history) {
            history.keySet().removeIf(which);
        }
    }

    private void send(Channel page, String json) {
        if (!page.isWritable()) {
            dropped.incrementAndGet();
            page.close(); // a page that cannot keep up reconnects and gets the history again
            return;
        }
        page.writeAndFlush(new TextWebSocketFrame(json));
    }

    /**
     * Every kept message, oldest first per key, keys in the order they were first published.
     *
     * @return the messages
     */
    public List<String> snapshot() {
        synchronized (history) {
            List<String> all = new ArrayList<>();
            history.values().forEach(all::addAll);
            return all;
        }
    }

    /**
     * Pages connected now.
     *
     * @return the count
     */
    public int pages() {
        return pages.size();
    }

    /**
     * Messages published so far.
     *
     * @return the count
     */
    public long published() {
        return published.get();
    }

    /**
     * Pages disconnected for falling behind.
     *
     * @return the count
     */
    public long slowPagesDropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        api.shutdownNow();
        for (Channel page : pages) {
            page.close();
        }
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Answers {@code POST path} with a JSON body: the handler runs on the server's API thread (one,
     * so requests are answered in order and never on the I/O thread), takes the request body and
     * returns the response body. An {@link IllegalArgumentException} is answered 400 with {@code
     * {"error": message}}, anything else 500. The request must come from this machine (the {@code
     * Host} and {@code Origin} checks of every request) and be {@code application/json}: a page on
     * another site cannot send one without the browser asking first, which this server refuses.
     *
     * @param path e.g. {@code /api/backtest}
     * @param handler request body in, response body out (JSON)
     */
    public void onPost(String path, java.util.function.Function<String, String> handler) {
        posts.put(path, handler);
    }

    /**
     * Answers {@code GET path} with the JSON the supplier makes, on the API thread (as {@link
     * #onPost}, same error handling).
     *
     * @param path e.g. {@code /api/overview}
     * @param handler makes the response body (JSON)
     */
    public void onGet(String path, java.util.function.Supplier<String> handler) {
        gets.put(path, query -> handler.get());
    }

    /**
     * Answers {@code GET path?k=v&...} with the JSON the handler makes of the query parameters (the
     * first value of each), on the API thread, as {@link #onGet}.
     *
     * @param path e.g. {@code /api/data}
     * @param handler query parameters in, response body (JSON) out
     */
    public void onQuery(
            String path, java.util.function.Function<Map<String, String>, String> handler) {
        gets.put(path, handler);
    }

    /**
     * A file the server sends as a download and then deletes.
     *
     * @param file the file, written by the handler (a temporary file)
     * @param name the name the browser saves it under
     * @param contentType e.g. {@code text/csv}
     */
    public record Download(java.nio.file.Path file, String name, String contentType) {}

    /**
     * Answers {@code GET path?k=v&...} with a file: the handler (on the API thread) writes it, then
     * the server sends it from the disk ({@code Content-Disposition: attachment}; no copy in
     * memory, so any size) and deletes it. An {@link IllegalArgumentException} is answered 400.
     *
     * @param path e.g. {@code /download/ticks}
     * @param handler query parameters in, the file out
     */
    public void onDownload(
            String path, java.util.function.Function<Map<String, String>, Download> handler) {
        downloads.put(path, handler);
    }

    /**
     * Answers {@code POST path?k=v&...} whose body is a file's text ({@code text/csv}, {@code
     * application/json} or {@code application/x-ndjson}, at most {@link #MAX_UPLOAD_BYTES}): the
     * handler gets the query parameters and the text and returns JSON, on the API thread, errors as
     * {@link #onPost}. The same origin checks as every request.
     *
     * @param path e.g. {@code /api/upload}
     * @param handler query and body in, response body (JSON) out
     */
    public void onUpload(
            String path,
            java.util.function.BiFunction<Map<String, String>, String, String> handler) {
        uploads.put(path, handler);
    }

    private static Map<String, String> query(QueryStringDecoder q) {
        Map<String, String> m = new LinkedHashMap<>();
        q.parameters().forEach((k, v) -> m.put(k, v.isEmpty() ? "" : v.get(0)));
        return m;
    }

    private byte[] file(String resource) {
        return files.computeIfAbsent(
                resource,
                r -> {
                    try (InputStream in = DashboardServer.class.getResourceAsStream(r)) {
                        return in == null ? new byte[0] : in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /**
     * Where the ECharts script of the webjar on the class path is, as a resource name.
     *
     * @return e.g. {@code /META-INF/resources/webjars/echarts/5.5.0/echarts.min.js}
     */
    public static String echartsPath() {
        Properties p = new Properties();
        try (InputStream in = DashboardServer.class.getResourceAsStream("/dashboard.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "/META-INF/resources/webjars/echarts/"
                + p.getProperty("echarts.version", "5.5.0")
                + "/echarts.min.js";
    }

    private static final String IDLE = "idle";

    private static final com.fasterxml.jackson.databind.ObjectMapper ERRORS =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** Sent to a page after the kept history, before the first live message. */
    static final String HISTORY_END = "{\"type\":\"history-end\"}";

    /**
     * Before anything else reads a request: an over-long request line or header block is 414 or 431
     * (before: 200 to a 200 MB header); a Host that is not this machine's loopback address (DNS
     * rebinding) or an Origin of another site (a cross-site page opening the WebSocket or reading
     * the snapshot) is 403. Idle connections are closed here too.
     */
    private final class Guard extends io.netty.channel.ChannelInboundHandlerAdapter {
        /** Set once a request was refused: what else the client sends is read and dropped. */
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            if (!(msg instanceof io.netty.handler.codec.http.HttpRequest)) {
                ctx.fireChannelRead(msg);
                return;
            }
            io.netty.handler.codec.http.HttpRequest req =
                    (io.netty.handler.codec.http.HttpRequest) msg;
            HttpResponseStatus refuse = null;
            String why = null;
            if (req.decoderResult().isFailure()) {
                Throwable c = req.decoderResult().cause();
                if (c instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
                    refuse = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                    why = "headers larger than " + MAX_HEADER_BYTES + " bytes";
                } else if (c instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
                    refuse = HttpResponseStatus.REQUEST_URI_TOO_LONG;
                    why = "request line longer than " + MAX_LINE_BYTES + " bytes";
                } else {
                    refuse = HttpResponseStatus.BAD_REQUEST;
                    why = "malformed request";
                }
            } else if (HttpUtil.getContentLength(req, 0L)
                    > (uploads.containsKey(new QueryStringDecoder(req.uri()).path())
                            ? MAX_UPLOAD_BYTES
                            : MAX_BODY_BYTES)) {
                refuse = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
                why =
                        "request body larger than "
                                + (uploads.containsKey(new QueryStringDecoder(req.uri()).path())
                                        ? MAX_UPLOAD_BYTES / (1 << 20) + " MiB"
                                        : MAX_BODY_BYTES + " bytes");
            } else if (!isLocal(req.headers().get(HttpHeaderNames.HOST), false)) {
                refuse = HttpResponseStatus.FORBIDDEN;
                why = "Host must be this machine's loopback address";
            } else if (req.headers().contains(HttpHeaderNames.ORIGIN)
                    && !isLocal(req.headers().get(HttpHeaderNames.ORIGIN), true)) {
                refuse = HttpResponseStatus.FORBIDDEN;
                why = "cross-origin requests are refused";
            }
            if (refuse == null) {
                ctx.fireChannelRead(msg);
                return;
            }
            io.netty.util.ReferenceCountUtil.release(msg);
            byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
            FullHttpResponse r =
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, refuse, Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            r.headers().set(HttpHeaderNames.CONNECTION, "close");
            // a lingering close: the answer, then our side shut, then the rest of the request read
            // and dropped for up to 2 s. Closing at once with its bytes unread resets the
            // connection, and a client still sending (a 200 KB header) lost the answer to the
            // reset (a broken pipe, seen once in CI)
            refused = true;
            ctx.writeAndFlush(r)
                    .addListener(
                            f -> {
                                if (ctx.channel() instanceof SocketChannel sc) {
                                    sc.shutdownOutput();
                                    ctx.executor().schedule(() -> ctx.close(), 2, TimeUnit.SECONDS);
                                } else {
                                    ctx.close();
                                }
                            });
        }

        /** {@code 127.0.0.1:port}, {@code localhost:port} or {@code [::1]:port}, with a scheme. */
        private boolean isLocal(String value, boolean origin) {
            if (value == null) {
                return false;
            }
            String v = value.strip().toLowerCase(java.util.Locale.ROOT);
            if (origin) {
                if (!v.startsWith("http://")) {
                    return false;
                }
                v = v.substring("http://".length());
            }
            String port = ":" + port();
            return v.endsWith(port) && hosts.contains(v.substring(0, v.length() - port.length()));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }

    /** The page, the script and the snapshot; anything else is 404. */
    private final class Http extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String path = q.path();
            if (req.method() == HttpMethod.POST && posts.containsKey(path)) {
                post(ctx, req, path);
                return;
            }
            if (req.method() == HttpMethod.POST && uploads.containsKey(path)) {
                upload(ctx, req, path, query(q));
                return;
            }
            if (req.method() == HttpMethod.GET && gets.containsKey(path)) {
                Map<String, String> params = query(q);
                answer(ctx, req, () -> gets.get(path).apply(params));
                return;
            }
            if (req.method() == HttpMethod.GET && downloads.containsKey(path)) {
                download(ctx, req, downloads.get(path), query(q));
                return;
            }
            if (req.method() != HttpMethod.GET) {
                respond(
                        ctx,
                        req,
                        HttpResponseStatus.METHOD_NOT_ALLOWED,
                        "text/plain",
                        bytes("GET only\n"));
                return;
            }
            switch (path) {
                case "/":
                case "/index.html":
                    serve(ctx, req, "/dashboard/index.html", "text/html; charset=utf-8");
                    break;
                case "/echarts.min.js":
                    serve(ctx, req, ECHARTS, "application/javascript");
                    break;
                case "/api/snapshot":
                    respond(
                            ctx,
                            req,
                            HttpResponseStatus.OK,
                            "application/json",
                            bytes("[" + String.join(",", snapshot()) + "]"));
                    break;
                default:
                    respond(
                            ctx,
                            req,
                            HttpResponseStatus.NOT_FOUND,
                            "text/plain",
                            bytes("not found: " + path + "\n"));
            }
        }

        private void post(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
            String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
            if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                respond(
                        ctx,
                        req,
                        HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                        "text/plain",
                        bytes("POST " + path + " takes application/json\n"));
                return;
            }
            String body = req.content().toString(StandardCharsets.UTF_8);
            java.util.function.Function<String, String> handler = posts.get(path);
            answer(ctx, req, () -> handler.apply(body));
        }

        private void upload(
                ChannelHandlerContext ctx,
                FullHttpRequest req,
                String path,
                Map<String, String> params) {
            String type =
                    req.headers()
                            .get(HttpHeaderNames.CONTENT_TYPE, "")
                            .toLowerCase(java.util.Locale.ROOT);
            if (!(type.startsWith("text/csv")
                    || type.startsWith("application/json")
                    || type.startsWith("application/x-ndjson"))) {
                respond(
                        ctx,
                        req,
                        HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                        "text/plain",
                        bytes(
                                "POST "
                                        + path
                                        + " takes text/csv, application/json or"
                                        + " application/x-ndjson\n"));
                return;
            }
            String body = req.content().toString(StandardCharsets.UTF_8);
            var handler = uploads.get(path);
            answer(ctx, req, () -> handler.apply(params, body));
        }

        /** Writes the file on the API thread, then sends it from the disk and deletes it. */
        private void download(
                ChannelHandlerContext ctx,
                FullHttpRequest req,
                java.util.function.Function<Map<String, String>, Download> handler,
                Map<String, String> params) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            api.execute(
                    () -> {
                        Download d;
                        try {
                            d = handler.apply(params);
                        } catch (IllegalArgumentException e) {
                            byte[] b = bytes(error(e.getMessage()));
                            ctx.channel()
                                    .eventLoop()
                                    .execute(
                                            () ->
                                                    json(
                                                            ctx,
                                                            HttpResponseStatus.BAD_REQUEST,
                                                            b,
                                                            keepAlive));
                            return;
                        } catch (RuntimeException e) {
                            byte[] b = bytes(error(e.toString()));
                            ctx.channel()
                                    .eventLoop()
                                    .execute(
                                            () ->
                                                    json(
                                                            ctx,
                                                            HttpResponseStatus
                                                                    .INTERNAL_SERVER_ERROR,
                                                            b,
                                                            keepAlive));
                            return;
                        }
                        ctx.channel().eventLoop().execute(() -> sendFile(ctx, d, keepAlive));
                    });
        }

        private void sendFile(ChannelHandlerContext ctx, Download d, boolean keepAlive) {
            long length;
            java.nio.channels.FileChannel ch;
            try {
                ch = java.nio.channels.FileChannel.open(d.file());
                length = ch.size();
            } catch (IOException e) {
                json(
                        ctx,
                        HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        bytes(error(e.toString())),
                        keepAlive);
                return;
            }
            io.netty.handler.codec.http.HttpResponse r =
                    new io.netty.handler.codec.http.DefaultHttpResponse(
                            HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, d.contentType());
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
            r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            // the name is ours (symbol, timeframe, times): no quote or control character in it
            r.headers()
                    .set(
                            HttpHeaderNames.CONTENT_DISPOSITION,
                            "attachment; filename=\"" + d.name() + "\"");
            HttpUtil.setKeepAlive(r, keepAlive);
            ctx.write(r);
            ctx.write(new io.netty.channel.DefaultFileRegion(ch, 0, length));
            io.netty.channel.ChannelFuture done =
                    ctx.writeAndFlush(
                            io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
            done.addListener(
                    f -> {
                        try {
                            java.nio.file.Files.deleteIfExists(d.file());
                        } catch (IOException e) {
                            // a temporary file: the system's clean-up takes it
                        }
                    });
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private void json(
                ChannelHandlerContext ctx, HttpResponseStatus status, byte[] b, boolean keepAlive) {
            FullHttpResponse r =
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
            r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            HttpUtil.setKeepAlive(r, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(r);
            } else {
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** Runs the handler on the API thread and writes its JSON (or the error) back. */
        private void answer(
                ChannelHandlerContext ctx,
                FullHttpRequest req,
                java.util.function.Supplier<String> handler) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            api.execute(
                    () -> {
                        HttpResponseStatus status = HttpResponseStatus.OK;
                        String out;
                        try {
                            out = handler.get();
                        } catch (IllegalArgumentException e) {
                            status = HttpResponseStatus.BAD_REQUEST;
                            out = error(e.getMessage());
                        } catch (RuntimeException e) {
                            status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
                            out = error(e.toString());
                        }
                        HttpResponseStatus st = status;
                        byte[] b = bytes(out);
                        ctx.channel().eventLoop().execute(() -> json(ctx, st, b, keepAlive));
                    });
        }

        private String error(String message) {
            try {
                return ERRORS.writeValueAsString(Map.of("error", String.valueOf(message)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void serve(
                ChannelHandlerContext ctx, FullHttpRequest req, String resource, String type) {
            byte[] body = file(resource);
            if (body.length == 0) {
                respond(
                        ctx,
                        req,
                        HttpResponseStatus.NOT_FOUND,
                        "text/plain",
                        bytes(resource + " is missing from the class path\n"));
                return;
            }
            respond(ctx, req, HttpResponseStatus.OK, type, body);
        }

        private byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        private void respond(
                ChannelHandlerContext ctx,
                FullHttpRequest req,
                HttpResponseStatus status,
                String type,
                byte[] body) {
            FullHttpResponse r =
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(r, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(r);
            } else {
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /** A page's WebSocket: history first, then every published message; input is ignored. */
    private final class Ws extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                Channel ch = ctx.channel();
                if (ch.pipeline().get(IDLE) != null) {
                    ch.pipeline().remove(IDLE); // a page listens: it sends nothing, rightly
                }
                synchronized (history) {
                    for (ArrayDeque<String> h : history.values()) {
                        for (String json : h) {
                            ch.write(new TextWebSocketFrame(json));
                        }
                    }
                    // what follows is live: a page tells the replayed past from news by this
                    ch.write(new TextWebSocketFrame(HISTORY_END));
                    ch.flush();
                    pages.add(ch);
                }
                ch.closeFuture().addListener(f -> pages.remove(ch));
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            // pages only listen
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
