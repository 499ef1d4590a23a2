package org.quantstream.core.feed;

import org.quantstream.core.tick.TickHandler;

/**
 * A {@link DataFeed} whose delivery can also run on the caller's thread, with no thread of the
 * feed's own between its network thread and the caller: {@link #startPolled} connects, and each
 * {@link #poll} hands what has arrived to the handler, on the calling thread. A {@link
 * org.quantstream.core.pipeline.Pipeline} polls such a feed on its own thread ({@link
 * org.quantstream.core.pipeline.TickSource#polled}): one hand-over and one thread fewer per tick
 * than a feed thread feeding the pipeline through a ring, which on a machine with few cores is the
 * difference between a tick waiting for a scheduler slice and not.
 *
 * <p>Either {@link #start} or {@link #startPolled}, once. In polled mode everything a feed does on
 * its delivery thread (removing duplicates, backfilling gaps, which may block on the network for a
 * while) runs inside {@link #poll}. {@link #poll} is called by one thread at a time; the other
 * methods are thread-safe as {@link DataFeed} says, and {@link #close()} may come from any thread.
 */
public interface PolledFeed extends DataFeed {
    /**
     * Starts the feed without a delivery thread: connects (the network I/O runs on the feed's own
     * I/O threads as usual) and returns; ticks reach {@code handler} only inside {@link #poll}. May
     * block while connecting (for instance to read the exchange's clock).
     *
     * @param handler receives every tick, on the thread calling {@link #poll}; its view is valid
     *     only during the call
     * @throws IllegalStateException if the feed was already started or closed
     */
    void startPolled(TickHandler handler);

    /**
     * Delivers, on the calling thread, what has arrived since the last call: at most {@code limit}
     * messages taken from the feed's queue, plus whatever recovering a gap among them brings. Never
     * waits for a message to arrive; allocation-free in steady state.
     *
     * @param limit the most messages to take, {@code > 0}
     * @return the messages taken (0 when none had arrived), or -1 once the feed has ended (closed
     *     or failed)
     * @throws IllegalStateException if the feed was not started with {@link #startPolled}
     */
    int poll(int limit);
}
