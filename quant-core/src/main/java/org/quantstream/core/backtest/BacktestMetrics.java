package org.quantstream.core.backtest;

/**
 * Every metric of SPEC §13 for one backtest. Ratios without a defined value are NaN (no trade: win
 * rate, average trade; no loss: profit factor is infinite). Returns are per aligned time,
 * annualised with {@code periodsPerYear} and a risk-free rate of 0. Immutable.
 *
 * @param trades round trips
 * @param wins trades with {@code netPnl > 0}
 * @param winRate {@code wins / trades}
 * @param totalNetPnl {@code Σ netPnl}
 * @param totalFees {@code Σ fees}
 * @param grossProfit {@code Σ} of the positive net P&amp;Ls
 * @param grossLoss {@code Σ} of the negative net P&amp;Ls ({@code <= 0})
 * @param profitFactor {@code grossProfit / -grossLoss}
 * @param avgTrade {@code totalNetPnl / trades}
 * @param avgBarsHeld mean bars held
 * @param exposure fraction of aligned times with a position held at the close
 * @param finalEquity equity after the last time ({@code capital + totalNetPnl})
 * @param totalReturn {@code finalEquity / capital - 1}
 * @param maxDrawdown {@code max (peak - V) / peak}, a fraction, the peak including the capital
 * @param maxDrawdownValue {@code max (peak - V)} in quote currency (maximised on its own)
 * @param sharpe {@code mean(r) / std(r, ddof 1) · sqrt(periodsPerYear)}
 * @param sortino {@code mean(r) / sqrt(mean(min(r, 0)²)) · sqrt(periodsPerYear)}
 * @param calmar {@code annualizedReturn / maxDrawdown}
 * @param annualizedReturn {@code (finalEquity / capital)^(periodsPerYear / n) - 1}
 * @param longTrades long round trips
 * @param shortTrades short round trips
 * @param alignedTimes {@code n}, the aligned times seen
 * @param periodsPerYear aligned times a year ({@code 365·86400 / timeframe seconds})
 */
public record BacktestMetrics(
        int trades,
        int wins,
        double winRate,
        double totalNetPnl,
        double totalFees,
        double grossProfit,
        double grossLoss,
        double profitFactor,
        double avgTrade,
        double avgBarsHeld,
        double exposure,
        double finalEquity,
        double totalReturn,
        double maxDrawdown,
        double maxDrawdownValue,
        double sharpe,
        double sortino,
        double calmar,
        double annualizedReturn,
        int longTrades,
        int shortTrades,
        int alignedTimes,
        double periodsPerYear) {

    /**
     * Computes the metrics (SPEC §13, with the conventions of its reference implementation).
     *
     * @param trades the round trips in time order
     * @param path the path statistics of every aligned time
     * @param lastPnl {@code V - capital} at the last time, as accumulated (realized plus open)
     * @param periodsPerYear aligned times a year
     * @return the metrics
     */
    static BacktestMetrics of(
            java.util.List<Trade> trades, PathStats path, double lastPnl, double periodsPerYear) {
        int k = trades.size();
        int wins = 0;
        int longs = 0;
        double totalNet = 0;
        double fees = 0;
        double profit = 0;
        double loss = 0;
        double bars = 0;
        for (Trade t : trades) {
            double net = t.netPnl();
            totalNet += net;
            fees += t.fees();
            bars += t.barsHeld();
            if (net > 0) {
                wins++;
                profit += net;
            } else if (net < 0) {
                loss += net;
            }
            if (t.side() == PositionSide.LONG) {
                longs++;
            }
        }
        double pf = k == 0 ? Double.NaN : loss == 0 ? Double.POSITIVE_INFINITY : profit / -loss;
        int n = path.count();
        double capital = path.capital();
        double mean = path.mean();
        double sqrtP = Math.sqrt(periodsPerYear);
        double totalReturn = lastPnl / capital;
        double ann = Math.expm1(periodsPerYear / n * Math.log1p(totalReturn));
        double mdd = path.maxDrawdown();
        return new BacktestMetrics(
                k,
                wins,
                k == 0 ? Double.NaN : (double) wins / k,
                totalNet,
                fees,
                profit,
                loss,
                pf,
                k == 0 ? Double.NaN : totalNet / k,
                k == 0 ? Double.NaN : bars / k,
                n == 0 ? Double.NaN : (double) path.held() / n,
                path.lastEquity(),
                totalReturn,
                mdd,
                path.maxDrawdownValue(),
                mean / path.std() * sqrtP,
                mean / path.downside() * sqrtP,
                ann / mdd,
                ann,
                longs,
                k - longs,
                n,
                periodsPerYear);
    }
}
