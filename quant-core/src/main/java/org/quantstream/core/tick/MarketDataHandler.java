package org.quantstream.core.tick;

import org.quantstream.core.util.Args;

/**
 * A handler of both trades and quotes: pass one to {@link org.quantstream.core.feed.DataFeed#start}
 * to receive a feed's quotes as well as its trades, on one thread, in the order the feed took them.
 * A feed without quotes only calls {@link #onTick}.
 */
public interface MarketDataHandler extends TickHandler, QuoteHandler {
    /**
     * Combines two handlers.
     *
     * @param ticks receives the trades
     * @param quotes receives the quotes
     * @return a handler that forwards each kind to its own handler
     */
    static MarketDataHandler of(TickHandler ticks, QuoteHandler quotes) {
        Args.notNull(ticks, "ticks");
        Args.notNull(quotes, "quotes");
        return new MarketDataHandler() {
            @Override
            public void onTick(TickView tick) {
                ticks.onTick(tick);
            }

            @Override
            public void onQuote(QuoteView quote) {
                quotes.onQuote(quote);
            }
        };
    }
}
