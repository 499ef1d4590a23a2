package org.quantstream.core.feed;

import java.time.Duration;
import org.quantstream.core.tick.TickHandler;

/**
 * A source of live or recorded ticks: Binance over WebSocket, a file, a store played back. Created
 * by a {@link DataFeedProvider}, usually through {@link DataFeeds#open(String, FeedConfig)}.
 *
 * <p>A feed delivers ticks on a thread of its own, never the caller's; each implementation names
 * it. (A {@link PolledFeed} started with {@link PolledFeed#startPolled} instead delivers on the
 * thread that polls it.) The handler is never called from two threads at once. Expected conditions
 * (a malformed message, a duplicate, a gap) are counted in {@link #stats()}, never thrown to the
 * handler; asynchronous failures go to the configured error handler and a {@link FeedEvent}.
 * Methods of this interface are thread-safe.
 */
public interface DataFeed extends AutoCloseable {
    /**
     * The feed's name, as in its events and logs.
     *
     * @return the name, such as {@code "file"} or {@code "binance-usdm"}
     */
    String name();

    /**
     * Starts delivering ticks to the handler. Returns at once; delivery happens on the feed's
     * thread.
     *
     * @param handler receives every tick; its view is valid only during the call
     * @throws IllegalStateException if the feed was already started or closed
     */
    void start(TickHandler handler);

    /**
     * The current status.
     *
     * @return the status; never null
     */
    FeedStatus status();

    /**
     * A snapshot of the counters.
     *
     * @return counters at the time of the call
     */
    FeedStats stats();

    /**
     * Waits until the feed reaches a terminal status ({@link FeedStatus#isTerminal()}).
     *
     * @param timeout how long to wait at most
     * @return true if the feed is in a terminal status, false if the time ran out
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /**
     * Stops delivery and releases threads, sockets and files. Idempotent; after it returns the
     * handler is not called again and no thread of the feed is left running.
     */
    @Override
    void close();
}
