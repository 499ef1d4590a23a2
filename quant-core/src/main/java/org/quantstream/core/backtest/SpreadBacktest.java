package org.quantstream.core.backtest;

import java.util.ArrayList;
import java.util.List;
import org.quantstream.core.util.Args;

/**
 * The seeds' simple convention (SPEC §10), a preset beside the two-leg {@link Backtester}: one unit
 * of the spread itself traded at the spread of the signal bar, no costs, P&amp;L in spread units,
 * the same decision rules (entry, exit, stop, holding limit and STOP block of the {@link
 * MeanReversionStrategy}; its notional is not used). Decisions are taken at every bar, the last
 * included; a position open at the end is closed at the last bar and flagged.
 *
 * <p>Note the exit level's sign: as in SPEC §13, a long exits at {@code z >= -exit} and a short at
 * {@code z <= exit} (§10's reference writes the level with the opposite sign; the two agree at its
 * level 0). Stateless; allocates the result.
 */
public final class SpreadBacktest {
    private SpreadBacktest() {}

    /**
     * One round trip in spread units.
     *
     * @param side +1 long the spread, -1 short
     * @param entryIndex the entry bar
     * @param exitIndex the exit bar
     * @param entryZ z at the entry bar
     * @param exitZ z at the exit bar
     * @param entrySpread the spread at the entry bar
     * @param exitSpread the spread at the exit bar
     * @param pnl {@code side·(exitSpread - entrySpread)}
     * @param forcedAtEnd whether the data ended with it open
     * @param reason why it ended (END when forced)
     */
    public record SpreadTrade(
            int side,
            int entryIndex,
            int exitIndex,
            double entryZ,
            double exitZ,
            double entrySpread,
            double exitSpread,
            double pnl,
            boolean forcedAtEnd,
            ExitReason reason) {
        /**
         * Bars from entry to exit.
         *
         * @return {@code exitIndex - entryIndex}
         */
        public int barsHeld() {
            return exitIndex - entryIndex;
        }
    }

    /**
     * The outcome.
     *
     * @param trades the round trips in time order
     * @param equity equity at each bar, from 0: {@code eq_t = eq_{t-1} + pos_{t-1}·(s_t - s_{t-1})}
     * @param positions the position after each bar's decisions (0 at the last bar)
     * @param wins trades with pnl &gt; 0
     * @param winRate wins / trades (NaN without trades)
     * @param totalPnl Σ pnl
     * @param maxDrawdown {@code max_t (max_{u<=t} eq_u - eq_t)}, spread units
     */
    public record Result(
            List<SpreadTrade> trades,
            double[] equity,
            int[] positions,
            int wins,
            double winRate,
            double totalPnl,
            double maxDrawdown) {}

    /**
     * Runs the rules over a spread and its z-score.
     *
     * @param spread the spread at each bar, finite
     * @param z its z-score at each bar (NaN: no decision at that bar)
     * @param strategy the levels (its notional is not used)
     * @return the result
     * @throws IllegalArgumentException if the lengths differ, the series is empty or a spread is
     *     not finite (naming its index)
     */
    public static Result run(double[] spread, double[] z, MeanReversionStrategy strategy) {
        Args.notNull(strategy, "strategy");
        int n = spread.length;
        if (n == 0 || z.length != n) {
            throw new IllegalArgumentException(
                    "spread and z must have the same length, at least 1: were "
                            + n
                            + " and "
                            + z.length);
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(spread[t])) {
                throw new IllegalArgumentException(
                        "spread[" + t + "] must be finite, was " + spread[t]);
            }
        }
        Decisions d = new Decisions(strategy);
        List<SpreadTrade> trades = new ArrayList<>();
        int[] pos = new int[n];
        int side = 0;
        int entryAt = -1;
        for (int t = 0; t < n; t++) {
            d.decide(t, z[t], t - entryAt);
            if (d.exit != null) {
                trades.add(trade(side, entryAt, t, spread, z, false, d.exit));
                side = 0;
            }
            if (d.entry != 0) {
                side = d.entry;
                entryAt = t;
            }
            pos[t] = side;
        }
        if (side != 0) {
            trades.add(trade(side, entryAt, n - 1, spread, z, true, ExitReason.END));
            pos[n - 1] = 0;
        }
        double[] equity = new double[n];
        double peak = 0;
        double mdd = 0;
        for (int t = 1; t < n; t++) {
            equity[t] = equity[t - 1] + pos[t - 1] * (spread[t] - spread[t - 1]);
            peak = Math.max(peak, equity[t]);
            mdd = Math.max(mdd, peak - equity[t]);
        }
        int wins = 0;
        double total = 0;
        for (SpreadTrade tr : trades) {
            total += tr.pnl();
            if (tr.pnl() > 0) {
                wins++;
            }
        }
        return new Result(
                List.copyOf(trades),
                equity,
                pos,
                wins,
                trades.isEmpty() ? Double.NaN : (double) wins / trades.size(),
                total,
                mdd);
    }

    private static SpreadTrade trade(
            int side, int i, int j, double[] s, double[] z, boolean forced, ExitReason reason) {
        return new SpreadTrade(
                side, i, j, z[i], z[j], s[i], s[j], side * (s[j] - s[i]), forced, reason);
    }
}
