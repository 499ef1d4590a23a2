package org.quantstream.store.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.io.TickFormat;
import org.quantstream.core.io.TickWriter;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;
import org.quantstream.core.time.ManualClock;
import org.quantstream.store.chronicle.internal.JvmFlags;

class ChronicleTickStoreTest {
    @TempDir Path dir;

    private static List<Tick> realTicks() throws IOException {
        List<Tick> out = new ArrayList<>();
        TickFiles.forEach(
                List.of(
                        TestData.file(TestData.BTC_2024_08_08),
                        TestData.file(TestData.ETH_2024_08_08)),
                ReadOptions.defaults(),
                t -> out.add(Tick.copyOf(t)));
        return out;
    }

    private static List<Tick> readAll(TickCursor c) {
        List<Tick> out = new ArrayList<>();
        MutableTick t = new MutableTick();
        try (c) {
            while (c.next(t)) {
                out.add(Tick.copyOf(t));
            }
        }
        return out;
    }

    @Test
    void shouldImportTheRealDataTwiceInTwoFormatsWithoutDuplicates() throws Exception {
        List<Tick> ticks = realTicks();
        Path csv = dir.resolve("ticks.csv");
        try (Writer w = Files.newBufferedWriter(csv);
                TickWriter tw = TickWriter.open(w, TickFormat.QUANT_CSV)) {
            for (Tick t : ticks) {
                tw.write(t);
            }
        }
        try (ChronicleTickStore store = ChronicleTickStore.open(dir.resolve("store"))) {
            TickAppender a = store.appender();
            TickFiles.forEach(
                    List.of(
                            TestData.file(TestData.BTC_2024_08_08),
                            TestData.file(TestData.ETH_2024_08_08)),
                    ReadOptions.defaults(),
                    a::append);
            assertThat(store.count()).isEqualTo(21_313 + 14_076);
            TickFiles.forEach(List.of(csv), ReadOptions.defaults(), a::append);
            assertThat(a.duplicates()).isEqualTo(ticks.size());
            assertThat(store.count()).isEqualTo(ticks.size());
            assertThat(readAll(store.cursor())).containsExactlyElementsOf(ticks);
            assertThat(store.lastTradeId(Symbol.of("BTCUSDT"))).isEqualTo(5_266_605_247L);
            assertThat(store.lastTradeId(Symbol.of("ETHUSDT"))).isEqualTo(4_308_082_598L);
            assertThat(store.bytesOnDisk()).isPositive();
        }
        try (ChronicleTickStore reopened = ChronicleTickStore.open(dir.resolve("store"))) {
            TickFiles.forEach(List.of(csv), ReadOptions.defaults(), reopened.appender()::append);
            assertThat(reopened.appender().duplicates())
                    .as("dedupe survives reopen")
                    .isEqualTo(ticks.size());
            assertThat(reopened.count()).isEqualTo(ticks.size());
            assertThat(reopened.symbols())
                    .extracting(Symbol::name)
                    .containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
        }
    }

    @Test
    void shouldSeekByTimeCompletelyEvenWhenRecordsAreOutOfOrder() throws Exception {
        List<Tick> ticks = realTicks(); // all BTC, then all ETH: ETH starts six minutes "late"
        try (ChronicleTickStore store = ChronicleTickStore.open(dir.resolve("store"))) {
            ticks.forEach(store.appender()::append);
            assertThat(store.maxLatenessNanos()).isGreaterThan(300_000_000_000L);
            long first = ticks.stream().mapToLong(Tick::eventTimeNanos).min().orElseThrow();
            long last = ticks.stream().mapToLong(Tick::eventTimeNanos).max().orElseThrow();
            SplittableRandom r = new SplittableRandom(99);
            for (int k = 0; k < 40; k++) {
                long from = first - 1_000_000_000L + r.nextLong(last - first + 2_000_000_000L);
                long to = from + r.nextLong(120_000_000_000L);
                List<Tick> expected =
                        ticks.stream()
                                .filter(t -> t.eventTimeNanos() >= from && t.eventTimeNanos() < to)
                                .toList();
                assertThat(readAll(store.cursor(from, to)))
                        .as("[%d, %d)", from, to)
                        .containsExactlyElementsOf(expected);
            }
            assertThat(readAll(store.cursor(last + 1, Long.MAX_VALUE))).isEmpty();
            assertThat(readAll(store.cursor(Long.MIN_VALUE, first))).isEmpty();
        }
    }

