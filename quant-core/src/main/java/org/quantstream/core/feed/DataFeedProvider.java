package org.quantstream.core.feed;

import java.util.Map;

/**
 * A kind of {@link DataFeed}, found with {@link java.util.ServiceLoader}: list the implementation's
 * class name in {@code META-INF/services/org.quantstream.core.feed.DataFeedProvider}. It must have
 * a public no-argument constructor.
 *
 * <p>Implementations are thread-safe and stateless: {@link #create(FeedConfig)} may be called any
 * number of times.
 */
public interface DataFeedProvider {
    /**
     * The unique name users open the feed by.
     *
     * @return a lower-case name such as {@code "file"} or {@code "binance-usdm"}
     */
    String name();

    /**
     * One line saying what the feed delivers.
     *
     * @return the description
     */
    String description();

    /**
     * The options {@link #create(FeedConfig)} reads, for help texts.
     *
     * @return option name to description, in a stable order
     */
    Map<String, String> options();

    /**
     * Creates a feed. Checks the configuration; opens no connection until {@link DataFeed#start}.
     *
     * @param config the options and the injected clock, error handler and listener
     * @return a new feed in status {@link FeedStatus#NEW}
     * @throws IllegalArgumentException if an option is missing or invalid; the message names it
     */
    DataFeed create(FeedConfig config);
}
