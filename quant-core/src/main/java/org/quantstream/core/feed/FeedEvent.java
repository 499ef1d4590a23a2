package org.quantstream.core.feed;

/**
 * A change in a feed's life: a status transition, with the reason.
 *
 * @param timeNanos when it happened, epoch ns from the feed's clock
 * @param feed the feed's name
 * @param status the status entered
 * @param message what happened, for people
 * @param cause the failure behind it, or null
 */
public record FeedEvent(
        long timeNanos, String feed, FeedStatus status, String message, Throwable cause) {}
