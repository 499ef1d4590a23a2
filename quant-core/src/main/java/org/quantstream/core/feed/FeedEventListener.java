package org.quantstream.core.feed;

/**
 * Receives a feed's {@link FeedEvent}s. Called on the feed's own thread; must not block and must
 * not throw.
 */
@FunctionalInterface
public interface FeedEventListener {
    /** A listener that ignores every event. */
    FeedEventListener NONE = event -> {};

    /**
     * Handles an event.
     *
     * @param event what happened
     */
    void onEvent(FeedEvent event);
}
