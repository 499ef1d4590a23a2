package org.quantstream.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeedProvider;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.ThreadedFeed;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickHandler;

/**
 * Example: a custom {@link DataFeed} through the SPI. A seeded random walk of trades, one every 100
 * ms of event time, found by {@link org.quantstream.core.feed.DataFeeds#open} under the name {@code
 * random-walk} because this jar lists the provider in {@code
 * META-INF/services/org.quantstream.core.feed.DataFeedProvider}. {@link CustomFeedExample} opens
 * it.
 *
 * <p>The feed extends {@link ThreadedFeed}, which gives it a thread of its own, the life cycle
 * ({@code start}, {@code close}, {@code awaitTermination}) and the counters; it only writes {@code
 * deliver}.
 */
public final class RandomWalkFeedProvider implements DataFeedProvider {
    /** The name the feed is found by. */
    public static final String NAME = "random-walk";

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public RandomWalkFeedProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "example: a seeded random walk of trades (quant-examples' CustomFeedExample)";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("symbol", "the symbol (default RNDUSDT)");
        m.put("ticks", "how many trades, then the feed ends (default 1000)");
        m.put("seed", "random seed (default 1)");
        m.put("price", "first price (default 100)");
        return m;
    }

    @Override
    public DataFeed create(FeedConfig config) {
        Symbol symbol = Symbol.of(config.get("symbol", "RNDUSDT"));
        long count = Long.parseLong(config.get("ticks", "1000"));
        long seed = Long.parseLong(config.get("seed", "1"));
        double price = config.getDouble("price", 100);
        if (count < 0 || !(price > 0)) {
            throw new IllegalArgumentException(
                    "ticks must be >= 0 and price > 0, were " + count + " and " + price);
        }
        return new RandomWalkFeed(config, symbol, count, seed, price);
    }

    /** The feed: deliver() runs on the feed's own thread. */
    private static final class RandomWalkFeed extends ThreadedFeed {
        private static final long START = 1_723_161_600_000_000_000L; // 2024-08-09T00:00Z
        private final Symbol symbol;
        private final long count;
        private final long seed;
        private final double firstPrice;

        RandomWalkFeed(FeedConfig config, Symbol symbol, long count, long seed, double price) {
            super(NAME, config);
            this.symbol = symbol;
            this.count = count;
            this.seed = seed;
            this.firstPrice = price;
        }

        @Override
        protected void deliver(TickHandler handler) {
            running();
            SplittableRandom random = new SplittableRandom(seed);
            MutableTick tick = new MutableTick(); // one reused flyweight: no allocation per tick
            double price = firstPrice;
            for (long i = 0; i < count && !closing(); i++) {
                price *= Math.exp(0.001 * (random.nextDouble() - 0.5));
                long time = START + i * 100_000_000L;
                tick.set(
                        symbol,
                        time,
                        time,
                        i + 1,
                        price,
                        0.001 + random.nextDouble(),
                        random.nextBoolean() ? Side.BUY : Side.SELL);
                handler.onTick(tick);
                ticks++;
            }
        }
    }
}
