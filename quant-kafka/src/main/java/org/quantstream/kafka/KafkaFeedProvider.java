package org.quantstream.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeedProvider;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.ThreadedFeed;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.TickHandler;

/**
 * The {@code kafka} feed: the ticks of a {@link KafkaTickStore}'s topic (every partition), from a
 * time, at full speed or at recorded speed times N, following new records until closed or ending at
 * the end.
 *
 * <p>Options: {@code bootstrap} (required), {@code topic} (default {@code ticks}), {@code from} and
 * {@code to} (epoch ms or ISO-8601, half-open), {@code speed} ({@code max} or a factor), {@code
 * follow} ({@code true}, the default: keep waiting for new records; {@code false}: complete at the
 * end). Within a symbol the ticks come in order; between symbols in the order the partitions are
 * fetched. Delivers on a thread named {@code quant-kafka-feed-N}.
 *
 * <p>Thread-safe and stateless.
 */
public final class KafkaFeedProvider implements DataFeedProvider {
    /** The provider's name. */
    public static final String NAME = "kafka";

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public KafkaFeedProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "reads the ticks of a Kafka topic written by a KafkaTickStore (quant collect --kafka)";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrap", "the brokers, host:port,... (required)");
        m.put("topic", "the ticks topic (default: ticks)");
        m.put("from", "first event time, inclusive: epoch ms or ISO-8601 (default: the start)");
        m.put("to", "last event time, exclusive (default: no end)");
        m.put("speed", "max (default) or a factor > 0 of recorded speed");
        m.put("follow", "true (default): keep waiting for new records; false: complete at the end");
        return m;
    }

    @Override
    public DataFeed create(FeedConfig config) {
        KafkaTickStoreConfig store =
                KafkaTickStoreConfig.builder(config.require("bootstrap"))
                        .topic(config.get("topic") == null ? "ticks" : config.get("topic"))
                        .build();
        long from = config.getTime("from", Long.MIN_VALUE);
        long to = config.getTime("to", Long.MAX_VALUE);
        if (to < from) {
            throw new IllegalArgumentException("feed option 'to' must not be before 'from'");
        }
        return new KafkaFeed(
                config,
                store,
                from,
                to,
                ThreadedFeed.speed(config),
                config.getBoolean("follow", true));
    }

    /** The feed. */
    private static final class KafkaFeed extends ThreadedFeed {
        private final KafkaTickStoreConfig store;
        private final long from;
        private final long to;
        private final double speed;
        private final boolean follow;

        KafkaFeed(
                FeedConfig config,
                KafkaTickStoreConfig store,
                long from,
                long to,
                double speed,
                boolean follow) {
            super(NAME, config);
            this.store = store;
            this.from = from;
            this.to = to;
            this.speed = speed;
            this.follow = follow;
        }

        @Override
        protected void deliver(TickHandler handler) {
            try (KafkaTickStore s = KafkaTickStore.open(store);
                    TickCursor cursor = s.cursor(from, to)) {
                running();
                play(cursor, handler, speed, follow);
            }
        }
    }
}
