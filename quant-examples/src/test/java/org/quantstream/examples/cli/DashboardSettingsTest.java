package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.tick.Symbol;

/** The dashboard's controls: a request changes the fields it names; a bad one changes nothing. */
class DashboardSettingsTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final Symbol ETH = Symbol.of("ETHUSDT");
    private static final Symbol SOL = Symbol.of("SOLUSDT");
    private static final List<Symbol> ALL = List.of(BTC, ETH, SOL);

    @Test
    void shouldChangeOnlyTheFieldsGiven() {
        DashboardSettings d = DashboardSettings.defaults(BTC, ETH, ALL);
        assertThat(d.window()).isEqualTo(20);
        assertThat(d.shown()).isEqualTo(ALL);
        assertThat(d.timeframe()).isEqualTo(Timeframe.parse("1s"));
        DashboardSettings n =
                d.update(
                        "{\"symbolB\":\"SOLUSDT\",\"timeframe\":\"5m\",\"window\":500,"
                                + "\"hedge\":\"kalman\",\"delta\":1e-5,\"ve\":0.01,\"entry\":1.5,"
                                + "\"exit\":0.25,\"symbols\":[\"SOLUSDT\",\"BTCUSDT\"]}",
                        ALL);
        assertThat(n)
                .isEqualTo(
                        new DashboardSettings(
                                BTC,
                                SOL,
                                Timeframe.parse("5m"),
                                500,
                                HedgeMethod.kalman,
                                120,
                                1e-5,
                                0.01,
                                1.5,
                                0.25,
                                List.of(BTC, SOL)));
        assertThat(d.update("", ALL)).isEqualTo(d);
        assertThat(n.pair()).isEqualTo("BTCUSDT/SOLUSDT");
    }

    @Test
    void shouldNameTheFieldAndCauseOfABadRequest() {
        DashboardSettings d = DashboardSettings.defaults(BTC, ETH, ALL);
        String[][] bad = {
            {
                "{\"symbols\":[\"BTCUSDT\"]}",
                "symbols: the pair's legs BTCUSDT and ETHUSDT must be among"
            },
            {"{\"symbols\":[]}", "symbols: expected a list of the collected symbols"},
            {
                "{\"symbols\":[\"BTCUSDT\",\"ETHUSDT\",\"XYZUSDT\"]}",
                "symbols: XYZUSDT is not collected"
            },
            {"{\"window\":4}", "window: expected a whole number in [5, 500], was 4.0"},
            {"{\"window\":20.5}", "window: expected a whole number in [5, 500], was 20.5"},
            {"{\"window\":\"20\"}", "window: expected a number, was \"20\""},
            {"{\"timeframe\":\"500ms\"}", "timeframe: timeframe must be a whole number of seconds"},
            {"{\"hedge\":\"lasso\"}", "hedge: unknown hedge method \"lasso\""},
            {"{\"symbolA\":\"DOGEUSDT\"}", "symbolA: DOGEUSDT is not collected"},
            {"{\"symbolB\":\"BTCUSDT\"}", "symbolB: a pair needs two symbols"},
            {"{\"entry\":0}", "entry: must be > 0, was 0.0"},
            {"{\"exit\":2}", "exit: must be >= 0 and below the entry 2.0, was 2.0"},
            {"{\"delta\":-1}", "delta: must be > 0, was -1.0"},
            {"{\"windw\":20}", "windw: unknown field"},
            {"[1]", "the request must be a JSON object"},
        };
        for (String[] c : bad) {
            assertThatThrownBy(() -> d.update(c[0], ALL))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(c[1]);
        }
    }
}
