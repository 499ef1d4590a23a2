package org.quantstream.core.backtest;

/**
 * One round trip of a pair backtest: every column of SPEC §13's trade log. Times are the open times
 * of the fill bars; {@code entryZ} and {@code exitZ} are the z-scores at the decision times (for
 * END, the last aligned time's). Immutable.
 *
 * @param trade the trade's number, from 1 in time order
 * @param side long or short the spread
 * @param entryTimeNanos open time of the entry fill's bar, epoch ns
 * @param exitTimeNanos open time of the exit fill's bar, epoch ns
 * @param entryZ z-score at the entry decision
 * @param exitZ z-score at the exit decision
 * @param beta the hedge ratio at the entry decision, used for sizing until the exit
 * @param qtyA leg A's signed quantity (buy &gt; 0)
 * @param qtyB leg B's signed quantity
 * @param entryPriceA leg A's entry fill price, slippage included
 * @param entryPriceB leg B's entry fill price
 * @param exitPriceA leg A's exit fill price
 * @param exitPriceB leg B's exit fill price
 * @param fees entry and exit fees of both legs
 * @param grossPnl {@code Σ q·(exit - entry)} over both legs
 * @param netPnl gross P&amp;L less fees
 * @param returnOnNotional {@code netPnl / notional}
 * @param barsHeld aligned times from the entry fill to the exit fill
 * @param reason why it ended
 */
public record Trade(
        int trade,
        PositionSide side,
        long entryTimeNanos,
        long exitTimeNanos,
        double entryZ,
        double exitZ,
        double beta,
        double qtyA,
        double qtyB,
        double entryPriceA,
        double entryPriceB,
        double exitPriceA,
        double exitPriceB,
        double fees,
        double grossPnl,
        double netPnl,
        double returnOnNotional,
        int barsHeld,
        ExitReason reason) {

    /** The trade log's CSV header: SPEC §13's column names in its order. */
    public static final String CSV_HEADER =
            "trade,side,entry_time,exit_time,entry_z,exit_z,beta,qty_a,qty_b,entry_price_a,"
                    + "entry_price_b,exit_price_a,exit_price_b,fees,gross_pnl,net_pnl,return,"
                    + "bars_held,reason";

    /**
     * This trade as a CSV row in {@link #CSV_HEADER}'s order: times in epoch milliseconds, numbers
     * as {@link Double#toString} (shortest exact), no line end.
     *
     * @return the row
     */
    public String toCsv() {
        return trade
                + ","
                + side
                + ","
                + entryTimeNanos / 1_000_000L
                + ","
                + exitTimeNanos / 1_000_000L
                + ","
                + entryZ
                + ","
                + exitZ
                + ","
                + beta
                + ","
                + qtyA
                + ","
                + qtyB
                + ","
                + entryPriceA
                + ","
                + entryPriceB
                + ","
                + exitPriceA
                + ","
                + exitPriceB
                + ","
                + fees
                + ","
                + grossPnl
                + ","
                + netPnl
                + ","
                + returnOnNotional
                + ","
                + barsHeld
                + ","
                + reason;
    }
}
