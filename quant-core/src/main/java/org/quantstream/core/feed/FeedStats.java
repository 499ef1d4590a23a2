package org.quantstream.core.feed;

import java.util.Map;
import org.quantstream.core.util.Args;

/**
 * A snapshot of a feed's counters, taken by {@link DataFeed#stats()}.
 *
 * @param ticks trades delivered to the handler
 * @param skipped messages or lines passed over on purpose (events other than trades, bad lines
 *     under skip-bad)
 * @param malformed messages or lines that could not be decoded
 * @param duplicates trades dropped because their id was not newer than the last delivered for the
 *     symbol
 * @param gaps jumps in trade ids detected
 * @param reconnects connections re-established after the first
 * @param backfilled trades recovered through a backfill request instead of the stream
 * @param extra feed-specific counters by name (immutable; empty when the feed has none)
 */
public record FeedStats(
        long ticks,
        long skipped,
        long malformed,
        long duplicates,
        long gaps,
        long reconnects,
        long backfilled,
        Map<String, Long> extra) {

    /** An all-zero snapshot. */
    public static final FeedStats EMPTY = new FeedStats(0, 0, 0, 0, 0, 0, 0, Map.of());

    /**
     * Copies the extra counters.
     *
     * @param ticks trades delivered
     * @param skipped messages passed over on purpose
     * @param malformed messages that could not be decoded
     * @param duplicates trades dropped as duplicates
     * @param gaps jumps in trade ids
     * @param reconnects connections re-established
     * @param backfilled trades recovered by backfill
     * @param extra feed-specific counters, copied
     */
    public FeedStats {
        extra = Map.copyOf(Args.notNull(extra, "extra"));
    }
}
