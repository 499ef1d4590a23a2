package org.quantstream.core.tick;

/** The aggressor (taker) side of a trade. */
public enum Side {
    /** The buyer took liquidity (Binance {@code m = false}: the buyer was not the maker). */
    BUY,
    /** The seller took liquidity (Binance {@code m = true}: the buyer was the maker). */
    SELL,
    /** Not known from the source. */
    UNKNOWN;

    /**
     * The aggressor side from Binance's "buyer is maker" flag.
     *
     * @param buyerIsMaker Binance's {@code m} / {@code is_buyer_maker}
     * @return {@link #SELL} if the buyer was the maker, else {@link #BUY}
     */
    public static Side fromBuyerIsMaker(boolean buyerIsMaker) {
        return buyerIsMaker ? SELL : BUY;
    }
}
