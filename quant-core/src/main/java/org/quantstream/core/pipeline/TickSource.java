package org.quantstream.core.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.io.TickReader;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.internal.TickRing;

/**
 * Where a {@link Pipeline}'s ticks come from, polled by the pipeline's thread: a live {@link
 * DataFeed} (its thread hands ticks over through a bounded single-producer ring), a {@link
 * TickStore} tailed live or read once, or tick files read once. Each source belongs to one
 * pipeline.
 */
public interface TickSource extends AutoCloseable {
    /** Starts delivering (a feed connects); called once, on the pipeline's thread. */
    void start();

    /**
     * The next tick, if one is ready. Never blocks; allocation-free.
     *
     * @param into filled with the tick
     * @return false when none is ready now
     */
    boolean poll(MutableTick into);

    /**
     * Whether no tick will ever come again (a replay read to its end, a feed that stopped and whose
     * ring is empty). A live store tail never finishes.
     *
     * @return true at the end
     */
    boolean isFinished();

    /**
     * The most ticks that were waiting in the source's queue at once (0 for sources without one).
     *
     * @return the high-water mark
     */
    default long queueHighWaterMark() {
        return 0;
    }

    /** Stops delivering (a feed disconnects) and releases the source. Idempotent. */
    @Override
    void close();

    /**
     * A live feed, its ticks handed over through a ring of {@code capacity} slots. When the ring is
     * full the feed's thread waits (backpressure; the feed's own buffers absorb the burst).
     *
     * @param feed the feed, not yet started; the pipeline starts and closes it
     * @param capacity ring slots, rounded up to a power of two
     * @return the source
     */
    static TickSource feed(DataFeed feed, int capacity) {
        return new FeedSource(feed, new TickRing(capacity));
    }

    /**
     * A store read from its start and then tailed: ticks appended later are delivered as they are
     * stored. Never finishes; close the pipeline to stop.
     *
     * @param store the store
     * @return the source
     */
    static TickSource tail(TickStore store) {
        return new CursorSource(store::cursor, false);
    }

    /**
     * A store read once, every tick with event time in {@code [fromNanos, toNanos)}; finished at
     * the end of what was stored when the read reached it.
     *
     * @param store the store
     * @param fromNanos first event time, inclusive ({@code Long.MIN_VALUE} for all)
     * @param toNanos last event time, exclusive ({@code Long.MAX_VALUE} for all)
     * @return the source
     */
    static TickSource replay(TickStore store, long fromNanos, long toNanos) {
        return new CursorSource(() -> store.cursor(fromNanos, toNanos), true);
    }

    /**
     * Tick files (any format {@link TickReader} reads) read once, merged by event time (at equal
     * times the earlier file first; each file in its own order), as a live feed of their symbols
     * would deliver them. A bad line fails the pipeline, naming the file, line and column, unless
     * the options skip bad lines; check the files first with {@link TickFiles#validate} for
     * all-or-nothing.
     *
     * @param files the files
     * @param options how to read them
     * @return the source
     */
    static TickSource files(List<Path> files, ReadOptions options) {
        return new FilesSource(List.copyOf(files), options);
    }
}

/** A feed's ticks through a ring. */
final class FeedSource implements TickSource {
    private final DataFeed feed;
    private final TickRing ring;
    private volatile boolean closing;
    private long highWater;

    FeedSource(DataFeed feed, TickRing ring) {
        this.feed = feed;
        this.ring = ring;
    }

    @Override
    public void start() {
        feed.start(
                t -> {
                    // the feed's thread: wait for room rather than drop a trade
                    while (!ring.offer(t)) {
                        if (closing) {
                            return;
                        }
                        Thread.onSpinWait();
                        Thread.yield();
                    }
                });
    }

    @Override
    public boolean poll(MutableTick into) {
        int size = ring.size();
        if (size > highWater) {
            highWater = size;
        }
        return ring.poll(into);
    }

    @Override
    public boolean isFinished() {
        return feed.status().isTerminal() && ring.size() == 0;
    }

    @Override
    public long queueHighWaterMark() {
        return highWater;
    }

    @Override
    public void close() {
        closing = true;
        feed.close();
    }
}

/** A store cursor, tailed or read once. */
final class CursorSource implements TickSource {
    private final java.util.function.Supplier<TickCursor> open;
    private final boolean once;
    private TickCursor cursor;
    private boolean finished;

    CursorSource(java.util.function.Supplier<TickCursor> open, boolean once) {
        this.open = open;
        this.once = once;
    }

    @Override
    public void start() {
        cursor = open.get();
    }

    @Override
    public boolean poll(MutableTick into) {
        if (cursor.next(into)) {
            return true;
        }
        if (once) {
            finished = true;
        }
        return false;
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
        }
    }
}

/**
 * Tick files merged by event time (ties: the earlier file first), as a live feed would mix them.
 */
final class FilesSource implements TickSource {
    private final List<Path> files;
    private final ReadOptions options;
    private TickReader[] readers;
    private MutableTick[] heads;
    private boolean[] has;
    private boolean finished;

    FilesSource(List<Path> files, ReadOptions options) {
        this.files = files;
        this.options = options;
    }

    @Override
    public void start() {}

    @Override
    public boolean poll(MutableTick into) {
        if (finished) {
            return false;
        }
        try {
            if (readers == null) {
                int n = files.size();
                readers = new TickReader[n];
                heads = new MutableTick[n];
                has = new boolean[n];
                for (int i = 0; i < n; i++) {
                    readers[i] = TickReader.open(files.get(i), options);
                    heads[i] = new MutableTick();
                    has[i] = readers[i].next(heads[i]);
                }
            }
            int best = -1;
            for (int i = 0; i < heads.length; i++) {
                if (has[i]
                        && (best < 0 || heads[i].eventTimeNanos() < heads[best].eventTimeNanos())) {
                    best = i;
                }
            }
            if (best < 0) {
                finished = true;
                close();
                return false;
            }
            into.copyFrom(heads[best]);
            has[best] = readers[best].next(heads[best]);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        if (readers == null) {
            return;
        }
        IOException first = null;
        for (int i = 0; i < readers.length; i++) {
            if (readers[i] != null) {
                try {
                    readers[i].close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
                readers[i] = null;
                has[i] = false;
            }
        }
        if (first != null) {
            throw new UncheckedIOException(first);
        }
    }
}
