package org.quantstream.examples.cli;

import java.util.List;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.tick.Symbol;
import org.quantstream.feed.binance.BinanceFeed;
import org.quantstream.feed.binance.BinanceFeedConfig;
import org.quantstream.store.chronicle.ChronicleTickStore;

/**
 * The dashboard's collection: a Binance feed (live, or the local simulator) appending to the store,
 * stopped and started from the page ({@code POST /api/collect}). A start resumes after the last
 * trade id stored for each symbol, so what came while stopped is backfilled over REST and nothing
 * is stored twice, exactly as {@code quant collect} resumes a store.
 *
 * <p>Thread-safe (one lock): the page's requests and the command's main thread.
 */
final class DashboardCollector implements AutoCloseable {
    private final ChronicleTickStore store;
    private final List<Symbol> symbols;
    private final String wsUrl;
    private final String restUrl;
    private BinanceFeed feed;
    private FeedStats last;
    private long starts;

    DashboardCollector(
            ChronicleTickStore store, List<Symbol> symbols, String wsUrl, String restUrl) {
        this.store = store;
        this.symbols = List.copyOf(symbols);
        this.wsUrl = wsUrl;
        this.restUrl = restUrl;
    }

    /** Starts a feed if none runs; idempotent. */
    synchronized void start() {
        if (feed != null) {
            return;
        }
        BinanceFeedConfig.Builder b = BinanceFeedConfig.builder().wsUrl(wsUrl).restUrl(restUrl);
        for (Symbol s : symbols) {
            b.symbol(s);
            long id = store.lastTradeId(s);
            if (id != TickStore.NO_TRADE_ID) {
                b.resumeAfter(s, id); // backfill what came while stopped; nothing twice
            }
        }
        BinanceFeed f = new BinanceFeed(FeedConfig.builder().build(), b.build());
        f.start(store.appender()::append); // the feed's thread writes; the store is the bus
        feed = f;
        starts++;
    }

    /** Stops the feed if one runs (what it received is stored); idempotent. */
    synchronized void stop() {
        if (feed != null) {
            last = feed.stats();
            feed.close();
            feed = null;
        }
    }

    /** Whether a feed runs. */
    synchronized boolean running() {
        return feed != null;
    }

    /** The running feed's counters, or the last one's once stopped (since its start). */
    synchronized FeedStats stats() {
        return feed != null ? feed.stats() : last;
    }

    /** How many times collection started. */
    synchronized long starts() {
        return starts;
    }

    /** {@code POST /api/collect}: {@code {"run": true|false}}; answers the state. */
    String request(String body) {
        com.fasterxml.jackson.databind.JsonNode req = Json.request(body, List.of("run"));
        com.fasterxml.jackson.databind.JsonNode run = req.path("run");
        if (!run.isBoolean()) {
            throw new IllegalArgumentException("run: expected true or false, was " + run);
        }
        if (run.asBoolean()) {
            start();
        } else {
            stop();
        }
        return "{\"collecting\":" + running() + ",\"starts\":" + starts() + "}";
    }

    @Override
    public void close() {
        stop();
    }
}
