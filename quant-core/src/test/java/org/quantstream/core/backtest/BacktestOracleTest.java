package org.quantstream.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.testkit.Oracle;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Symbol;

/**
 * SPEC §13 against the reference ({@code g_pair_backtest.json}, three public cases): every trade
 * row, the equity, return and position paths and every metric, once fed the reference's own signals
 * and once end to end from the real tapes through the public {@code Pipeline}.
 */
class BacktestOracleTest {
    private static final double REL = 1e-9;
    private static final long MS = 1_000_000L;

    private static JsonNode doc() {
        return Oracle.load("g_pair_backtest");
    }

    private static JsonNode backtest(String name) {
        for (JsonNode b : doc().path("backtests")) {
            if (b.path("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError("no case " + name);
    }

    /** The case's parameters as a backtester. */
    static Backtester.Builder configured(JsonNode p) {
        MeanReversionStrategy s =
                new MeanReversionStrategy(
                        p.path("entry").asDouble(),
                        p.path("exit").asDouble(),
                        Oracle.num(p.path("stop")),
                        p.path("max_hold").asInt(),
                        p.path("notional").asDouble());
        return Backtester.builder()
                .strategy(s)
                .fill(FillMode.valueOf(p.path("fill").asText().toUpperCase(java.util.Locale.ROOT)))
                .fees(FeeModel.bps(p.path("fee_bps").asDouble()))
                .slippage(SlippageModel.bps(p.path("slippage_bps").asDouble()))
                .capital(p.path("capital").asDouble())
                .timeframe(Timeframe.ofSeconds(p.path("timeframe_seconds").asLong()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base_next_fill_costs", "costless_close_fill", "stop3_maxhold60"})
    void shouldReproduceTheReferenceFromItsOwnSignals(String name) {
        JsonNode c = backtest(name);
        JsonNode in = doc().path("inputs");
        JsonNode sig = doc().path("signals").path(c.path("signal").asText());
        Backtester bt = configured(c.path("params")).build();
        for (int i = 0; i < in.path("n").asInt(); i++) {
            bt.onAligned(
                    in.path("time_ms").get(i).asLong() * MS,
                    in.path("a_close").get(i).asDouble(),
                    in.path("b_close").get(i).asDouble(),
                    Oracle.num(sig.path("beta").get(i)),
                    Oracle.num(sig.path("z").get(i)));
        }
        check(c, bt.finish(), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base_next_fill_costs", "costless_close_fill", "stop3_maxhold60"})
    void shouldReproduceTheReferenceFromTheTapesThroughThePipeline(String name) {
        JsonNode c = backtest(name);
        JsonNode p = c.path("params");
        Backtester bt = configured(p).pair("BTCUSDT/ETHUSDT").build();
        Symbol a = Symbol.of("BTCUSDT");
        Symbol b = Symbol.of("ETHUSDT");
        Pipeline pipeline =
                Pipeline.builder()
                        .source(
                                TickSource.files(
                                        List.of(
                                                TestData.file(TestData.BTC_2024_08_08),
                                                TestData.file(TestData.ETH_2024_08_08)),
                                        ReadOptions.defaults()))
                        .symbols(a, b)
                        .timeframes(Timeframe.ofSeconds(1))
                        .pair(
                                a,
                                b,
                                pb ->
                                        pb.hedge(new RollingOls(p.path("hedge_window").asInt()))
                                                .logPrices(true)
                                                .zWindow(p.path("z_window").asInt()))
                        .onPair(bt)
                        .build();
        pipeline.run();
        check(c, bt.finish(), REL);
    }

    /** Every trade row, path and metric of the case, numbers to {@code rel} relative. */
    static void check(JsonNode c, BacktestResult r, double rel) {
        JsonNode trades = c.path("trades");
        assertThat(r.trades()).hasSize(trades.size());
        for (int k = 0; k < trades.size(); k++) {
            JsonNode e = trades.get(k);
            Trade t = r.trades().get(k);
            String at = "trade " + (k + 1);
            assertThat(t.trade()).isEqualTo(e.path("trade").asInt());
            assertThat(t.side().name()).as(at).isEqualTo(e.path("side").asText());
            assertThat(t.entryTimeNanos()).as(at).isEqualTo(e.path("entry_time").asLong() * MS);
            assertThat(t.exitTimeNanos()).as(at).isEqualTo(e.path("exit_time").asLong() * MS);
            assertThat(t.barsHeld()).as(at).isEqualTo(e.path("bars_held").asInt());
            assertThat(t.reason().name()).as(at).isEqualTo(e.path("reason").asText());
            close(at + " entry_z", t.entryZ(), e.path("entry_z"), rel);
            close(at + " exit_z", t.exitZ(), e.path("exit_z"), rel);
            close(at + " beta", t.beta(), e.path("beta"), rel);
            close(at + " qty_a", t.qtyA(), e.path("qty_a"), rel);
            close(at + " qty_b", t.qtyB(), e.path("qty_b"), rel);
            close(at + " entry_price_a", t.entryPriceA(), e.path("entry_price_a"), rel);
            close(at + " entry_price_b", t.entryPriceB(), e.path("entry_price_b"), rel);
            close(at + " exit_price_a", t.exitPriceA(), e.path("exit_price_a"), rel);
            close(at + " exit_price_b", t.exitPriceB(), e.path("exit_price_b"), rel);
            close(at + " fees", t.fees(), e.path("fees"), rel);
            close(at + " gross_pnl", t.grossPnl(), e.path("gross_pnl"), rel);
            close(at + " net_pnl", t.netPnl(), e.path("net_pnl"), rel);
            close(at + " return", t.returnOnNotional(), e.path("return"), rel);
        }
        JsonNode eq = c.path("equity");
        double[] equity = r.equity();
        double[] returns = r.returns();
        int[] position = r.positions();
        assertThat(equity).hasSize(eq.size());
        for (int i = 0; i < eq.size(); i++) {
            close("equity " + i, equity[i], eq.get(i), rel);
            // returns are differences of equity: relative to the capital's scale
            assertThat(Math.abs(returns[i] - c.path("returns").get(i).asDouble()))
                    .as("return %d", i)
                    .isLessThanOrEqualTo(rel * 1e-3);
            assertThat(position[i])
                    .as("position %d", i)
                    .isEqualTo(c.path("position").get(i).asInt());
        }
        JsonNode m = c.path("metrics");
        BacktestMetrics x = r.metrics();
        assertThat(x.trades()).isEqualTo(m.path("trades").asInt());
        assertThat(x.wins()).isEqualTo(m.path("wins").asInt());
        assertThat(x.longTrades()).isEqualTo(m.path("long_trades").asInt());
        assertThat(x.shortTrades()).isEqualTo(m.path("short_trades").asInt());
        assertThat(x.alignedTimes()).isEqualTo(m.path("n_aligned").asInt());
        close("win_rate", x.winRate(), m.path("win_rate"), rel);
        close("total_net_pnl", x.totalNetPnl(), m.path("total_net_pnl"), rel);
        close("total_fees", x.totalFees(), m.path("total_fees"), rel);
        close("gross_profit", x.grossProfit(), m.path("gross_profit"), rel);
        close("gross_loss", x.grossLoss(), m.path("gross_loss"), rel);
        close("profit_factor", x.profitFactor(), m.path("profit_factor"), rel);
        close("avg_trade", x.avgTrade(), m.path("avg_trade"), rel);
        close("avg_bars_held", x.avgBarsHeld(), m.path("avg_bars_held"), rel);
        close("exposure", x.exposure(), m.path("exposure"), rel);
        close("final_equity", x.finalEquity(), m.path("final_equity"), rel);
        close("total_return", x.totalReturn(), m.path("total_return"), rel);
        close("max_drawdown", x.maxDrawdown(), m.path("max_drawdown"), rel * 1e3);
        close("max_drawdown_value", x.maxDrawdownValue(), m.path("max_drawdown_value"), rel * 1e3);
        close("sharpe", x.sharpe(), m.path("sharpe"), rel);
        close("sortino", x.sortino(), m.path("sortino"), rel);
        close("annualized_return", x.annualizedReturn(), m.path("annualized_return"), rel);
        close("calmar", x.calmar(), m.path("calmar"), rel * 1e3);
        close("periods_per_year", x.periodsPerYear(), m.path("periods_per_year"), 0);
        double[] dd = r.drawdown();
        double worst = 0;
        for (double d : dd) {
            worst = Math.max(worst, d);
        }
        assertThat(worst).isEqualTo(x.maxDrawdown());
    }

    private static void close(String what, double actual, JsonNode expected, double rel) {
        double e = Oracle.num(expected);
        if (Double.isNaN(e) || Double.isInfinite(e)) {
            assertThat(actual).as(what).isEqualTo(e);
            return;
        }
        assertThat(Math.abs(actual - e))
                .as("%s: %s against %s", what, actual, e)
                .isLessThanOrEqualTo(rel * Math.max(Math.abs(e), 1e-300));
    }

    static List<Double> list(JsonNode n) {
        List<Double> out = new ArrayList<>();
        n.forEach(x -> out.add(Oracle.num(x)));
        return out;
    }
}
