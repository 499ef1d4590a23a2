package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Tick;

/**
 * The parallel and read-ahead forms of {@link TickFiles} against the plain ones on the bundled
 * tapes: the same ticks in the same order, the same counts, the same first error.
 */
class TickFilesParallelTest {
    @TempDir Path dir;

    private static final List<Path> TAPES =
            List.of(
                    TestData.file(TestData.BTC_2024_07_18),
                    TestData.file(TestData.ETH_2024_07_18),
                    TestData.file(TestData.BTC_2024_08_08),
                    TestData.file(TestData.ETH_2024_08_08),
                    TestData.file(TestData.BTC_MIXED));

    @Test
    void shouldReadAheadTheSameTicksInTheSameOrder() throws IOException {
        long[] sizes = TickFiles.sizes(TAPES);
        List<Tick> plain = new ArrayList<>();
        TickFiles.Counts a =
                TickFiles.forEach(
                        TAPES, sizes, ReadOptions.defaults(), t -> plain.add(Tick.copyOf(t)));
        List<Tick> ahead = new ArrayList<>();
        TickFiles.Counts b =
                TickFiles.forEachReadAhead(
                        TAPES, sizes, ReadOptions.defaults(), t -> ahead.add(Tick.copyOf(t)));
        assertThat(ahead).hasSize(59_804);
        assertThat(ahead.equals(plain)).as("the same ticks in the same order").isTrue();
        assertThat(b).isEqualTo(a);
        assertThat(TickFiles.validate(TAPES, sizes, ReadOptions.defaults(), 3)).isEqualTo(a);
    }

    @Test
    void shouldDeliverTheTicksBeforeAnErrorThenTheErrorOfTheFirstBadFile() throws IOException {
        Path good = dir.resolve("BTCUSDT-good.csv");
        Path bad1 = dir.resolve("BTCUSDT-bad1.csv");
        Path bad2 = dir.resolve("BTCUSDT-bad2.csv");
        StringBuilder csv = new StringBuilder("id,price,qty,quote_qty,time,is_buyer_maker\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(100 + i).append(",61800.3,1,61800.3,1723161256322,false\n");
        }
        Files.writeString(good, csv);
        Files.writeString(bad1, csv + "99999,61800.3,x,61800.3,1723161256322,false\n");
        Files.writeString(
                bad2,
                "id,price,qty,quote_qty,time,is_buyer_maker\n1,oops,1,1,1723161256322,true\n");
        List<Path> files = List.of(good, bad1, bad2);
        long[] sizes = TickFiles.sizes(files);
        assertThatThrownBy(() -> TickFiles.validate(files, sizes, ReadOptions.defaults(), 3))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(bad1 + ":10002:");
        int[] seen = {0};
        assertThatThrownBy(
                        () ->
                                TickFiles.forEachReadAhead(
                                        files, sizes, ReadOptions.defaults(), t -> seen[0]++))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(bad1 + ":10002:");
        assertThat(seen[0]).isEqualTo(20_000);
    }

    @Test
    void shouldStopReadingWhenTheHandlerFails() {
        long[] sizes = {Long.MAX_VALUE};
        int[] seen = {0};
        assertThatThrownBy(
                        () ->
                                TickFiles.forEachReadAhead(
                                        List.of(TestData.file(TestData.BTC_2024_08_08)),
                                        sizes,
                                        ReadOptions.defaults(),
                                        t -> {
                                            if (++seen[0] == 5_000) {
                                                throw new IllegalStateException("disk full");
                                            }
                                        }))
                .hasMessage("disk full");
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .doesNotContain("parse-ahead");
    }
}
