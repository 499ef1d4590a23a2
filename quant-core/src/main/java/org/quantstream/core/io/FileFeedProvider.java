package org.quantstream.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeedProvider;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.ThreadedFeed;
import org.quantstream.core.tick.Symbol;

/**
 * The {@code file} feed: replays tick files (every format {@link TickReader} reads) through a
 * {@link org.quantstream.core.tick.TickHandler}, at full speed or at recorded speed times N.
 *
 * <p>Options: {@code input} (required; paths separated by commas, read in order), {@code symbol}
 * (for data that names none), {@code speed} ({@code max}, the default, or a factor &gt; 0 applied
 * to the gaps between event times), {@code skipBad} ({@code false}: a file with a malformed line is
 * rejected whole before any tick is delivered and the feed fails; {@code true}: bad lines are
 * skipped and counted as malformed).
 *
 * <p>Thread-safe and stateless.
 */
public final class FileFeedProvider implements DataFeedProvider {
    /** The provider's name. */
    public static final String NAME = "file";

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public FileFeedProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "replays recorded Binance messages, data.binance.vision CSV or quantstream tick files";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("input", "tick files, comma-separated, read in order (required)");
        m.put(
                "symbol",
                "symbol for data that names none (default: from the data or the file name)");
        m.put("speed", "max (default) or a factor > 0 of recorded speed");
        m.put(
                "skipBad",
                "true: skip and count malformed lines; false (default): reject a file that has one");
        return m;
    }

    @Override
    public DataFeed create(FeedConfig config) {
        List<Path> files = new ArrayList<>();
        for (String part : config.require("input").split(",")) {
            if (!part.isBlank()) {
                files.add(Path.of(part.strip()));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("feed option 'input' names no file");
        }
        String symbolText = config.get("symbol");
        Symbol symbol =
                symbolText == null || symbolText.isBlank() ? null : Symbol.of(symbolText.strip());
        double speed = ThreadedFeed.speed(config);
        boolean skipBad = config.getBoolean("skipBad", false);
        return new FileFeed(config, files, new ReadOptions(symbol, false, e -> {}), skipBad, speed);
    }
}
