package org.quantstream.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;
import org.quantstream.core.tick.TickView;

/**
 * The contract every {@link TickStore} keeps. A store's test extends this class and opens a store
 * in the given directory (a store on the heap ignores it).
 */
public abstract class TickStoreContractTest {
    /** The directory a store may use; new for each test. */
    @TempDir protected Path dir;

    private final List<TickStore> opened = new ArrayList<>();

    /**
     * Opens (or creates) a store with dedupe on.
     *
     * @param directory where a persistent store keeps its files
     * @return the store
     */
    protected abstract TickStore openStore(Path directory);

    /**
     * Opens a store and closes it after the test.
     *
     * @return the store
     */
    protected final TickStore store() {
        TickStore s = openStore(dir);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(TickStore::close);
    }

    /**
     * Random ticks with rising trade ids per symbol and non-decreasing event times.
     *
     * @param seed the random seed
     * @param n how many
     * @param symbols the symbols to spread them over
     * @return the ticks
     */
    protected static List<Tick> randomTicks(long seed, int n, Symbol... symbols) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[symbols.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextLong(1, 1_000_000_000L);
        }
        long time = 1_723_161_256_322_000_000L;
        List<Tick> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int s = random.nextInt(symbols.length);
            time += random.nextLong(0, 5_000_000L);
            ids[s] += random.nextInt(10) == 0 ? 2 : 1;
            out.add(
                    new Tick(
                            symbols[s],
                            time,
                            time + random.nextLong(0, 2_000_000_000L),
                            ids[s],
                            Math.round(random.nextDouble(100, 70_000) * 100) / 100.0,
                            random.nextInt(1, 100_000) / 1000.0,
                            Side.values()[random.nextInt(3)]));
        }
        return out;
    }

    /**
     * Reads a cursor to its end.
     *
     * @param cursor the cursor
     * @return every tick it gives
     */
    protected static List<Tick> readAll(TickCursor cursor) {
        List<Tick> out = new ArrayList<>();
        MutableTick t = new MutableTick();
        try (cursor) {
            while (cursor.next(t)) {
                out.add(Tick.copyOf(t));
            }
        }
        return out;
    }

    @Test
    void shouldStartEmpty() {
        TickStore store = store();
        assertThat(store.count()).isZero();
        assertThat(store.symbols()).isEmpty();
        assertThat(store.lastTradeId(Symbol.of("BTCUSDT"))).isEqualTo(TickStore.NO_TRADE_ID);
        assertThat(readAll(store.cursor())).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 20240808})
    void shouldReadBackEveryFieldInAppendOrder(long seed) {
        TickStore store = store();
        List<Tick> ticks = randomTicks(seed, 5_000, Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"));
        TickAppender appender = store.appender();
        for (Tick t : ticks) {
            assertThat(appender.append(t)).as("seed %d: append %s", seed, t).isTrue();
        }
        assertThat(store.count()).isEqualTo(ticks.size());
        assertThat(readAll(store.cursor())).as("seed %d", seed).containsExactlyElementsOf(ticks);
    }

    @Test
    void shouldSkipAndCountDuplicateTradeIdsPerSymbol() {
        TickStore store = store();
        Symbol btc = Symbol.of("BTCUSDT");
        Symbol eth = Symbol.of("ETHUSDT");
        TickAppender appender = store.appender();
        assertThat(appender.append(tick(btc, 10, 1_000))).isTrue();
        assertThat(appender.append(tick(btc, 10, 1_001))).isFalse();
        assertThat(appender.append(tick(btc, 9, 1_002))).isFalse();
        assertThat(appender.append(tick(eth, 5, 1_003))).as("ids are per symbol").isTrue();
        assertThat(appender.append(tick(btc, 12, 1_004))).as("a gap is not a duplicate").isTrue();
        assertThat(appender.duplicates()).isEqualTo(2);
        assertThat(store.count()).isEqualTo(3);
        assertThat(store.lastTradeId(btc)).isEqualTo(12);
        assertThat(store.lastTradeId(eth)).isEqualTo(5);
        assertThat(store.symbols()).containsExactlyInAnyOrder(btc, eth);
        assertThat(readAll(store.cursor())).extracting(Tick::tradeId).containsExactly(10L, 5L, 12L);
    }

    @Test
    void shouldSelectTheHalfOpenTimeRange() {
        TickStore store = store();
        Symbol btc = Symbol.of("BTCUSDT");
        for (int i = 0; i < 100; i++) {
            store.appender().append(tick(btc, i, 1_000_000_000L * (i + 1)));
        }
        List<Tick> range = readAll(store.cursor(10_000_000_000L, 20_000_000_000L));
        assertThat(range).extracting(Tick::tradeId).containsExactlyElementsOf(longs(9, 18));
        assertThat(readAll(store.cursor(0, 1_000_000_000L))).isEmpty();
        assertThat(readAll(store.cursor(100_000_000_000L, Long.MAX_VALUE)))
                .extracting(Tick::tradeId)
                .containsExactly(99L);
        assertThat(readAll(store.cursor(200_000_000_000L, Long.MAX_VALUE))).isEmpty();
        assertThatThrownBy(() -> store.cursor(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLetACursorAtTheEndSeeLaterAppends() {
        TickStore store = store();
        Symbol btc = Symbol.of("BTCUSDT");
        MutableTick into = new MutableTick();
        try (TickCursor cursor = store.cursor()) {
            assertThat(cursor.next(into)).isFalse();
            store.appender().append(tick(btc, 1, 1_000));
            assertThat(cursor.next(into)).isTrue();
            assertThat(into.tradeId()).isEqualTo(1);
            assertThat(cursor.next(into)).isFalse();
            store.appender().append(tick(btc, 2, 2_000));
            assertThat(cursor.next(into)).isTrue();
            assertThat(into.tradeId()).isEqualTo(2);
        }
    }

    @Test
    void shouldRejectATickWithoutSymbolOrWithANegativeId() {
        TickAppender appender = store().appender();
        assertThatThrownBy(() -> appender.append(new MutableTick().tradeId(1).price(1).quantity(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbol");
        assertThatThrownBy(() -> appender.append(tick(Symbol.of("BTCUSDT"), -5, 1_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
    }

    @Test
    void shouldGiveAConcurrentReaderEveryRecordInOrder() throws Exception {
        TickStore store = store();
        List<Tick> ticks = randomTicks(7, 50_000, Symbol.of("BTCUSDT"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer =
                new Thread(
                        () -> {
                            try {
                                TickAppender appender = store.appender();
                                for (Tick t : ticks) {
                                    appender.append(t);
                                }
                            } catch (Throwable e) {
                                failure.set(e);
                            }
                        },
                        "contract-writer");
        List<Tick> read = new ArrayList<>();
        MutableTick into = new MutableTick();
        try (TickCursor cursor = store.cursor()) {
            writer.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (read.size() < ticks.size()
                    && System.nanoTime() < deadline
                    && failure.get() == null) {
                if (cursor.next(into)) {
                    read.add(Tick.copyOf(into));
                } else {
                    Thread.onSpinWait();
                }
            }
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(read).containsExactlyElementsOf(ticks);
    }

    @Test
    void shouldRefuseUseAfterClose() {
        TickStore store = openStore(dir);
        store.close();
        store.close(); // idempotent
        assertThatThrownBy(store::appender).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::cursor).isInstanceOf(IllegalStateException.class);
    }

    /**
     * A tick with the given id and time and fixed other fields.
     *
     * @param s symbol
     * @param id trade id
     * @param time event time
     * @return the tick
     */
    protected static TickView tick(Symbol s, long id, long time) {
        return new Tick(s, time, time + 5, id, 100.5, 0.25, Side.BUY);
    }

    private static List<Long> longs(long fromInclusive, long toInclusive) {
        List<Long> out = new ArrayList<>();
        for (long i = fromInclusive; i <= toInclusive; i++) {
            out.add(i);
        }
        return out;
    }
}
