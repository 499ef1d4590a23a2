package org.quantstream.feed.binance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.quantstream.core.io.internal.Fields;

/**
 * The REST calls the feed makes: {@code /fapi/v1/aggTrades} by {@code fromId} (never with a start
 * time) and {@code /fapi/v1/time}. Weight is budgeted (the configured amount a minute, 20 per
 * aggTrades call); HTTP 429 and 418 are honoured by waiting for {@code Retry-After}. TLS hostname
 * verification is the JDK client's default. Used from the feed's consumer thread.
 */
public final class RestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RestClient.class);

    /** One aggregate trade from REST. */
    public record AggTrade(
            long id, double price, double quantity, long timeMs, boolean buyerIsMaker) {}

    private final String base;
    private final int weightPerMinute;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private long windowStart = System.nanoTime();
    private int weightUsed;
    private long retries429;
    private boolean lastPageShort;
    private volatile long rejected;
    private volatile long budgetWaits;

    /**
     * Creates the client.
     *
     * @param base the REST base URL
     * @param weightPerMinute the request-weight budget per minute
     */
    public RestClient(String base, int weightPerMinute) {
        this.base = base;
        this.weightPerMinute = weightPerMinute;
    }

    /**
     * How many times a request waited for the next minute's weight budget.
     *
     * @return the count
     */
    public long budgetWaits() {
        return budgetWaits;
    }

    /**
     * Aggregate trades from an id on.
     *
     * @param symbol the symbol
     * @param fromId the first id wanted
     * @param limit up to 1000
     * @param stop tells the client to give up waiting (the feed is closing)
     * @return the trades, in id order
     * @throws IOException on a network or protocol failure
     * @throws InterruptedException if interrupted
     */
    public List<AggTrade> aggTrades(String symbol, long fromId, int limit, BooleanSupplier stop)
            throws IOException, InterruptedException {
        JsonNode arr =
                get(
                        "/fapi/v1/aggTrades?symbol="
                                + symbol
                                + "&fromId="
                                + fromId
                                + "&limit="
                                + limit,
                        20,
                        stop);
        List<AggTrade> out = new ArrayList<>(arr.size());
        lastPageShort = arr.size() < limit;
        for (JsonNode n : arr) {
            AggTrade a = aggTrade(n);
            if (a == null) {
                rejected++;
                LOG.warn("REST {} aggTrade refused (bad value): {}", symbol, n);
            } else {
                out.add(a);
            }
        }
        // pages are sorted and deduplicated here: an unordered page lost trades silently before
        out.sort(java.util.Comparator.comparingLong(AggTrade::id));
        for (int i = out.size() - 1; i > 0; i--) {
            if (out.get(i).id() == out.get(i - 1).id()) {
                out.remove(i);
                rejected++;
            }
        }
        return out;
    }

    /**
     * One REST aggTrade, validated as the WebSocket decoder validates a frame: an id {@code >= 0},
     * price and quantity plain positive finite decimals, a time in [2017, 2100) in ms, {@code m} a
     * boolean.
     *
     * @return the trade, or null if a value is bad
     */
    static AggTrade aggTrade(JsonNode n) {
        JsonNode a = n.path("a");
        JsonNode t = n.path("T");
        JsonNode m = n.path("m");
        if (!a.isIntegralNumber() || !a.canConvertToLong() || a.asLong() < 0) {
            return null;
        }
        if (!t.isIntegralNumber()
                || !t.canConvertToLong()
                || Fields.anyUnitToNanos(t.asLong()) != t.asLong() * 1_000_000L) {
            return null; // not epoch milliseconds in [2017, 2100)
        }
        if (!m.isBoolean()) {
            return null;
        }
        double price = positive(n.path("p"));
        double qty = positive(n.path("q"));
        if (!(price > 0) || !(qty > 0)) {
            return null;
        }
        return new AggTrade(a.asLong(), price, qty, t.asLong(), m.booleanValue());
    }

    /** A string holding a plain positive finite decimal, else NaN. */
    private static double positive(JsonNode v) {
        if (!v.isTextual() || !Fields.isPlainDecimal(v.textValue())) {
            return Double.NaN;
        }
        double d = Double.parseDouble(v.textValue());
        return Double.isFinite(d) && d > 0 ? d : Double.NaN;
    }

    /**
     * REST trades refused for a bad value or a repeated id.
     *
     * @return the count
     */
    public long rejected() {
        return rejected;
    }

    /**
     * Whether the last aggTrades page held fewer trades than asked: nothing more is available yet.
     *
     * @return true after a short page
     */
    public boolean lastPageShort() {
        return lastPageShort;
    }

    /**
     * The exchange's time.
     *
     * @param stop tells the client to give up waiting
     * @return epoch ms
     * @throws IOException on a network or protocol failure
     * @throws InterruptedException if interrupted
     */
    public long serverTime(BooleanSupplier stop) throws IOException, InterruptedException {
        return get("/fapi/v1/time", 1, stop).path("serverTime").asLong();
    }

    /**
     * Responses with HTTP 429 or 418 waited out so far.
     *
     * @return the count
     */
    public long retries429() {
        return retries429;
    }

    /** The whole-response deadline of one REST call, body included. */
    static final long RESPONSE_TIMEOUT_MS = 10_000;

    /**
     * Sends a request and waits for the whole response, body included, at most {@link
     * #RESPONSE_TIMEOUT_MS}: the request timeout of the JDK client ends at the headers, so a server
     * that dripped its body kept a collector running forever. Gives up at once when the feed closes
     * ({@code stop}) or the thread is interrupted.
     */
    private HttpResponse<String> send(HttpRequest req, String path, BooleanSupplier stop)
            throws IOException, InterruptedException {
        java.util.concurrent.CompletableFuture<HttpResponse<String>> f =
                http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + RESPONSE_TIMEOUT_MS * 1_000_000L;
        try {
            while (true) {
                try {
                    return f.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (stop.getAsBoolean()) {
                        throw new InterruptedException("GET " + path + ": the feed is closing");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new java.net.http.HttpTimeoutException(
                                "GET "
                                        + path
                                        + ": no whole response within "
                                        + RESPONSE_TIMEOUT_MS
                                        + " ms");
                    }
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException ? (IOException) c : new IOException(c);
        } finally {
            f.cancel(true); // no-op when done; otherwise abandons the exchange
        }
    }

    private JsonNode get(String path, int weight, BooleanSupplier stop)
            throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            budget(weight, stop);
            HttpRequest req =
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build();
            HttpResponse<String> r = send(req, path, stop);
            if (r.statusCode() == 429 || r.statusCode() == 418) {
                retries429++;
                long wait = r.headers().firstValueAsLong("Retry-After").orElse(1) * 1000;
                sleep(wait, stop);
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IOException(
                        "GET " + path + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }
        throw new IOException("GET " + path + " still rate-limited after 10 attempts");
    }

    private void budget(int weight, BooleanSupplier stop) throws InterruptedException {
        long now = System.nanoTime();
        if (now - windowStart >= 60_000_000_000L) {
            windowStart = now;
            weightUsed = 0;
        }
        if (weightUsed + weight > weightPerMinute) {
            budgetWaits++;
            sleep((60_000_000_000L - (now - windowStart)) / 1_000_000L, stop);
            windowStart = System.nanoTime();
            weightUsed = 0;
        }
        weightUsed += weight;
    }

    private static void sleep(long ms, BooleanSupplier stop) throws InterruptedException {
        long until = System.nanoTime() + ms * 1_000_000L;
        while (!stop.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000L)));
        }
    }
}
