package org.quantstream.core.feed;

/** The life cycle of a {@link DataFeed}. */
public enum FeedStatus {
    /** Created, not started. */
    NEW,
    /** Started, establishing its first connection or opening its inputs. */
    CONNECTING,
    /** Delivering ticks. */
    RUNNING,
    /** Lost its connection and trying again; no ticks until {@link #RUNNING}. */
    RECONNECTING,
    /** A finite source (file, store range) delivered everything; terminal. */
    COMPLETED,
    /** Stopped by an unrecoverable error, reported to the error handler; terminal. */
    FAILED,
    /** Closed by the user; terminal. */
    CLOSED;

    /**
     * Whether the feed will deliver no more ticks.
     *
     * @return true for {@link #COMPLETED}, {@link #FAILED} and {@link #CLOSED}
     */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CLOSED;
    }
}
