package org.quantstream.core.backtest;

import org.quantstream.core.util.Args;

/**
 * What one fill costs in fees, in quote currency. Every fill of the {@link Backtester} is a market
 * order at a bar's close, so the taker rate is the one that applies. Implementations are immutable
 * and allocate nothing.
 */
@FunctionalInterface
public interface FeeModel {
    /**
     * The fee of one fill.
     *
     * @param leg the leg filled
     * @param quantity the signed quantity (buy &gt; 0)
     * @param fillPrice the fill price, slippage included
     * @return the fee, {@code >= 0}
     */
    double fee(Leg leg, double quantity, double fillPrice);

    /**
     * No fees.
     *
     * @return the model
     */
    static FeeModel none() {
        return (leg, q, p) -> 0.0;
    }

    /**
     * {@code bps/1e4 · |quantity| · fillPrice} on every fill of both legs (SPEC §13).
     *
     * @param bps basis points of the traded notional, {@code >= 0}
     * @return the model
     */
    static FeeModel bps(double bps) {
        return perLeg(bps, bps);
    }

    /**
     * Basis points per leg, for legs on different fee tiers or venues.
     *
     * @param bpsA leg A's rate, {@code >= 0}
     * @param bpsB leg B's rate, {@code >= 0}
     * @return the model
     */
    static FeeModel perLeg(double bpsA, double bpsB) {
        double ra = rate(bpsA, "bpsA");
        double rb = rate(bpsB, "bpsB");
        return (leg, q, p) -> (leg == Leg.A ? ra : rb) * Math.abs(q) * p;
    }

    private static double rate(double bps, String name) {
        if (!(Args.finite(bps, name) >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + bps);
        }
        return bps / 1e4;
    }
}
