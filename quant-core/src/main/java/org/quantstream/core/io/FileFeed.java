package org.quantstream.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedEvent;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.feed.FeedStatus;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.TickHandler;
import org.quantstream.core.util.Args;

/**
 * The feed behind {@link FileFeedProvider}. Delivers on a thread of its own named {@code
 * quant-file-feed-N}. Thread-safe.
 */
final class FileFeed implements DataFeed {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long MAX_PARK_NANOS = 50_000_000L;

    private final FeedConfig config;
    private final List<Path> files;
    private final ReadOptions strictOptions;
    private final boolean skipBad;
    private final double speed;
    private final CountDownLatch terminated = new CountDownLatch(1);

    private volatile FeedStatus status = FeedStatus.NEW;
    private volatile boolean closing;
    private volatile Thread thread;
    private volatile long ticks;
    private volatile long skipped;
    private volatile long malformed;

    FileFeed(
            FeedConfig config,
            List<Path> files,
            ReadOptions options,
            boolean skipBad,
            double speed) {
        this.config = config;
        this.files = List.copyOf(files);
        this.strictOptions = options;
        this.skipBad = skipBad;
        this.speed = speed;
    }

    @Override
    public String name() {
        return FileFeedProvider.NAME;
    }

    @Override
    public synchronized void start(TickHandler handler) {
        Args.notNull(handler, "handler");
        if (status != FeedStatus.NEW) {
            throw new IllegalStateException(
                    "feed " + name() + " was already started (status " + status + ")");
        }
        transition(FeedStatus.CONNECTING, "opening " + files.size() + " file(s)", null);
        Thread t = new Thread(() -> run(handler), "quant-file-feed-" + THREADS.incrementAndGet());
        thread = t;
        t.start();
    }

    private void run(TickHandler handler) {
        try {
            if (!skipBad) {
                TickFiles.validate(
                        files, strictOptions); // reject a bad file before delivering anything
            }
            if (closing) {
                return;
            }
            transition(FeedStatus.RUNNING, "delivering", null);
            ReadOptions options =
                    skipBad ? strictOptions.withSkipBad(e -> malformed++) : strictOptions;
            MutableTick tick = new MutableTick();
            long firstEvent = Long.MIN_VALUE;
            long startClock = 0;
            for (Path file : files) {
                try (TickReader reader = TickReader.open(file, options)) {
                    while (!closing && reader.next(tick)) {
                        if (speed != Double.POSITIVE_INFINITY) {
                            if (firstEvent == Long.MIN_VALUE) {
                                firstEvent = tick.eventTimeNanos();
                                startClock = config.clock().epochNanos();
                            }
                            pace(
                                    startClock
                                            + (long)
                                                    ((tick.eventTimeNanos() - firstEvent) / speed));
                            if (closing) {
                                break;
                            }
                        }
                        handler.onTick(tick);
                        ticks++;
                    }
                    skipped += reader.skipped();
                }
            }
            if (!closing) {
                transition(FeedStatus.COMPLETED, "delivered " + ticks + " ticks", null);
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                config.errorHandler().onError(e);
                transition(FeedStatus.FAILED, e.getMessage(), e);
            }
        } finally {
            if (closing && !status.isTerminal()) {
                transition(FeedStatus.CLOSED, "closed", null);
            }
            terminated.countDown();
        }
    }

    private void pace(long targetNanos) {
        long now;
        while (!closing && (now = config.clock().epochNanos()) < targetNanos) {
            LockSupport.parkNanos(Math.min(targetNanos - now, MAX_PARK_NANOS));
        }
    }

    private synchronized void transition(FeedStatus next, String message, Throwable cause) {
        if (status.isTerminal()) {
            return;
        }
        status = next;
        try {
            config.listener()
                    .onEvent(
                            new FeedEvent(
                                    config.clock().epochNanos(), name(), next, message, cause));
        } catch (RuntimeException e) {
            config.errorHandler().onError(e);
        }
    }

    @Override
    public FeedStatus status() {
        return status;
    }

    @Override
    public FeedStats stats() {
        return new FeedStats(ticks, skipped, malformed, 0, 0, 0, 0, Map.of());
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        if (status == FeedStatus.NEW) {
            return false;
        }
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closing = true;
            t = thread;
            if (t == null) {
                transition(FeedStatus.CLOSED, "closed before start", null);
                terminated.countDown();
                return;
            }
        }
        LockSupport.unpark(t);
        if (t != Thread.currentThread()) {
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