    @Test
    void shouldSeekWithinSortedDataAcrossManyCycles() {
        ManualClock clock = new ManualClock(1_700_000_000_000_000_000L);
        ChronicleTickStoreConfig cfg =
                ChronicleTickStoreConfig.builder(dir.resolve("cycles"))
                        .rollCycle("FIVE_MINUTELY")
                        .clock(clock)
                        .build();
        Symbol s = Symbol.of("SEEKUSDT");
        MutableTick t = new MutableTick();
        try (ChronicleTickStore store = ChronicleTickStore.open(cfg)) {
            for (int i = 0; i < 5_000; i++) {
                if (i % 1000 == 0) {
                    clock.advance(300_000_000_000L);
                }
                store.appender().append(t.set(s, 1_000_000L * i, 0, i, 10, 1, Side.SELL));
            }
            assertThat(store.cycleFiles()).hasSize(5);
            assertThat(store.maxLatenessNanos()).isZero();
            for (int from : new int[] {0, 1, 999, 1000, 1001, 2500, 4999}) {
                List<Tick> got = readAll(store.cursor(1_000_000L * from, 1_000_000L * (from + 3)));
                assertThat(got)
                        .extracting(Tick::tradeId)
                        .containsExactlyElementsOf(
                                java.util.stream.LongStream.range(from, Math.min(from + 3, 5000))
                                        .boxed()
                                        .toList());
            }
        }
    }

    @Test
    void shouldResumeANamedCursorAfterTheLastAcknowledgedRecord() {
        Symbol s = Symbol.of("ACKUSDT");
        MutableTick t = new MutableTick();
        Path path = dir.resolve("named");
        try (ChronicleTickStore store = ChronicleTickStore.open(path)) {
            for (int i = 0; i < 200; i++) {
                store.appender().append(t.set(s, 1000L + i, 0, i, 10, 1, Side.BUY));
            }
            ChronicleTickStore.NamedCursor c = store.namedCursor("strategy-1");
            for (int i = 0; i < 50; i++) {
                assertThat(c.next(t)).isTrue();
            }
            c.ack(); // 0..49 done
            for (int i = 0; i < 30; i++) {
                assertThat(c.next(t)).isTrue(); // read, not acknowledged
            }
            c.close();
        }
        try (ChronicleTickStore store = ChronicleTickStore.open(path)) {
            ChronicleTickStore.NamedCursor c = store.namedCursor("strategy-1");
            assertThat(c.next(t)).isTrue();
            assertThat(t.tradeId()).as("resumes after the acknowledged record").isEqualTo(50);
            ChronicleTickStore.NamedCursor other = store.namedCursor("strategy-2");
            assertThat(other.next(t)).isTrue();
            assertThat(t.tradeId()).as("another name starts at the beginning").isZero();
            assertThatThrownBy(() -> store.namedCursor("bad name"))
                    .hasMessageContaining("cursor name");
        }
    }

    @Test
    void shouldDeleteTheOldestCyclesOnRetention() {
        ManualClock clock = new ManualClock(1_700_000_000_000_000_000L);
        ChronicleTickStoreConfig cfg =
                ChronicleTickStoreConfig.builder(dir.resolve("ret"))
                        .rollCycle("FIVE_MINUTELY")
                        .clock(clock)
                        .build();
        Symbol s = Symbol.of("RETUSDT");
        MutableTick t = new MutableTick();
        try (ChronicleTickStore store = ChronicleTickStore.open(cfg)) {
            for (int cycle = 0; cycle < 4; cycle++) {
                for (int i = 0; i < 10; i++) {
                    int id = cycle * 10 + i;
                    store.appender().append(t.set(s, 1000L + id, 0, id, 10, 1, Side.BUY));
                }
                clock.advance(300_000_000_000L);
            }
            assertThat(store.cycleFiles()).hasSize(4);
            assertThat(store.retainCycles(2)).isEqualTo(2);
            assertThat(store.cycleFiles()).hasSize(2);
            assertThat(readAll(store.cursor()))
                    .extracting(Tick::tradeId)
                    .containsExactlyElementsOf(
                            java.util.stream.LongStream.range(20, 40).boxed().toList());
        }
    }

