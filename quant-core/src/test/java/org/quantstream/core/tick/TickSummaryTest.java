package org.quantstream.core.tick;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.quantstream.core.tick.TickSummary.SymbolSummary;

class TickSummaryTest {
    private static Tick t(String s, long id, double p, double q) {
        return new Tick(Symbol.of(s), id * 1_000_000L, 0, id, p, q, Side.BUY);
    }

    @Test
    void shouldCountDuplicatesAndGapsAndLeaveDuplicatesOutOfTheFigures() {
        TickSummary summary = new TickSummary();
        summary.onTick(t("BTCUSDT", 10, 100, 1));
        summary.onTick(t("BTCUSDT", 11, 102, 3));
        summary.onTick(t("BTCUSDT", 11, 999, 50)); // duplicate
        summary.onTick(t("ETHUSDT", 7, 5, 2));
        summary.onTick(t("BTCUSDT", 15, 98, 1)); // gap of 3 ids
        summary.onTick(t("BTCUSDT", 9, 1, 1)); // older: duplicate
        summary.onTick(t("BTCUSDT", 20, 99, 1)); // another gap

        assertThat(summary.summaries())
                .extracting(SymbolSummary::symbol)
                .containsExactly(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"));
        SymbolSummary btc = summary.summaries().get(0);
        assertThat(btc.count()).isEqualTo(4);
        assertThat(btc.duplicates()).isEqualTo(2);
        assertThat(btc.gaps()).isEqualTo(2);
        assertThat(btc.firstTradeId()).isEqualTo(10);
        assertThat(btc.lastTradeId()).isEqualTo(20);
        assertThat(btc.minPrice()).isEqualTo(98);
        assertThat(btc.maxPrice()).isEqualTo(102);
        assertThat(btc.volume()).isEqualTo(6);
        assertThat(btc.vwap()).isEqualTo((100 + 306 + 98 + 99) / 6.0);
        assertThat(btc.firstTimeNanos()).isEqualTo(10_000_000L);
        assertThat(btc.lastTimeNanos()).isEqualTo(20_000_000L);
    }

    @Test
    void shouldSumManySmallQuantitiesWithoutDrift() {
        TickSummary summary = new TickSummary();
        for (int i = 0; i < 1_000_000; i++) {
            summary.onTick(t("XUSDT", i, 1, 0.001));
        }
        assertThat(summary.summaries().get(0).volume()).isEqualTo(1000.0);
    }
}
