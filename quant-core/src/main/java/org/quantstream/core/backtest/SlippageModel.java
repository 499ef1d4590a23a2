package org.quantstream.core.backtest;

import org.quantstream.core.util.Args;

/**
 * The price a market order fills at, given the reference price (a bar's close): always against the
 * order. Implementations are immutable and allocate nothing.
 */
@FunctionalInterface
public interface SlippageModel {
    /**
     * The fill price of an order.
     *
     * @param leg the leg traded
     * @param price the reference price
     * @param quantity the order's signed quantity (buy &gt; 0; 0 gives the price unchanged)
     * @return the fill price
     */
    double fillPrice(Leg leg, double price, double quantity);

    /**
     * No slippage: fills at the reference price.
     *
     * @return the model
     */
    static SlippageModel none() {
        return (leg, price, q) -> price;
    }

    /**
     * A fixed adverse move: a buy fills at {@code price·(1 + bps/1e4)}, a sell at {@code price·(1 -
     * bps/1e4)}, each evaluated in doubles as written (SPEC §13).
     *
     * @param bps basis points, {@code >= 0}
     * @return the model
     */
    static SlippageModel bps(double bps) {
        if (!(Args.finite(bps, "bps") >= 0)) {
            throw new IllegalArgumentException("bps must be >= 0, was " + bps);
        }
        double up = 1 + bps / 1e4;
        double down = 1 - bps / 1e4;
        return (leg, price, q) -> q > 0 ? price * up : q < 0 ? price * down : price;
    }
}