    @Test
    void shouldWriteReadAndRecoverAcrossManyMappedChunks() {
        // 1 MiB mapped at a time: 300,000 records (15 MiB) cross fifteen chunk boundaries, with
        // the file allocated ahead of the writer across them too
        ChronicleTickStoreConfig cfg =
                ChronicleTickStoreConfig.builder(dir.resolve("chunks"))
                        .mapChunkBytes(1L << 20)
                        .build();
        Symbol btc = Symbol.of("BTCUSDT");
        int n = 300_000;
        try (ChronicleTickStore store = ChronicleTickStore.open(cfg)) {
            MutableTick t = new MutableTick();
            for (int id = 1; id <= n; id++) {
                store.appender()
                        .append(t.set(btc, 1_000L * id, 0, id, 100 + id % 13, 0.5, Side.BUY));
            }
        }
        // read back mapped another way (Chronicle's own default, 64 MiB): the chunk size is how
        // a process maps the files, not part of them
        ChronicleTickStoreConfig other =
                ChronicleTickStoreConfig.builder(dir.resolve("chunks"))
                        .mapChunkBytes(64L << 20)
                        .build();
        try (ChronicleTickStore store = ChronicleTickStore.open(other);
                TickCursor c = store.cursor()) {
            assertThat(store.lastTradeId(btc)).isEqualTo(n);
            assertThat(store.count()).isEqualTo(n);
            MutableTick t = new MutableTick();
            long id = 0;
            while (c.next(t)) {
                id++;
                assertThat(t.tradeId()).isEqualTo(id);
                assertThat(t.price()).isEqualTo(100 + id % 13);
            }
            assertThat(id).isEqualTo(n);
        }
        assertThatThrownBy(() -> ChronicleTickStoreConfig.builder(dir).mapChunkBytes(4096))
                .hasMessage("mapChunkBytes must be between 1 MiB and 1 GiB, was 4096");
    }

    @Test
    void shouldFailWithAClearErrorWhenDiskSpaceIsShort() {
        ChronicleTickStoreConfig cfg =
                ChronicleTickStoreConfig.builder(dir.resolve("full"))
                        .minFreeBytes(Long.MAX_VALUE)
                        .build();
        try (ChronicleTickStore store = ChronicleTickStore.open(cfg)) {
            MutableTick t = new MutableTick().set(Symbol.of("BTCUSDT"), 1, 0, 1, 1, 1, Side.BUY);
            assertThatThrownBy(() -> store.appender().append(t))
                    .isInstanceOf(StoreWriteException.class)
                    .hasMessageContaining("not enough disk space")
                    .hasMessageContaining(dir.resolve("full").toString());
            assertThat(store.count()).isZero();
        }
    }

    @Test
    void shouldRefuseToAppendToAReadOnlyStoreAndSeeTheWritersRecords() {
        Path path = dir.resolve("ro");
        MutableTick t = new MutableTick();
        Symbol s = Symbol.of("ROUSDT");
        try (ChronicleTickStore writer = ChronicleTickStore.open(path)) {
            writer.appender().append(t.set(s, 1, 0, 1, 1, 1, Side.BUY));
            try (ChronicleTickStore reader =
                            ChronicleTickStore.open(
                                    ChronicleTickStoreConfig.builder(path).readOnly(true).build());
                    TickCursor c = reader.cursor()) {
                assertThat(c.next(t)).isTrue();
                assertThat(c.next(t)).isFalse();
                writer.appender().append(t.set(s, 2, 0, 2, 1, 1, Side.BUY));
                assertThat(c.next(t)).as("live tailing").isTrue();
                assertThat(t.tradeId()).isEqualTo(2);
                assertThatThrownBy(reader::appender).hasMessageContaining("read-only");
            }
        }
    }

    // ---- other processes

    private static Process child(boolean flags, String... args) throws IOException {
        return StoreChild.start(flags, args);
    }

    private static String output(Process p) throws Exception {
        return StoreChild.output(p);
    }

