package org.quantstream.store.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

/** Records not written whole, stores of the first record layout, and interrupted creations. */
class StoreDamageTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");

    /** Trade ids whose bytes occur nowhere else in a queue file. */
    private static final long BASE = 0x0123_4567_89AB_0000L;

    @TempDir Path dir;

    private static MutableTick tick(MutableTick t, long i) {
        return t.set(
                BTC,
                1_700_000_000_000_000_000L + i * 1000,
                1_700_000_000_000_500_000L + i * 1000,
                BASE + i,
                100 + i,
                0.25,
                i % 2 == 0 ? Side.BUY : Side.SELL);
    }

    private static List<Long> ids(TickCursor c) {
        List<Long> out = new ArrayList<>();
        MutableTick t = new MutableTick();
        while (c.next(t)) {
            out.add(t.tradeId() - BASE);
        }
        return out;
    }

    private static ChronicleTickStore readOnly(Path p) {
        return ChronicleTickStore.open(ChronicleTickStoreConfig.builder(p).readOnly(true).build());
    }

    /** Runs an edit on the mapped bytes of the record whose trade id is BASE + i. */
    private static void damage(
            Path store, long i, java.util.function.ObjIntConsumer<MappedByteBuffer> edit)
            throws Exception {
        Path file;
        try (var s = Files.list(store)) {
            file = s.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
                FileChannel ch = raf.getChannel()) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
            m.order(ByteOrder.LITTLE_ENDIAN);
            int found = -1;
            for (int p = 0; p + 8 <= m.limit(); p++) {
                if (m.getLong(p) == BASE + i) {
                    assertThat(found).as("the id's bytes occur once").isEqualTo(-1);
                    found = p;
                }
            }
            assertThat(found).as("record %d found", i).isPositive();
            edit.accept(m, found - 19); // the payload starts 19 bytes before the trade id
            m.force();
        }
    }

    @Test
    void shouldSkipAndCountRecordsNotWrittenWholeAndGoOnAppendingAfterThem() throws Exception {
        Path p = dir.resolve("s");
        try (ChronicleTickStore s = ChronicleTickStore.open(p)) {
            TickAppender a = s.appender();
            MutableTick t = new MutableTick();
            for (long i = 0; i < 100; i++) {
                a.append(tick(t, i));
            }
        }
        // record 40: the write stopped after the receive time (what a full disk left before:
        // "BTCUSDT,0,<time>,0,0,0,..."); record 70: one bit of its price flipped
        damage(
                p,
                40,
                (m, payload) -> {
                    for (int k = 19; k < 48; k++) {
                        m.put(payload + k, (byte) 0);
                    }
                });
        damage(p, 70, (m, payload) -> m.put(payload + 27, (byte) (m.get(payload + 27) ^ 4)));
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            if (i != 40 && i != 70) {
                expected.add(i);
            }
        }
        try (ChronicleTickStore s = readOnly(p);
                TickCursor c = s.cursor()) {
            assertThat(ids(c)).isEqualTo(expected);
            assertThat(c.damagedRecords()).isEqualTo(2);
        }
        try (ChronicleTickStore s = readOnly(p);
                TickCursor c =
                        s.cursor(
                                1_700_000_000_000_000_000L + 30_000,
                                1_700_000_000_000_000_000L + 50_000)) {
            assertThat(ids(c)).hasSize(19).doesNotContain(40L);
            assertThat(c.damagedRecords()).isEqualTo(1);
        }
        try (ChronicleTickStore s = ChronicleTickStore.open(p)) {
            assertThat(s.appender().append(tick(new MutableTick(), 100))).isTrue();
            try (TickCursor c = s.cursor()) {
                assertThat(ids(c)).hasSize(99).endsWith(99L, 100L);
            }
        }
    }

    @Test
    void shouldNotLetADamagedRecordBecomeTheLastTradeIdOnRecovery() throws Exception {
        // a writer killed before its close leaves no checkpoint: the next open scans every record
        Path p = dir.resolve("killed");
        Process child = StoreChild.start(true, "append", p.toString(), "0", "100000000");
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("appended 5000")) {
                // wait for 5,000 records
            }
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long last;
        try (ChronicleTickStore s = readOnly(p)) {
            last = s.lastTradeId(BTC);
            assertThat(last).isGreaterThanOrEqualTo(5000);
        }
        // the child's ids start at 0, not BASE: find its last record by its receive time and id
        Path file;
        try (var s = Files.list(p)) {
            file = s.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
                FileChannel ch = raf.getChannel()) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
            m.order(ByteOrder.LITTLE_ENDIAN);
            int at = -1;
            for (int q = 0; q + 16 <= m.limit(); q++) {
                if (m.getLong(q) == last && m.getLong(q + 8) == last) {
                    at = q + 8; // receive time == id == i in the child's records
                }
            }
            assertThat(at).isPositive();
            // a bit of the id flipped: a huge id that, believed, would poison the symbol
            m.put(at + 7, (byte) (m.get(at + 7) ^ 0x40));
            m.force();
        }
        try (ChronicleTickStore s = ChronicleTickStore.open(p)) {
            assertThat(s.lastTradeId(BTC))
                    .as("recovery ignores the damaged record")
                    .isEqualTo(last - 1);
            assertThat(
                            s.appender()
                                    .append(
                                            new MutableTick()
                                                    .set(BTC, 1, 2, last, 100, 1, Side.BUY)))
                    .as("its id was not stored whole: appending it again is not a duplicate")
                    .isTrue();
        }
    }

    @Test
    void shouldReadAStoreWrittenWithTheFirstRecordLayout() throws Exception {
        Path p = Files.createDirectories(dir.resolve("v0"));
        Files.writeString(p.resolve("symbols.txt"), "ETHUSDT\n");
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.single(p.toFile()).build();
                ExcerptAppender a = q.createAppender()) {
            for (int i = 0; i < 3; i++) {
                try (DocumentContext dc = a.writingDocument()) {
                    var b = dc.wire().bytes();
                    b.writeShort((short) 0);
                    b.writeByte((byte) 1);
                    b.writeLong(1_700_000_000_000_000_000L + i);
                    b.writeLong(1_700_000_000_000_000_001L + i);
                    b.writeLong(10 + i);
                    b.writeDouble(3000.5 + i);
                    b.writeDouble(0.5);
                }
            }
        }
        try (ChronicleTickStore s = ChronicleTickStore.open(p);
                TickCursor c = s.cursor()) {
            MutableTick t = new MutableTick();
            assertThat(c.next(t)).isTrue();
            assertThat(t.symbol()).isEqualTo(Symbol.of("ETHUSDT"));
            assertThat(t.tradeId()).isEqualTo(10);
            assertThat(t.price()).isEqualTo(3000.5);
            assertThat(t.aggressor()).isEqualTo(Side.SELL);
            assertThat(s.lastTradeId(Symbol.of("ETHUSDT"))).isEqualTo(12);
            assertThat(
                            s.appender()
                                    .append(
                                            t.set(
                                                    Symbol.of("ETHUSDT"),
                                                    5,
                                                    6,
                                                    13,
                                                    3003,
                                                    1,
                                                    Side.BUY)))
                    .isTrue();
        }
        try (ChronicleTickStore s = readOnly(p);
                TickCursor c = s.cursor()) {
            MutableTick t = new MutableTick();
            int n = 0;
            while (c.next(t)) {
                n++;
            }
            assertThat(n).isEqualTo(4);
            assertThat(c.damagedRecords()).isZero();
        }
    }

    /** What a writer killed at each step of creating a store leaves behind. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "empty",
                "lock only",
                "metadata empty",
                "metadata zeros",
                "metadata cut",
                "metadata header not complete",
                "no symbols"
            })
    void shouldOpenAStoreWhoseCreationWasInterrupted(String state) throws Exception {
        Path good = dir.resolve("good");
        ChronicleTickStore.open(good).close();
        byte[] metadata = Files.readAllBytes(good.resolve("metadata.cq4t"));
        Path p = Files.createDirectories(dir.resolve("s"));
        switch (state) {
            case "lock only" -> Files.writeString(p.resolve("writer.lock"), "");
            case "metadata empty" -> Files.write(p.resolve("metadata.cq4t"), new byte[0]);
            case "metadata zeros" ->
                    Files.write(p.resolve("metadata.cq4t"), new byte[metadata.length]);
            case "metadata cut" ->
                    Files.write(
                            p.resolve("metadata.cq4t"),
                            java.util.Arrays.copyOf(
                                    java.util.Arrays.copyOf(metadata, 200), metadata.length));
            case "metadata header not complete" -> {
                // the first header still marked as being written, as a writer killed in it leaves
                // it
                byte[] m = metadata.clone();
                m[3] |= (byte) 0x80;
                Files.write(p.resolve("metadata.cq4t"), m);
            }
            case "no symbols" -> Files.write(p.resolve("metadata.cq4t"), metadata);
            default -> {}
        }
        try (ChronicleTickStore s = readOnly(p);
                TickCursor c = s.cursor()) {
            assertThat(s.count()).isZero();
            assertThat(c.next(new MutableTick())).isFalse();
            assertThat(s.symbols()).isEmpty();
        }
        try (ChronicleTickStore s = ChronicleTickStore.open(p)) {
            assertThat(s.appender().append(tick(new MutableTick(), 1))).isTrue();
        }
        try (ChronicleTickStore s = readOnly(p);
                TickCursor c = s.cursor()) {
            assertThat(ids(c)).containsExactly(1L);
        }
    }

    @Test
    void shouldNotTurnADirectoryOfOtherFilesIntoAStore() throws Exception {
        Path p = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(p.resolve("a.jpg"), "x");
        assertThatThrownBy(() -> readOnly(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        p
                                + " is not a tick store (no readable Chronicle metadata.cq4t in it, and"
                                + " it holds other files: a.jpg)");
        try (var s = Files.list(p)) {
            assertThat(s.map(f -> f.getFileName().toString())).containsExactly("a.jpg");
        }
    }

    @Test
    @Tag("faults")
    void shouldOpenAStoreWhoseWriterWasKilledWhileCreatingIt() throws Exception {
        // kill -9 at a spread of moments across the creation, timed on this machine by one
        // creation left to finish; whatever is left opens, read-only and then for writing
        long creation;
        {
            Process first = StoreChild.start(true, "create", dir.resolve("timed").toString());
            try (BufferedReader r =
                    new BufferedReader(
                            new InputStreamReader(
                                    first.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(r.readLine()).isEqualTo("opening");
                long t0 = System.nanoTime();
                String line;
                while ((line = r.readLine()) != null && !line.startsWith("opened")) {
                    // SLF4J's notice on stderr
                }
                creation = System.nanoTime() - t0;
                assertThat(line).startsWith("opened");
            }
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<String> states = new ArrayList<>();
        for (int trial = 0; trial < 10; trial++) {
            Path p = dir.resolve("k" + trial);
            Process child = StoreChild.start(true, "create", p.toString());
            try (BufferedReader r =
                    new BufferedReader(
                            new InputStreamReader(
                                    child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(r.readLine()).isEqualTo("opening");
                TimeUnit.NANOSECONDS.sleep(creation * trial / 8);
                child.destroyForcibly();
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (!Files.exists(p)) {
                continue; // killed before it made the directory: nothing to open
            }
            try (var l = Files.list(p)) {
                states.add(
                        l.map(f -> f.getFileName() + "=" + f.toFile().length())
                                .sorted()
                                .toList()
                                .toString());
            }
            try (ChronicleTickStore s = readOnly(p);
                    TickCursor c = s.cursor()) {
                assertThat(c.next(new MutableTick())).as("trial %d", trial).isFalse();
            }
            try (ChronicleTickStore s = ChronicleTickStore.open(p)) {
                assertThat(s.appender().append(tick(new MutableTick(), 1))).isTrue();
            }
        }
        System.out.printf("creation took %d ms; left behind: %s%n", creation / 1_000_000, states);
    }
}
