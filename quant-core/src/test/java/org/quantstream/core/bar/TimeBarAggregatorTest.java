package org.quantstream.core.bar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.time.ManualClock;

class TimeBarAggregatorTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final long S = 1_000_000_000L;
    private static final long T0 =
            1_723_161_600L * S; // 2024-08-09T00:00:00Z, on every grid up to 1d

    private final MutableTick tick = new MutableTick();
    private final BarCollector bars = new BarCollector();

    private void trade(BarAggregator agg, long t, double price, double qty, Side side) {
        agg.onTick(tick.set(BTC, t, 0, t, price, qty, side));
    }

    private TimeBarAggregator oneSecond() {
        return TimeBarAggregator.builder(BTC, Timeframe.parse("1s"), bars).build();
    }

    @Test
    void shouldOpenTheNextBarWithATickExactlyOnTheBoundary() {
        TimeBarAggregator agg = oneSecond();
        trade(agg, T0 + 999_999_999L, 100, 1, Side.BUY);
        assertThat(bars.closed).isEmpty();
        trade(agg, T0 + S, 101, 2, Side.SELL);
        assertThat(bars.closed)
                .singleElement()
                .satisfies(
                        b -> {
                            assertThat(b.openTimeNanos()).isEqualTo(T0);
                            assertThat(b.closeTimeNanos()).isEqualTo(T0 + S);
                            assertThat(b.close()).isEqualTo(100);
                        });
        assertThat(agg.current().openTimeNanos()).isEqualTo(T0 + S);
        assertThat(agg.current().open()).isEqualTo(101);
    }

    @Test
    void shouldComputeEveryFieldOfABar() {
        TimeBarAggregator agg = oneSecond();
        trade(agg, T0 + 1, 100, 1, Side.BUY);
        trade(agg, T0 + 2, 103, 2, Side.SELL);
        trade(agg, T0 + 3, 99, 3, Side.BUY);
        trade(agg, T0 + 4, 101, 4, Side.UNKNOWN);
        agg.flush();
        Bar b = bars.closed.get(0);
        assertThat(b)
                .isEqualTo(
                        new Bar(
                                BTC,
                                Timeframe.ofSeconds(1),
                                T0,
                                T0 + S,
                                100,
                                103,
                                99,
                                101,
                                10,
                                100 + 206 + 297 + 404,
                                4,
                                4,
                                1007 / 10.0,
                                BarView.INCOMPLETE));
        assertThat(bars.updates).isEqualTo(4);
    }

    @Test
    void shouldCloseAnIdleBarWhenTheWatermarkPassesItsEndPlusGrace() {
        ManualClock clock = new ManualClock(T0);
        TimeBarAggregator agg =
                TimeBarAggregator.builder(BTC, Timeframe.parse("5s"), bars)
                        .closeGrace(Duration.ofMillis(250))
                        .build();
        trade(agg, T0 + S, 100, 1, Side.BUY);
        clock.set(T0 + 5 * S + 249_999_999L);
        agg.onTime(clock.epochNanos());
        assertThat(bars.closed).as("within the grace").isEmpty();
        clock.set(T0 + 5 * S + 250_000_000L);
        agg.onTime(clock.epochNanos());
        assertThat(bars.closed).singleElement().satisfies(b -> assertThat(b.flags()).isZero());
        agg.onTime(clock.epochNanos() + 60 * S);
        assertThat(bars.closed).as("no bar without trades under SKIP").hasSize(1);
    }

    @Test
    void shouldEmitFlatSyntheticBarsForGapsOnTradesAndOnTheWatermark() {
        TimeBarAggregator agg =
                TimeBarAggregator.builder(BTC, Timeframe.parse("1s"), bars)
                        .gapPolicy(GapPolicy.FLAT_FILL)
                        .build();
        trade(agg, T0, 100, 1, Side.BUY);
        trade(agg, T0 + 3 * S + 5, 104, 1, Side.BUY); // bars at +1s and +2s are empty
        assertThat(bars.closed)
                .extracting(Bar::openTimeNanos)
                .containsExactly(T0, T0 + S, T0 + 2 * S);
        assertThat(bars.closed.get(1).has(BarView.SYNTHETIC)).isTrue();
        assertThat(bars.closed.get(1).close()).isEqualTo(100);
        assertThat(bars.closed.get(1).volume()).isZero();
        assertThat(bars.closed.get(1).vwap()).isNaN();
        agg.onTime(T0 + 6 * S); // closes +3s, fills +4s and +5s
        assertThat(bars.closed)
                .extracting(Bar::openTimeNanos)
                .containsExactly(T0, T0 + S, T0 + 2 * S, T0 + 3 * S, T0 + 4 * S, T0 + 5 * S);
        assertThat(bars.closed.get(5).close()).isEqualTo(104);
        assertThat(agg.stats().syntheticBars()).isEqualTo(4);
        assertThat(agg.stats().barsClosed()).isEqualTo(6);
    }

    @Test
    void shouldDropAndCountLateTradesByDefault() {
        TimeBarAggregator agg = oneSecond();
        trade(agg, T0 + S, 100, 1, Side.BUY);
        trade(agg, T0 + 2 * S, 101, 1, Side.BUY);
        trade(agg, T0 + S + 5, 500, 1, Side.BUY); // belongs to the closed bar
        agg.flush();
        assertThat(agg.stats().lateDropped()).isEqualTo(1);
        assertThat(bars.closed).extracting(Bar::high).containsExactly(100.0, 101.0);
    }

    @Test
    void shouldAmendALateTradeWithinTheWindowAndReEmitTheBarRevised() {
        TimeBarAggregator agg =
                TimeBarAggregator.builder(BTC, Timeframe.parse("1s"), bars)
                        .amendLateTrades(Duration.ofSeconds(2))
                        .build();
        trade(agg, T0, 100, 1, Side.BUY);
        trade(agg, T0 + S, 101, 1, Side.BUY);
        trade(agg, T0 + 2 * S, 102, 1, Side.BUY);
        trade(agg, T0 + S + 7, 150, 3, Side.SELL); // late for the +1s bar, within 2 bars
        trade(agg, T0 + 3 * S, 103, 1, Side.BUY);
        trade(agg, T0 + 4 * S, 104, 1, Side.BUY);
        trade(agg, T0 + 5, 90, 1, Side.BUY); // the +0s bar is now 4 bars back: dropped
        assertThat(bars.closed)
                .extracting(Bar::openTimeNanos)
                .containsExactly(T0, T0 + S, T0 + S, T0 + 2 * S, T0 + 3 * S);
        Bar revised = bars.closed.get(2);
        assertThat(revised.has(BarView.REVISED)).isTrue();
        assertThat(revised.high()).isEqualTo(150);
        assertThat(revised.close())
                .as("close stays the last in time order of arrival")
                .isEqualTo(150);
        assertThat(revised.volume()).isEqualTo(4);
        assertThat(revised.tradeCount()).isEqualTo(2);
        assertThat(agg.stats().lateAmended()).isEqualTo(1);
        assertThat(agg.stats().lateDropped()).isEqualTo(1);
    }

    @Test
    void shouldKeepOpenAndCloseInEventTimeOrderWhenAmending() {
        TimeBarAggregator agg =
                TimeBarAggregator.builder(BTC, Timeframe.parse("1s"), bars)
                        .amendLateTrades(Duration.ofSeconds(1))
                        .build();
        trade(agg, T0 + 100, 100, 1, Side.BUY);
        trade(agg, T0 + 900, 101, 1, Side.BUY);
        trade(agg, T0 + S, 102, 1, Side.BUY);
        trade(agg, T0 + 500, 99, 1, Side.BUY); // late, between the first and the last trade
        trade(agg, T0 + 50, 98, 1, Side.BUY); // late, before the first trade: the new open
        assertThat(bars.closed).hasSize(3);
        Bar last = bars.closed.get(2);
        assertThat(last.open()).isEqualTo(98);
        assertThat(last.close()).isEqualTo(101);
        assertThat(last.low()).isEqualTo(98);
        assertThat(last.tradeCount()).isEqualTo(4);
    }

    @Test
    void shouldRefuseOtherSymbolsAndInvalidPricesCountingThem() {
        TimeBarAggregator agg = oneSecond();
        agg.onTick(tick.set(Symbol.of("ETHUSDT"), T0, 0, 1, 100, 1, Side.BUY));
        agg.onTick(tick.set(BTC, T0, 0, 1, Double.NaN, 1, Side.BUY));
        agg.onTick(tick.set(BTC, T0, 0, 1, 100, Double.POSITIVE_INFINITY, Side.BUY));
        agg.onTick(tick.set(BTC, T0, 0, 1, -1, 1, Side.BUY));
        assertThat(agg.stats().rejected()).isEqualTo(4);
        assertThat(agg.current()).isNull();
    }

    @Test
    void shouldRejectInvalidConfiguration() {
        assertThatThrownBy(
                        () ->
                                TimeBarAggregator.builder(BTC, Timeframe.parse("1s"), bars)
                                        .closeGrace(Duration.ofSeconds(-1)))
                .hasMessageContaining("close grace must be >= 0");
        assertThatThrownBy(
                        () ->
                                TimeBarAggregator.builder(BTC, Timeframe.parse("1s"), bars)
                                        .amendLateTrades(Duration.ZERO))
                .hasMessageContaining("late window must be > 0");
        assertThatThrownBy(() -> TimeBarAggregator.builder(null, Timeframe.parse("1s"), bars))
                .hasMessage("symbol must not be null");
    }
}
