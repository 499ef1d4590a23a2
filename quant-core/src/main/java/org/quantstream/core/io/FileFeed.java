package org.quantstream.core.io;

import java.nio.file.Path;
import java.util.List;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.ThreadedFeed;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.TickHandler;

/**
 * The feed behind {@link FileFeedProvider}. Delivers on a thread of its own named {@code
 * quant-file-feed-N}. Thread-safe.
 */
final class FileFeed extends ThreadedFeed {
    private final List<Path> files;
    private final ReadOptions strictOptions;
    private final boolean skipBad;
    private final double speed;

    FileFeed(
            FeedConfig config,
            List<Path> files,
            ReadOptions options,
            boolean skipBad,
            double speed) {
        super(FileFeedProvider.NAME, config);
        this.files = List.copyOf(files);
        this.strictOptions = options;
        this.skipBad = skipBad;
        this.speed = speed;
    }

    @Override
    protected void deliver(TickHandler handler) throws Exception {
        if (!skipBad) {
            TickFiles.validate(
                    files, strictOptions); // reject a bad file before delivering anything
        }
        if (closing()) {
            return;
        }
        running();
        ReadOptions options = skipBad ? strictOptions.withSkipBad(e -> malformed++) : strictOptions;
        MutableTick tick = new MutableTick();
        for (Path file : files) {
            try (TickReader reader = TickReader.open(file, options)) {
                while (!closing() && reader.next(tick)) {
                    pace(tick.eventTimeNanos(), speed);
                    if (closing()) {
                        break;
                    }
                    handler.onTick(tick);
                    ticks++;
                }
                skipped += reader.skipped();
            }
        }
    }
}
