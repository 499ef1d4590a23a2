package org.quantstream.core.backtest;

/**
 * One leg's fill. Immutable.
 *
 * @param timeNanos open time of the bar whose close it filled at, epoch ns
 * @param leg the leg
 * @param quantity signed quantity (buy &gt; 0)
 * @param price fill price, slippage included
 * @param fee the fee paid
 * @param entry whether it opened a position (false: it closed one)
 * @param trade the number of the round trip it belongs to
 */
public record Fill(
        long timeNanos,
        Leg leg,
        double quantity,
        double price,
        double fee,
        boolean entry,
        int trade) {}
