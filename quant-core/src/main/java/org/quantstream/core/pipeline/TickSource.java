package org.quantstream.core.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.PolledFeed;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.io.TickReader;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.TickHandler;
import org.quantstream.core.tick.TickView;
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
     * Hands the ticks that are ready, at most about {@code limit}, to {@code sink} on the calling
     * (pipeline) thread; never blocks. The pipeline takes its ticks this way. By default {@link
     * #poll} into {@code scratch}, one at a time; a source that delivers by callback (a {@link
     * PolledFeed}) passes its own view instead, with no copy.
     *
     * @param sink receives each tick; the view is valid during the call only
     * @param scratch a tick the default fills
     * @param limit the most ticks wanted, {@code > 0} (a feed recovering a gap may hand more)
     * @return the ticks handed over (or messages taken), 0 when none was ready
     */
    default int drain(TickHandler sink, MutableTick scratch, int limit) {
        int n = 0;
        while (n < limit && poll(scratch)) {
            sink.onTick(scratch);
            n++;
        }
        return n;
    }

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
     * A live feed polled on the pipeline's own thread: no feed thread and no ring between the
     * feed's network thread and the pipeline, so a tick is handed over once instead of twice. Each
     * delivered tick is first appended to {@code recordTo} when one is given (the store keeps the
     * durable log, and a replay of it gives the same ticks in the same order); a tick the store
     * refuses as a duplicate is not passed on. Whatever the feed does on its delivery thread
     * (duplicates, gap backfill over REST, which can hold the pipeline while it runs) then happens
     * on the pipeline's thread. Finished when the feed has ended.
     *
     * @param feed the feed, not yet started; the pipeline starts (on its thread) and closes it
     * @param recordTo where every tick is appended before the pipeline sees it; null for none
     * @return the source
     */
    static TickSource polled(PolledFeed feed, TickAppender recordTo) {
        return new PolledSource(feed, recordTo);
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

/** A feed polled on the pipeline's thread, its ticks recorded first. */
final class PolledSource implements TickSource {
    private final PolledFeed feed;
    private final TickAppender recordTo;
    private TickHandler sink;
    private int handed;
    private java.util.ArrayDeque<org.quantstream.core.tick.Tick> spill;
    private TickHandler spilling;

    PolledSource(PolledFeed feed, TickAppender recordTo) {
        this.feed = java.util.Objects.requireNonNull(feed, "feed");
        this.recordTo = recordTo;
    }

    @Override
    public void start() {
        feed.startPolled(this::onTick);
    }

    private void onTick(TickView t) {
        if (recordTo != null && !recordTo.append(t)) {
            return; // a duplicate the store refused: a replay of the store would not have it
        }
        handed++;
        sink.onTick(t);
    }

    @Override
    public int drain(TickHandler to, MutableTick scratch, int limit) {
        if (spill != null && !spill.isEmpty()) {
            return TickSource.super.drain(to, scratch, limit); // what poll() held back first
        }
        sink = to;
        handed = 0;
        int taken = feed.poll(limit);
        return Math.max(handed, taken);
    }

    /** One tick at a time, for callers outside the pipeline: a gap's backfill is held back. */
    @Override
    public boolean poll(MutableTick into) {
        if (spill == null) {
            spill = new java.util.ArrayDeque<>();
            spilling = t -> spill.addLast(org.quantstream.core.tick.Tick.copyOf(t));
        }
        if (spill.isEmpty()) {
            sink = spilling;
            feed.poll(1);
        }
        org.quantstream.core.tick.Tick t = spill.pollFirst();
        if (t == null) {
            return false;
        }
        into.set(
                t.symbol(),
                t.eventTimeNanos(),
                t.receiveTimeNanos(),
                t.tradeId(),
                t.price(),
                t.quantity(),
                t.aggressor());
        return true;
    }

    @Override
    public boolean isFinished() {
        return feed.status().isTerminal() && (spill == null || spill.isEmpty());
    }

    @Override
    public void close() {
        feed.close();
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
        boolean got = ring.poll(into);
        int size = ring.backlogSeen(); // without reading the feed thread's position per tick
        if (size > highWater) {
            highWater = size;
        }
        return got;
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
