package org.quantstream.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quantstream.core.testkit.Oracle;

/** Stitching consecutive backtests (walk-forward test windows) into one result. */
class BacktestResultTest {
    private static final long MS = 1_000_000L;

    /** The oracle's base case from its own signals, over rows {@code [from, to)}. */
    private static BacktestResult run(int from, int to, double capital) {
        JsonNode doc = Oracle.load("g_pair_backtest");
        JsonNode in = doc.path("inputs");
        JsonNode sig = doc.path("signals").path("hedge120_z60");
        Backtester bt =
                Backtester.builder()
                        .fees(FeeModel.bps(4))
                        .slippage(SlippageModel.bps(1))
                        .capital(capital)
                        .build();
        for (int i = from; i < to; i++) {
            bt.onAligned(
                    in.path("time_ms").get(i).asLong() * MS,
                    in.path("a_close").get(i).asDouble(),
                    in.path("b_close").get(i).asDouble(),
                    Oracle.num(sig.path("beta").get(i)),
                    Oracle.num(sig.path("z").get(i)));
        }
        return bt.finish();
    }

    @Test
    void shouldLeaveASinglePartAsItWas() {
        BacktestResult r = run(0, 343, 20_000);
        BacktestResult s = BacktestResult.stitch(20_000, List.of(r));
        assertThat(s.trades()).isEqualTo(r.trades());
        assertThat(s.times()).isEqualTo(r.times());
        assertThat(s.positions()).isEqualTo(r.positions());
        double[] a = s.equity();
        double[] b = r.equity();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-9));
        }
        assertThat(s.metrics().totalNetPnl()).isEqualTo(r.metrics().totalNetPnl());
        assertThat(s.metrics().sharpe()).isCloseTo(r.metrics().sharpe(), within(1e-6));
        assertThat(s.metrics().maxDrawdown()).isCloseTo(r.metrics().maxDrawdown(), within(1e-12));
    }

    @Test
    void shouldCarryTheProfitOfEachPartIntoTheNext() {
        BacktestResult first = run(0, 250, 20_000);
        BacktestResult second = run(250, 343, 1_000); // its own capital: only its P&L counts
        BacktestResult s = BacktestResult.stitch(20_000, List.of(first, second));
        assertThat(s.trades()).hasSize(first.trades().size() + second.trades().size());
        for (int k = 0; k < s.trades().size(); k++) {
            assertThat(s.trades().get(k).trade()).isEqualTo(k + 1);
        }
        assertThat(s.times()).hasSize(343);
        double pnl = first.metrics().totalNetPnl() + second.metrics().totalNetPnl();
        assertThat(s.metrics().finalEquity()).isCloseTo(20_000 + pnl, within(1e-9));
        assertThat(s.metrics().totalNetPnl()).isCloseTo(pnl, within(1e-9));
        assertThat(s.equity()[250])
                .isCloseTo(
                        first.metrics().finalEquity() + second.equity()[0] - 1_000, within(1e-9));
        assertThatThrownBy(() -> BacktestResult.stitch(20_000, List.of(second, first)))
                .hasMessageStartingWith("parts must follow each other in time");
        assertThatThrownBy(() -> BacktestResult.stitch(20_000, List.of()))
                .hasMessage("nothing to stitch: no part");
    }
}
