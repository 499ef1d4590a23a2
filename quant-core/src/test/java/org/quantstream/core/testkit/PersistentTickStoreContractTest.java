package org.quantstream.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/**
 * The contract of a {@link TickStore} that keeps its records on disk: everything survives a close
 * and reopen.
 */
public abstract class PersistentTickStoreContractTest extends TickStoreContractTest {
    @Test
    void shouldKeepRecordsSymbolsAndDedupeAcrossReopen() {
        Symbol btc = Symbol.of("BTCUSDT");
        List<Tick> ticks = randomTicks(11, 2_000, btc, Symbol.of("ETHUSDT"));
        try (TickStore first = openStore(dir)) {
            ticks.forEach(first.appender()::append);
        }
        TickStore reopened = store();
        assertThat(reopened.count()).isEqualTo(ticks.size());
        assertThat(readAll(reopened.cursor())).containsExactlyElementsOf(ticks);
        long last = reopened.lastTradeId(btc);
        assertThat(last)
                .isEqualTo(
                        ticks.stream()
                                .filter(t -> t.symbol() == btc)
                                .mapToLong(Tick::tradeId)
                                .max()
                                .orElseThrow());
        assertThat(reopened.appender().append(tick(btc, last, 1)))
                .as("dedupe survives reopen")
                .isFalse();
        assertThat(reopened.appender().append(tick(btc, last + 1, 1))).isTrue();
    }
}
