package org.quantstream.core.tick;

/**
 * Receives top-of-book quotes pushed by a feed.
 *
 * <p>A feed that can deliver quotes does so to a handler passed to {@link
 * org.quantstream.core.feed.DataFeed#start} that also implements this interface (see {@link
 * MarketDataHandler}); it calls {@link #onQuote} on the same thread as {@link TickHandler#onTick},
 * never both at once. The view is valid only during the call.
 */
@FunctionalInterface
public interface QuoteHandler {
    /**
     * Handles one quote.
     *
     * @param quote the best bid and ask; valid only during this call
     */
    void onQuote(QuoteView quote);
}
