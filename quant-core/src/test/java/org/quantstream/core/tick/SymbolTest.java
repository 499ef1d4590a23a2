package org.quantstream.core.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SymbolTest {
    @Test
    void shouldInternNamesInAnyCase() {
        Symbol a = Symbol.of("btcusdt");
        assertThat(Symbol.of("BTCUSDT")).isSameAs(a);
        assertThat(Symbol.of("BtcUsdt")).isSameAs(a);
        assertThat(a.name()).isEqualTo("BTCUSDT");
        assertThat(Symbol.byId(a.id())).isSameAs(a);
    }

    @Test
    void shouldGiveDistinctDenseIds() {
        Symbol x = Symbol.of("SYMTESTAUSDT");
        Symbol y = Symbol.of("SYMTESTBUSDT");
        assertThat(x.id()).isNotEqualTo(y.id());
        assertThat(x.id()).isNotNegative();
    }

    @Test
    void shouldRejectInvalidNamesSayingWhy() {
        assertThatThrownBy(() -> Symbol.of(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"\"");
        assertThatThrownBy(() -> Symbol.of("BTC USDT")).hasMessageContaining("\"BTC USDT\"");
        assertThatThrownBy(() -> Symbol.of(null)).hasMessageContaining("null");
        assertThatThrownBy(() -> Symbol.of("A".repeat(33))).hasMessageContaining("1 to 32");
        assertThatThrownBy(() -> Symbol.byId(1_000_000)).hasMessageContaining("1000000");
    }

    @Test
    void shouldRegisterConcurrentlyWithoutLosingOrDuplicating() throws Exception {
        Thread[] threads = new Thread[4];
        Symbol[][] seen = new Symbol[threads.length][500];
        for (int t = 0; t < threads.length; t++) {
            int tt = t;
            threads[t] =
                    new Thread(
                            () -> {
                                for (int i = 0; i < 500; i++) {
                                    seen[tt][i] = Symbol.of("CONC" + i + "USDT");
                                }
                            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < 500; i++) {
            for (int t = 1; t < threads.length; t++) {
                assertThat(seen[t][i]).isSameAs(seen[0][i]);
            }
            assertThat(Symbol.byId(seen[0][i].id())).isSameAs(seen[0][i]);
        }
    }
}
