package org.quantstream.feed.binance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeedProvider;
import org.quantstream.core.feed.FeedConfig;

/**
 * The {@code binance-usdm} feed: Binance USD-M futures trades over WebSocket ({@link BinanceFeed}).
 * Options as {@link BinanceFeedConfig#fromOptions}. Thread-safe and stateless.
 */
public final class BinanceFeedProvider implements DataFeedProvider {
    /** The provider's name. */
    public static final String NAME = "binance-usdm";

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public BinanceFeedProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Binance USD-M futures trades (and bookTicker quotes) over WebSocket, with reconnect, stall detection and REST gap backfill";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("symbols", "comma-separated symbols (required)");
        m.put("stream", "aggTrade (default, backfillable) or trade");
        m.put("wsUrl", "WebSocket base (default wss://fstream.binance.com)");
        m.put("restUrl", "REST base (default https://fapi.binance.com)");
        m.put("stallTimeoutMs", "silence on an open socket before it is replaced (default 30000)");
        m.put("pingIntervalMs", "client ping interval (default 60000)");
        m.put("pongTimeoutMs", "pong wait before the connection counts as dead (default 10000)");
        m.put("rotateAfterMs", "connection age at which it is replaced (default 23 h 50 min)");
        m.put("ringCapacity", "hand-off ring slots (default 8192)");
        m.put("overflow", "block (default) or drop when the consumer falls behind");
        m.put("resumeAfter", "SYMBOL:ID,... deliver only later ids, backfilling from them");
        m.put("trades", "true (default) or false: the trade streams on /market");
        m.put(
                "quotes",
                "true or false (default): bookTicker best bid and ask on /public, to a"
                        + " handler that implements QuoteHandler");
        return m;
    }

    @Override
    public DataFeed create(FeedConfig config) {
        return new BinanceFeed(config, BinanceFeedConfig.fromOptions(config));
    }
}
