package org.quantstream.store.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.testkit.SmallDisk;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

/** A store on a real small file system (tmpfs) that fills up. */
@Tag("faults")
class FullDiskTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final long MIB = 1L << 20;

    @TempDir Path dir;

    private static MutableTick tick(MutableTick t, long id) {
        return t.set(
                BTC,
                1_700_000_000_000_000_000L + id * 1000,
                1_700_000_000_000_000_000L + id,
                id,
                100 + id % 7,
                0.5,
                Side.BUY);
    }

    private static ChronicleTickStoreConfig config(Path p, long minFree) {
        return ChronicleTickStoreConfig.builder(p).minFreeBytes(minFree).build();
    }

    /** Every record is whole and the ids run 1..n without a hole. */
    private static long assertWholeAndContiguous(Path p) {
        try (ChronicleTickStore s =
                        ChronicleTickStore.open(
                                ChronicleTickStoreConfig.builder(p).readOnly(true).build());
                TickCursor c = s.cursor()) {
            MutableTick t = new MutableTick();
            long n = 0;
            while (c.next(t)) {
                n++;
                assertThat(t.tradeId()).isEqualTo(n);
                assertThat(t.price()).isEqualTo(100 + n % 7);
                assertThat(t.quantity()).isEqualTo(0.5);
                assertThat(t.eventTimeNanos()).isEqualTo(1_700_000_000_000_000_000L + n * 1000);
            }
            assertThat(c.damagedRecords()).isZero();
            assertThat(s.count()).isEqualTo(n);
            return n;
        }
    }

    /** Appends ids 1, 2, ... until an append fails; counts the appended ones in {@code n[0]}. */
    private static StoreWriteException appendUntilItFails(TickAppender a, long[] n) {
        MutableTick t = new MutableTick();
        for (long id = 1; id < 100_000_000; id++) {
            try {
                a.append(tick(t, id));
                n[0]++;
            } catch (StoreWriteException e) {
                return e;
            }
        }
        throw new AssertionError("the disk never filled up");
    }

    @Test
    void shouldRefuseABatchThatDoesNotFitBeforeWritingAnything() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 16 * MIB)) {
            Path p = disk.path().resolve("store");
            try (ChronicleTickStore s = ChronicleTickStore.open(config(p, 4 * MIB))) {
                TickAppender a = s.appender();
                a.reserve(100_000); // 5 MB: fits
                assertThatThrownBy(() -> a.reserve(1_000_000))
                        .isInstanceOf(StoreWriteException.class)
                        .hasMessageStartingWith(
                                "not enough disk space to append to the tick store at " + p + ": ")
                        .hasMessageContaining(" MiB to write and 4.0 MiB to keep free")
                        .hasMessageEndingWith("; nothing more was written");
                assertThat(s.count()).isZero();
                // the refusal does not break the store
                assertThat(a.append(tick(new MutableTick(), 1))).isTrue();
            }
            assertThat(assertWholeAndContiguous(p)).isEqualTo(1);
        }
    }

    @Test
    void shouldStopAtTheFreeSpaceFloorWithAClearErrorAndKeepEveryRecord() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 12 * MIB)) {
            Path p = disk.path().resolve("store");
            long appended;
            try (ChronicleTickStore s = ChronicleTickStore.open(config(p, 8 * MIB))) {
                long[] n = {0};
                StoreWriteException failure = appendUntilItFails(s.appender(), n);
                appended = n[0];
                assertThat(failure.getMessage())
                        .startsWith("not enough disk space to append to the tick store at " + p)
                        .contains("8.0 MiB to keep free");
                assertThat(appended).isPositive();
            }
            assertThat(assertWholeAndContiguous(p)).isEqualTo(appended);
        }
    }

    @Test
    void shouldRefuseTheNextRecordCleanlyWhenTheDiskFillsUpBetweenChecks() throws Exception {
        // no floor: the space check cannot save it. The file's bytes are allocated ahead of the
        // writer through plain writes, so the full disk is an I/O error there rather than a fault
        // of the mapped file (which HotSpot reports late, after the record was acknowledged): the
        // record written is kept, the next is refused before anything is written. Each trial
        // shifts where in a page and in a record the disk runs out.
        for (int trial = 0; trial < 6; trial++) {
            try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk" + trial), 8 * MIB)) {
                Path filler = disk.fill("filler", MIB + trial * 4096L + trial * 13L);
                Path p = disk.path().resolve("store");
                long[] n = {0};
                long appended;
                try (ChronicleTickStore s = ChronicleTickStore.open(config(p, 0))) {
                    TickAppender a = s.appender();
                    StoreWriteException failure = appendUntilItFails(a, n);
                    appended = n[0];
                    assertThat(failure.getMessage())
                            .as("trial %d", trial)
                            .startsWith(
                                    "not enough disk space to append to the tick store at "
                                            + p
                                            + ": allocating the next 1.0 MiB of its file failed (")
                            .endsWith(" free; nothing more was written");
                    assertThat(failure.getCause().getCause()).isNull(); // no fault behind it
                    assertThatThrownBy(() -> a.append(tick(new MutableTick(), appended + 1)))
                            .as("still full: still refused")
                            .isInstanceOf(StoreWriteException.class)
                            .hasMessageStartingWith("not enough disk space");
                    assertThat(s.count()).isEqualTo(appended);
                    // space again: the same writer goes on after the last whole record
                    Files.delete(filler);
                    MutableTick t = new MutableTick();
                    for (long id = appended + 1; id <= appended + 1000; id++) {
                        assertThat(a.append(tick(t, id))).isTrue();
                    }
                }
                assertThat(assertWholeAndContiguous(p))
                        .as("trial %d", trial)
                        .isEqualTo(appended + 1000);
                try (ChronicleTickStore again = ChronicleTickStore.open(config(p, 0))) {
                    assertThat(again.lastTradeId(BTC)).isEqualTo(appended + 1000);
                }
            }
        }
    }
}
