package org.quantstream.core.feed;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.quantstream.core.tick.TickHandler;
import org.quantstream.core.util.Args;

/**
 * A base for feeds that deliver from one thread of their own: the life cycle ({@link FeedStatus}
 * transitions with their {@link FeedEvent}s), {@link #awaitTermination}, a {@link #close()} that
 * stops and joins the thread, the common counters, and pacing at recorded speed. A subclass
 * implements {@link #deliver(TickHandler)}, which runs on the feed's thread, should return when
 * {@link #closing()} turns true, and reports failure by throwing. A feed that can also run on its
 * caller's thread ({@link PolledFeed}) implements {@link #open}, {@link #work} and {@link #shut},
 * builds {@link #deliver} from them, and implements {@link PolledFeed} with {@link
 * #startPolledMode} and {@link #pollOnce}.
 *
 * <p>Thread-safe as {@link DataFeed} requires.
 */
public abstract class ThreadedFeed implements DataFeed {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long MAX_PARK_NANOS = 50_000_000L;
    private static final java.lang.invoke.VarHandle TICKS;

    static {
        try {
            TICKS =
                    java.lang.invoke.MethodHandles.lookup()
                            .findVarHandle(ThreadedFeed.class, "ticks", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The configuration (clock, error handler, listener, options). */
    protected final FeedConfig config;

    private final String name;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile FeedStatus status = FeedStatus.NEW;
    private volatile boolean closing;
    private volatile Thread thread;
    private volatile boolean polled;
    private final java.util.concurrent.atomic.AtomicBoolean shut =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Ticks delivered; written by the feed's thread only. */
    protected volatile long ticks;

    /** Lines or records passed over on purpose; written by the feed's thread only. */
    protected volatile long skipped;

    /** Malformed inputs skipped; written by the feed's thread only. */
    protected volatile long malformed;

    private long firstEvent = Long.MIN_VALUE;
    private long startClock;

    /**
     * Creates the feed.
     *
     * @param name the feed's name, also the prefix of its thread's name ({@code
     *     quant-<name>-feed-N})
     * @param config the configuration
     */
    protected ThreadedFeed(String name, FeedConfig config) {
        this.name = Args.notBlank(name, "name");
        this.config = Args.notNull(config, "config");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final synchronized void start(TickHandler handler) {
        Args.notNull(handler, "handler");
        if (status != FeedStatus.NEW) {
            throw new IllegalStateException(
                    "feed " + name + " was already started (status " + status + ")");
        }
        checkHandler(handler);
        transition(FeedStatus.CONNECTING, "starting", null);
        Thread t =
                new Thread(
                        () -> run(handler), "quant-" + name + "-feed-" + THREADS.incrementAndGet());
        thread = t;
        t.start();
    }

    /**
     * Checks, on the caller's thread before anything starts, that the handler can take what the
     * feed is configured to deliver (for instance quotes). Does nothing by default.
     *
     * @param handler the handler passed to {@link #start(TickHandler)}
     * @throws IllegalArgumentException if it cannot
     */
    protected void checkHandler(TickHandler handler) {}

    /**
     * Starts in polled mode (see {@link PolledFeed}), for a subclass that implements {@link
     * PolledFeed#startPolled} with it: checks the handler, then {@link #open} on the calling
     * thread. A failure to open fails the feed and is thrown.
     *
     * @param handler receives the ticks inside {@link #pollOnce}
     * @throws IllegalStateException if the feed was already started or closed
     */
    protected final void startPolledMode(TickHandler handler) {
        Args.notNull(handler, "handler");
        synchronized (this) {
            if (status != FeedStatus.NEW) {
                throw new IllegalStateException(
                        "feed " + name + " was already started (status " + status + ")");
            }
            checkHandler(handler);
            polled = true;
            transition(FeedStatus.CONNECTING, "starting (polled)", null);
            try {
                open(handler); // under the lock: a close() meanwhile waits for it, then releases
            } catch (Exception | Error e) {
                endPolled(e);
                if (e instanceof RuntimeException) {
                    throw (RuntimeException) e;
                }
                if (e instanceof Error) {
                    throw (Error) e;
                }
                throw new IllegalStateException("feed " + name + " could not start: " + e, e);
            }
        }
    }

    /**
     * One poll in polled mode, for a subclass that implements {@link PolledFeed#poll} with it:
     * {@link #work} on the calling thread; a failure there fails the feed (error handler, {@code
     * FAILED}) and ends it.
     *
     * @param limit the most messages to take, {@code > 0}
     * @return what {@link #work} returned, or -1 once the feed has ended
     * @throws IllegalStateException if the feed was not started in polled mode
     */
    protected final int pollOnce(int limit) {
        if (!polled) {
            throw new IllegalStateException("feed " + name + " was not started with startPolled");
        }
        if (closing || status.isTerminal()) {
            return -1;
        }
        try {
            return work(limit);
        } catch (Exception | Error e) {
            if (closing) {
                return -1; // closed under it
            }
            endPolled(e);
            return -1;
        }
    }

    /**
     * Adds one to {@link #ticks} with a release store rather than a volatile one (its one writer is
     * the delivering thread; readers still see it in order): a full fence per tick is about as dear
     * as the rest of the count's neighbourhood on a busy feed thread.
     */
    protected final void countTick() {
        TICKS.setRelease(this, ticks + 1);
    }

    /**
     * Polled mode: connects and prepares delivery, on the caller's thread. Feeds that support
     * polled mode override it with {@link #work} and {@link #shut}; by default unsupported.
     *
     * @param handler receives the ticks inside {@link #work}
     * @throws Exception when the feed cannot start
     */
    protected void open(TickHandler handler) throws Exception {
        throw new UnsupportedOperationException("feed " + name + " cannot be polled");
    }

    /**
     * Polled mode: delivers what has arrived, at most {@code limit} messages; never waits for one.
     *
     * @param limit the most messages to take
     * @return the messages taken, 0 when none had arrived
     * @throws Exception a failure of the feed
     */
    protected int work(int limit) throws Exception {
        throw new UnsupportedOperationException("feed " + name + " cannot be polled");
    }

    /** Polled mode: disconnects and releases what {@link #open} took. Called once. */
    protected void shut() {}

    /** Ends polled mode once: releases, reports, and ends with the failure if there is one. */
    private void endPolled(Throwable failure) {
        if (!shut.compareAndSet(false, true)) {
            return;
        }
        try {
            shut();
        } catch (RuntimeException e) {
            config.errorHandler().onError(e);
        }
        if (failure != null) {
            config.errorHandler().onError(failure);
            transition(FeedStatus.FAILED, String.valueOf(failure.getMessage()), failure);
        } else {
            transition(FeedStatus.CLOSED, "closed", null);
        }
        terminated.countDown();
    }

    private void run(TickHandler handler) {
        try {
            deliver(handler);
            if (!closing) {
                transition(FeedStatus.COMPLETED, "delivered " + ticks + " ticks", null);
            }
        } catch (Exception | Error e) {
            if (!closing) {
                config.errorHandler().onError(e);
                transition(FeedStatus.FAILED, String.valueOf(e.getMessage()), e);
            }
        } finally {
            if (closing && !status.isTerminal()) {
                transition(FeedStatus.CLOSED, "closed", null);
            }
            terminated.countDown();
        }
    }

    /**
     * Delivers ticks until done or {@link #closing()}. Runs on the feed's thread.
     *
     * @param handler the user's handler
     * @throws Exception to fail the feed; the error handler and a FAILED event receive it
     */
    protected abstract void deliver(TickHandler handler) throws Exception;

    /** Tells listeners the feed is delivering. */
    protected final void running() {
        transition(FeedStatus.RUNNING, "delivering", null);
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closing
     */
    protected final boolean closing() {
        return closing;
    }

    /**
     * Waits until a tick's place in recorded time: the first call fixes the origin, later calls
     * park until the clock has moved by {@code (eventTime - firstEventTime) / speed}. Returns at
     * once for an infinite speed or when closing.
     *
     * @param eventTimeNanos the tick's event time
     * @param speed the replay factor; {@code Double.POSITIVE_INFINITY} for full speed
     */
    protected final void pace(long eventTimeNanos, double speed) {
        if (speed == Double.POSITIVE_INFINITY) {
            return;
        }
        if (firstEvent == Long.MIN_VALUE) {
            firstEvent = eventTimeNanos;
            startClock = config.clock().epochNanos();
        }
        long target = startClock + (long) ((eventTimeNanos - firstEvent) / speed);
        long now;
        while (!closing && (now = config.clock().epochNanos()) < target) {
            LockSupport.parkNanos(Math.min(target - now, MAX_PARK_NANOS));
        }
    }

    /**
     * Plays a cursor through the handler, paced at {@code speed}, until it ends (or, with {@code
     * follow}, until {@link #closing()}: at the end it waits for new records, parking 1 ms between
     * looks), counting the ticks. For feeds that replay a store. Runs on the feed's thread.
     *
     * @param cursor the cursor, open
     * @param handler the user's handler
     * @param speed the replay factor ({@link #speed})
     * @param follow whether to wait for new records at the end
     */
    protected final void play(
            org.quantstream.core.store.TickCursor cursor,
            TickHandler handler,
            double speed,
            boolean follow) {
        org.quantstream.core.tick.MutableTick tick = new org.quantstream.core.tick.MutableTick();
        while (!closing) {
            if (cursor.next(tick)) {
                pace(tick.eventTimeNanos(), speed);
                if (closing) {
                    break;
                }
                handler.onTick(tick);
                ticks++;
            } else if (follow) {
                LockSupport.parkNanos(1_000_000L);
            } else {
                break;
            }
        }
    }

    /**
     * Parses the common {@code speed} option: {@code max} (the default) or a finite factor &gt; 0.
     *
     * @param config the configuration
     * @return the factor, infinite for max
     * @throws IllegalArgumentException naming the option and the value
     */
    public static double speed(FeedConfig config) {
        String text = config.get("speed", "max").strip();
        if (text.equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        double s = config.getDouble("speed", 0);
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException(
                    "feed option 'speed' must be max or a finite number > 0, was \"" + text + '"');
        }
        return s;
    }

    private synchronized void transition(FeedStatus next, String message, Throwable cause) {
        if (status.isTerminal()) {
            return;
        }
        status = next;
        try {
            config.listener()
                    .onEvent(
                            new FeedEvent(config.clock().epochNanos(), name, next, message, cause));
        } catch (RuntimeException e) {
            config.errorHandler().onError(e);
        }
    }

    @Override
    public final FeedStatus status() {
        return status;
    }

    @Override
    public FeedStats stats() {
        return new FeedStats(ticks, skipped, malformed, 0, 0, 0, 0, Map.of());
    }

    @Override
    public final boolean awaitTermination(Duration timeout) throws InterruptedException {
        if (status == FeedStatus.NEW) {
            return false;
        }
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public final void close() {
        Thread t;
        boolean polledMode;
        synchronized (this) { // after a polled start's open, which holds the lock
            closing = true;
            t = thread;
            polledMode = polled;
            if (t == null && !polledMode) {
                transition(FeedStatus.CLOSED, "closed before start", null);
                terminated.countDown();
                return;
            }
        }
        if (polledMode) {
            endPolled(null); // released here, whichever thread polls
            return;
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