    @Test
    void shouldLetAReaderInAnotherJvmTailWhileThisOneAppends() throws Exception {
        Path path = dir.resolve("ipc");
        int n = 20_000;
        try (ChronicleTickStore store = ChronicleTickStore.open(path)) {
            TickAppender a = store.appender();
            MutableTick t = new MutableTick();
            Symbol s = Symbol.of("BTCUSDT");
            a.append(t.set(s, 1, 0, 0, 100, 1, Side.BUY)); // creates the store and its dictionary
            Process reader = child(true, "tail", path.toString(), Integer.toString(n));
            for (int i = 1; i < n; i++) {
                a.append(t.set(s, 1 + i, 0, i, 100, 1, Side.BUY));
                if (i % 2000 == 0) {
                    Thread.sleep(20);
                }
            }
            String out = output(reader);
            assertThat(out)
                    .contains("read " + n + " sum " + ((long) n * (n - 1) / 2) + " ordered true");
        }
    }

    @Test
    void shouldLoseNoCompletedAppendWhenTheWriterIsKilled() throws Exception {
        Path path = dir.resolve("crash");
        Process writer = child(true, "append", path.toString(), "0", "100000000");
        long lastSeen = -1;
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("appended ")) {
                    lastSeen = Long.parseLong(line.substring(9));
                    if (lastSeen >= 200_000) {
                        break;
                    }
                }
            }
        }
        writer.destroyForcibly(); // SIGKILL
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lastSeen).isGreaterThanOrEqualTo(200_000);
        long count;
        try (ChronicleTickStore store = ChronicleTickStore.open(path)) {
            List<Tick> all = readAll(store.cursor());
            count = all.size();
            assertThat(count)
                    .as("every append reported complete is readable")
                    .isGreaterThan(lastSeen);
            for (int i = 0; i < all.size(); i++) {
                Tick t = all.get(i);
                assertThat(t.tradeId()).as("no partial or torn record").isEqualTo(i);
                assertThat(t.price()).isEqualTo(100 + i % 7);
                assertThat(t.receiveTimeNanos()).isEqualTo(i);
            }
            assertThat(store.lastTradeId(Symbol.of("BTCUSDT"))).isEqualTo(count - 1);
        }
        // resume: re-running the same import appends only what is missing
        Process again = child(true, "append", path.toString(), "0", Long.toString(count + 500));
        assertThat(output(again)).contains("done");
        try (ChronicleTickStore store = ChronicleTickStore.open(path)) {
            assertThat(store.count()).isEqualTo(count + 500);
            assertThat(store.lastTradeId(Symbol.of("BTCUSDT"))).isEqualTo(count + 499);
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldAllowOneWriterProcessAndAnyNumberOfReaders() throws Exception {
        Path path = dir.resolve("locked");
        Process writer = child(true, "append", path.toString(), "0", "100000000");
        try {
            try (BufferedReader r =
                    new BufferedReader(
                            new InputStreamReader(
                                    writer.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !line.startsWith("appended ")) {
                    // wait until the child holds the store
                }
                assertThat(line).as("the child appends").isNotNull();
            }
            assertThatThrownBy(() -> ChronicleTickStore.open(path))
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageStartingWith(
                            "store " + path + " is being written by process " + writer.pid());
            // readers take no lock and see the writer's records
            try (ChronicleTickStore reader =
                    ChronicleTickStore.open(
                            ChronicleTickStoreConfig.builder(path).readOnly(true).build())) {
                assertThat(reader.count()).isPositive();
            }
        } finally {
            writer.destroyForcibly(); // SIGKILL: the OS releases the lock with the process
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (ChronicleTickStore store = ChronicleTickStore.open(path)) {
            assertThat(store.count()).isPositive();
            // a second writable instance in the same JVM is refused too, naming this process
            assertThatThrownBy(() -> ChronicleTickStore.open(path))
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining("process " + ProcessHandle.current().pid());
        }
        ChronicleTickStore.open(path).close(); // released at close
    }

    @Test
    void shouldNameTheMissingJvmFlags() throws Exception {
        assertThat(JvmFlags.missing()).as("surefire passes them here").isEmpty();
        Process p = child(false, "open", dir.resolve("flags").toString());
        String out = output(p);
        assertThat(p.exitValue()).isNotZero();
        assertThat(out)
                .contains("Chronicle Queue needs these JVM flags")
                .contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
    }
}
