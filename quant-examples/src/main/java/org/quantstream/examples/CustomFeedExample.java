package org.quantstream.examples;

import java.time.Duration;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeeds;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.tick.TickSummary;

/**
 * Example: open a feed by name through the SPI ({@link RandomWalkFeedProvider}, found by {@link
 * java.util.ServiceLoader}) and summarise what it delivers. Any {@code DataFeed} is used the same
 * way: {@code binance-usdm}, {@code file}, {@code replay} or yours.
 *
 * <pre>
 * java -cp quant-examples/target/quant.jar org.quantstream.examples.CustomFeedExample 5000
 * </pre>
 */
public final class CustomFeedExample {
    private CustomFeedExample() {}

    /**
     * Runs the example.
     *
     * @param args optionally the number of ticks (default 1000)
     * @throws InterruptedException if interrupted while waiting for the feed
     */
    public static void main(String[] args) throws InterruptedException {
        TickSummary.SymbolSummary s = run(args.length > 0 ? Long.parseLong(args[0]) : 1000, 7);
        System.out.printf(
                "%s: %d trades, VWAP %.4f, %s to %s%n",
                s.symbol(), s.count(), s.vwap(), s.minPrice(), s.maxPrice());
    }

    /**
     * Opens the {@code random-walk} feed by name, delivers {@code ticks} trades into a summary.
     *
     * @param ticks how many trades
     * @param seed the random seed
     * @return the summary of the one symbol
     * @throws InterruptedException if interrupted while waiting for the feed
     */
    public static TickSummary.SymbolSummary run(long ticks, long seed) throws InterruptedException {
        TickSummary summary = new TickSummary(); // touched only by the feed's thread until it ends
        try (DataFeed feed =
                DataFeeds.open(
                        RandomWalkFeedProvider.NAME,
                        FeedConfig.builder()
                                .option("ticks", Long.toString(ticks))
                                .option("seed", Long.toString(seed))
                                .build())) {
            feed.start(summary);
            if (!feed.awaitTermination(Duration.ofMinutes(1))) {
                throw new IllegalStateException("the feed did not end within a minute");
            }
        }
        return summary.summaries().get(0);
    }
}
