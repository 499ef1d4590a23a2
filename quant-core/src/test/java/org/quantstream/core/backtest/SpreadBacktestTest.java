package org.quantstream.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.quantstream.core.testkit.Oracle;

/** The seeds' convention (SPEC §10) against {@code f_zscore_backtest.json}. */
class SpreadBacktestTest {
    @Test
    void shouldReproduceTheSeedConventionExactly() {
        JsonNode doc = Oracle.load("f_zscore_backtest");
        double[] spread = array(doc.path("inputs").path("spread"));
        double[] z = array(doc.path("inputs").path("z"));
        SpreadBacktest.Result r = SpreadBacktest.run(spread, z, MeanReversionStrategy.defaults());
        JsonNode e = doc.path("result");
        JsonNode trades = e.path("trades");
        assertThat(r.trades()).hasSize(e.path("n_trades").asInt()).hasSize(75);
        for (int k = 0; k < trades.size(); k++) {
            JsonNode x = trades.get(k);
            SpreadBacktest.SpreadTrade t = r.trades().get(k);
            assertThat(t.side()).as("trade %d", k).isEqualTo(x.path("side").asInt());
            assertThat(t.entryIndex()).as("trade %d", k).isEqualTo(x.path("entry_index").asInt());
            assertThat(t.exitIndex()).as("trade %d", k).isEqualTo(x.path("exit_index").asInt());
            assertThat(t.barsHeld()).isEqualTo(x.path("bars_held").asInt());
            assertThat(t.entryZ()).isEqualTo(x.path("entry_z").asDouble());
            assertThat(t.exitZ()).isEqualTo(x.path("exit_z").asDouble());
            assertThat(t.pnl()).as("trade %d pnl", k).isEqualTo(x.path("pnl").asDouble());
            assertThat(t.forcedAtEnd()).isEqualTo(x.path("forced_exit_at_end").asBoolean());
        }
        assertThat(r.wins()).isEqualTo(e.path("wins").asInt());
        assertThat(r.winRate()).isEqualTo(e.path("win_rate").asDouble());
        assertThat(r.totalPnl())
                .isCloseTo(
                        e.path("total_pnl").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.maxDrawdown()).isEqualTo(e.path("max_drawdown").asDouble());
        double[] eq = array(e.path("equity"));
        double[] pos = array(e.path("position"));
        for (int t = 0; t < eq.length; t++) {
            assertThat(r.equity()[t]).as("equity %d", t).isEqualTo(eq[t]);
            assertThat((double) r.positions()[t]).as("position %d", t).isEqualTo(pos[t]);
        }
    }

    @Test
    void shouldCloseAnOpenPositionAtTheEndAndFlagIt() {
        double[] s = {0, 1, 2, 3};
        double[] z = {Double.NaN, 2.5, 1.0, 0.5};
        SpreadBacktest.Result r = SpreadBacktest.run(s, z, MeanReversionStrategy.defaults());
        assertThat(r.trades()).hasSize(1);
        SpreadBacktest.SpreadTrade t = r.trades().get(0);
        assertThat(t.side()).isEqualTo(-1);
        assertThat(t.forcedAtEnd()).isTrue();
        assertThat(t.reason()).isEqualTo(ExitReason.END);
        assertThat(t.pnl()).isEqualTo(-2.0);
        assertThat(r.equity()).containsExactly(0, 0, -1, -2);
        assertThat(r.positions()).containsExactly(0, -1, -1, 0);
        assertThat(r.maxDrawdown()).isEqualTo(2.0);
    }

    @Test
    void shouldRefuseMismatchedOrBadInput() {
        MeanReversionStrategy s = MeanReversionStrategy.defaults();
        assertThatThrownBy(() -> SpreadBacktest.run(new double[2], new double[3], s))
                .hasMessage("spread and z must have the same length, at least 1: were 2 and 3");
        assertThatThrownBy(() -> SpreadBacktest.run(new double[] {0, Double.NaN}, new double[2], s))
                .hasMessage("spread[1] must be finite, was NaN");
    }

    private static double[] array(JsonNode n) {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Oracle.num(n.get(i));
        }
        return out;
    }
}
