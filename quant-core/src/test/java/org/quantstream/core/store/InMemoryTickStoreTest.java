package org.quantstream.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.quantstream.core.testkit.TickStoreContractTest;
import org.quantstream.core.tick.Symbol;

class InMemoryTickStoreTest extends TickStoreContractTest {
    @Override
    protected TickStore openStore(Path directory) {
        return new InMemoryTickStore();
    }

    @Test
    void shouldKeepDuplicatesWhenDedupeIsOff() {
        try (InMemoryTickStore store = new InMemoryTickStore(false)) {
            Symbol btc = Symbol.of("BTCUSDT");
            assertThat(store.appender().append(tick(btc, 3, 10))).isTrue();
            assertThat(store.appender().append(tick(btc, 3, 11))).isTrue();
            assertThat(store.appender().duplicates()).isZero();
            assertThat(store.count()).isEqualTo(2);
            assertThat(store.lastTradeId(btc)).isEqualTo(3);
        }
    }

    @Test
    void shouldFindTheRangeWhenTimesAreOutOfOrderAcrossSymbols() {
        try (InMemoryTickStore store = new InMemoryTickStore()) {
            Symbol btc = Symbol.of("BTCUSDT");
            Symbol eth = Symbol.of("ETHUSDT");
            store.appender().append(tick(btc, 1, 100));
            store.appender().append(tick(eth, 1, 90)); // a late record of another symbol
            store.appender().append(tick(btc, 2, 200));
            assertThat(readAll(store.cursor(90, 150)))
                    .extracting(t -> t.symbol().name() + t.tradeId())
                    .containsExactly("BTCUSDT1", "ETHUSDT1");
        }
    }

    @Test
    void shouldForgetRecordsAndLastIdsWhenCleared() {
        try (InMemoryTickStore store = new InMemoryTickStore(true, 4)) {
            Symbol btc = Symbol.of("BTCUSDT");
            for (int i = 1; i <= 10; i++) {
                store.appender().append(tick(btc, i, i));
            }
            store.clear();
            assertThat(store.count()).isZero();
            assertThat(store.lastTradeId(btc)).isEqualTo(TickStore.NO_TRADE_ID);
            assertThat(readAll(store.cursor())).isEmpty();
            assertThat(store.appender().append(tick(btc, 1, 1))).isTrue();
            assertThat(readAll(store.cursor())).extracting(t -> t.tradeId()).containsExactly(1L);
        }
    }
}
