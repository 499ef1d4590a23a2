package org.quantstream.store.chronicle;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeedProvider;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.ThreadedFeed;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.TickHandler;

/**
 * The {@code replay} feed: plays a {@link ChronicleTickStore}, or a time range of it, through a
 * {@link TickHandler} at full speed or at recorded speed times N, reading the store the way the
 * live pipeline does.
 *
 * <p>Options: {@code store} (the store's directory, required), {@code from} and {@code to} (epoch
 * ms or ISO-8601, half-open, default everything), {@code speed} ({@code max} or a factor), {@code
 * follow} ({@code true}: after the last record keep waiting for new ones until closed; default
 * {@code false}: complete at the end). The store is opened read-only, so a writer may append
 * meanwhile. Delivers on a thread named {@code quant-replay-feed-N}.
 *
 * <p>Thread-safe and stateless.
 */
public final class ReplayFeedProvider implements DataFeedProvider {
    /** The provider's name. */
    public static final String NAME = "replay";

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public ReplayFeedProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "replays a Chronicle tick store (or a time range of it), at full or recorded speed";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("store", "the store's directory (required)");
        m.put("from", "first event time, inclusive: epoch ms or ISO-8601 (default: the start)");
        m.put("to", "last event time, exclusive (default: the end)");
        m.put("speed", "max (default) or a factor > 0 of recorded speed");
        m.put(
                "follow",
                "true: keep waiting for new records after the last; false (default): complete");
        return m;
    }

    @Override
    public DataFeed create(FeedConfig config) {
        Path store = Path.of(config.require("store"));
        long from = config.getTime("from", Long.MIN_VALUE);
        long to = config.getTime("to", Long.MAX_VALUE);
        if (to < from) {
            throw new IllegalArgumentException("feed option 'to' must not be before 'from'");
        }
        return new ReplayFeed(
                config,
                store,
                from,
                to,
                ThreadedFeed.speed(config),
                config.getBoolean("follow", false));
    }

    /** The feed. */
    private static final class ReplayFeed extends ThreadedFeed {
        private final Path store;
        private final long from;
        private final long to;
        private final double speed;
        private final boolean follow;

        ReplayFeed(
                FeedConfig config, Path store, long from, long to, double speed, boolean follow) {
            super(NAME, config);
            this.store = store;
            this.from = from;
            this.to = to;
            this.speed = speed;
            this.follow = follow;
        }

        @Override
        protected void deliver(TickHandler handler) {
            ChronicleTickStoreConfig cfg =
                    ChronicleTickStoreConfig.builder(store).readOnly(true).build();
            try (ChronicleTickStore s = ChronicleTickStore.open(cfg);
                    TickCursor cursor =
                            from == Long.MIN_VALUE && to == Long.MAX_VALUE
                                    ? s.cursor()
                                    : s.cursor(from, to)) {
                running();
                play(cursor, handler, speed, follow);
            }
        }
    }
}
