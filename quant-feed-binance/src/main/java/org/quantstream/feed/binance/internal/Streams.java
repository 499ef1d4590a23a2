package org.quantstream.feed.binance.internal;

import java.util.Locale;

/**
 * Binance USD-M stream names and the routed endpoint each belongs to: high-frequency book data
 * ({@code bookTicker}, {@code depth}) on {@code /public}, regular market data ({@code aggTrade},
 * {@code trade}, {@code markPrice}, {@code kline}) on {@code /market}. A connection on the wrong
 * route gets no data for a stream; an unrouted connection gets only {@code /public} streams.
 * Stateless.
 */
public final class Streams {
    /** The route of high-frequency book data. */
    public static final String PUBLIC = "/public";

    /** The route of regular market data. */
    public static final String MARKET = "/market";

    private Streams() {}

    /**
     * The route a stream is served on.
     *
     * @param stream a stream name such as {@code btcusdt@bookTicker}, in any case
     * @return {@link #PUBLIC} or {@link #MARKET}
     */
    public static String route(String stream) {
        String type = stream.substring(stream.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return type.startsWith("bookticker") || type.startsWith("depth") ? PUBLIC : MARKET;
    }

    /**
     * A stream's name as Binance writes it in the combined-stream wrapper and in subscription
     * lists: lower-case symbol, camel-case event.
     *
     * @param stream the stream name in any case
     * @return for example {@code btcusdt@aggTrade} or {@code ethusdt@bookTicker}
     */
    public static String canonical(String stream) {
        String lower = stream.toLowerCase(Locale.ROOT);
        return lower.replace("@aggtrade", "@aggTrade")
                .replace("@bookticker", "@bookTicker")
                .replace("@markprice", "@markPrice");
    }
}
