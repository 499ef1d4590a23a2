package org.quantstream.core.bar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

class CountBarAggregatorTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private final MutableTick tick = new MutableTick();
    private final BarCollector bars = new BarCollector();

    @Test
    void shouldCloseEveryNTrades() {
        CountBarAggregator agg = new CountBarAggregator(BTC, new TickBars(3), bars);
        for (int i = 1; i <= 7; i++) {
            agg.onTick(tick.set(BTC, i * 1000L, 0, i, 100 + i, 1, Side.BUY));
        }
        assertThat(bars.closed).hasSize(2);
        assertThat(bars.closed.get(0).openTimeNanos()).isEqualTo(1000);
        assertThat(bars.closed.get(0).closeTimeNanos()).isEqualTo(3000);
        assertThat(bars.closed.get(1).open()).isEqualTo(104);
        assertThat(bars.closed.get(1).close()).isEqualTo(106);
        agg.flush();
        assertThat(bars.closed.get(2).tradeCount()).isEqualTo(1);
        assertThat(bars.closed.get(2).has(BarView.INCOMPLETE)).isTrue();
        assertThat(bars.closed.get(2).spec()).isEqualTo(new TickBars(3));
    }

    @Test
    void shouldCloseWhenTheVolumeReachesTheThresholdWithoutSplittingATrade() {
        CountBarAggregator agg = new CountBarAggregator(BTC, new VolumeBars(0.3), bars);
        double[] q = {0.1, 0.1, 0.1, 0.25, 0.2, 0.05};
        for (int i = 0; i < q.length; i++) {
            agg.onTick(tick.set(BTC, i, 0, i, 100, q[i], Side.SELL));
        }
        assertThat(bars.closed).extracting(Bar::tradeCount).containsExactly(3L, 2L);
        assertThat(bars.closed.get(1).volume()).isEqualTo(0.45);
        assertThat(new VolumeBars(25).label()).isEqualTo("25v");
        assertThat(new TickBars(100).label()).isEqualTo("100t");
    }

    @Test
    void shouldRefuseATimeframeAndBadThresholds() {
        assertThatThrownBy(() -> new CountBarAggregator(BTC, Timeframe.parse("1s"), bars))
                .hasMessageContaining("tick or volume");
        assertThatThrownBy(() -> new TickBars(0)).hasMessageContaining("ticks must be > 0, was 0");
        assertThatThrownBy(() -> new VolumeBars(Double.NaN))
                .hasMessageContaining("volume must be finite");
    }
}
