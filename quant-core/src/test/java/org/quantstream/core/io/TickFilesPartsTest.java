package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large plain file validated in parts, one per thread ({@link TickFiles#validate(List, long[],
 * ReadOptions, int)}), against one thread on the whole: the same counts, and for every bad line,
 * wherever it falls (inside a part, the first line of a part, the last line of the file, in two
 * parts at once), the same error: file, line, column and cause. Cut small here (the threshold is a
 * parameter) so that each file has many parts.
 */
class TickFilesPartsTest {
    @TempDir Path dir;

    private static final String TRADES = "id,price,qty,quote_qty,time,is_buyer_maker";

    @Test
    void shouldCountEveryFormatAndLineEndingAsOneThreadDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(20261207L);
        for (String end : List.of("\n", "\r\n")) {
            List<String> trades = trades(5_000, random);
            check(write("BTCUSDT-trades.csv", TRADES, trades, end), 20_000);
            List<String> withBlanks = new ArrayList<>(trades);
            for (int i = 0; i < 50; i++) {
                withBlanks.add(random.nextInt(withBlanks.size()), "");
            }
            check(write("BTCUSDT-blanks.csv", TRADES, withBlanks, end), 20_000);
            List<String> agg = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                agg.add(
                        (700 + i)
                                + ",61800.3,0.5,"
                                + (900 + 2 * i)
                                + ","
                                + (901 + 2 * i)
                                + ",1723161256322,true");
            }
            check(
                    write(
                            "ETHUSDT-aggTrades.csv",
                            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker",
                            agg,
                            end),
                    20_000);
            // no header: the first line is data
            check(write("BTCUSDT-noheader.csv", null, trades, end), 20_000);
        }
        // the first part holds no data line: the format comes later, so the file is read whole
        List<String> late = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            late.add("");
        }
        late.addAll(trades(2_000, random));
        check(write("BTCUSDT-late.csv", TRADES, late, "\n"), 1_000);
        // a compressed file is read whole by one thread
        Path plain = write("BTCUSDT-gz.csv", TRADES, trades(5_000, random), "\n");
        Path gz = dir.resolve("BTCUSDT-gz.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        check(gz, 1_000);
    }

    @Test
    void shouldReportTheFirstBadLineWithItsLineInTheWholeFile() throws IOException {
        SplittableRandom random = new SplittableRandom(7L);
        List<String> good = trades(4_000, random);
        int cases = 0;
        for (int n = 0; n < 120; n++) {
            List<String> lines = new ArrayList<>(good);
            Path file = dir.resolve("BTCUSDT-bad-" + n + ".csv");
            Files.writeString(file, TRADES + "\n" + String.join("\n", lines) + "\n");
            int threads = 2 + random.nextInt(3);
            long size = Files.size(file);
            long[] cuts = TickFiles.lineStarts(file, size, threads);
            // the bad line: anywhere, or the first line of a part, or the last of the file
            int bad =
                    switch (n % 3) {
                        case 0 -> random.nextInt(lines.size());
                        case 1 -> lineAt(file, cuts[1 + random.nextInt(cuts.length - 2)]) - 2;
                        default -> lines.size() - 1;
                    };
            lines.set(bad, damage(lines.get(bad), random));
            if (random.nextBoolean()) {
                int second = random.nextInt(lines.size());
                lines.set(second, damage(lines.get(second), random));
            }
            Files.writeString(file, TRADES + "\n" + String.join("\n", lines) + "\n");
            String one = error(file, 1);
            String parts = error(file, threads);
            assertThat(one).as("a bad line is found").isNotNull();
            assertThat(parts).as("case %d, %d threads", n, threads).isEqualTo(one);
            cases++;
        }
        assertThat(cases).isEqualTo(120);
    }

    @Test
    void shouldReadARecordingInPartsAsOneThreadDoes() throws IOException {
        // the real recorded stream, decompressed: JSON lines of trades and other events
        Path file = dir.resolve("BTCUSDT-recording.txt");
        try (java.io.InputStream in =
                new java.util.zip.GZIPInputStream(
                        Files.newInputStream(
                                org.quantstream.core.testkit.TestData.file(
                                        org.quantstream.core.testkit.TestData.BTC_2024_08_08)))) {
            Files.copy(in, file);
        }
        check(file, 100_000);
        List<String> lines = Files.readAllLines(file);
        SplittableRandom random = new SplittableRandom(11L);
        int found = 0;
        for (int n = 0; n < 20; n++) {
            List<String> damaged = new ArrayList<>(lines);
            int at = random.nextInt(damaged.size());
            damaged.set(at, damaged.get(at).replace("\"p\":\"", "\"p\":\"x"));
            Path bad = dir.resolve("BTCUSDT-recording-bad-" + n + ".txt");
            Files.write(bad, damaged);
            String one = error(bad, 1);
            assertThat(error(bad, 3)).as("case %d", n).isEqualTo(one);
            if (one != null) {
                found++;
            }
        }
        assertThat(found).as("damaged trades found").isGreaterThanOrEqualTo(15);
    }

    @Test
    void shouldCutAtLineStarts() throws IOException {
        Path file =
                write("BTCUSDT-cuts.csv", TRADES, trades(3_000, new SplittableRandom(3L)), "\n");
        byte[] b = Files.readAllBytes(file);
        for (int parts = 1; parts <= 8; parts++) {
            long[] cuts = TickFiles.lineStarts(file, b.length, parts);
            assertThat(cuts[0]).isZero();
            assertThat(cuts[cuts.length - 1]).isEqualTo(b.length);
            assertThat(cuts.length).isEqualTo(parts + 1);
            for (int k = 1; k < cuts.length - 1; k++) {
                assertThat(cuts[k]).isGreaterThan(cuts[k - 1]);
                assertThat(b[(int) cuts[k] - 1]).as("after a line end").isEqualTo((byte) '\n');
            }
        }
        // one line, no end inside: one part
        Path one = dir.resolve("BTCUSDT-one.csv");
        Files.writeString(one, "x".repeat(10_000));
        assertThat(TickFiles.lineStarts(one, 10_000, 4)).containsExactly(0, 10_000);
    }

    private void check(Path file, long partBytes) throws IOException {
        List<Path> files = List.of(file);
        long[] sizes = TickFiles.sizes(files);
        TickFiles.Counts one = TickFiles.validate(files, sizes, ReadOptions.defaults());
        assertThat(one.ticks()).isGreaterThan(0);
        for (int threads = 2; threads <= 4; threads++) {
            assertThat(TickFiles.validate(files, sizes, ReadOptions.defaults(), threads, partBytes))
                    .as("%s in %d parts", file.getFileName(), threads)
                    .isEqualTo(one);
        }
    }

    /** The message of the error validating the file with this many threads, or null. */
    private static String error(Path file, int threads) throws IOException {
        List<Path> files = List.of(file);
        long[] sizes = TickFiles.sizes(files);
        try {
            TickFiles.validate(files, sizes, ReadOptions.defaults(), threads, 1);
            return null;
        } catch (InputFormatException e) {
            return e.getMessage();
        }
    }

    /** The 1-based number of the line that starts at byte {@code at}. */
    private static int lineAt(Path file, long at) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String damage(String line, SplittableRandom random) {
        String[] f = line.split(",");
        int i = random.nextInt(f.length);
        f[i] = random.nextBoolean() ? "x" + f[i] : "";
        return String.join(",", f);
    }

    private static List<String> trades(int n, SplittableRandom random) {
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int cents = 6_000_000 + random.nextInt(100_000);
            int qty = 1 + random.nextInt(999);
            String price = cents / 100 + "." + String.format("%02d", cents % 100);
            String q = "0." + String.format("%03d", qty);
            String quote =
                    new java.math.BigDecimal(price)
                            .multiply(new java.math.BigDecimal(q))
                            .toPlainString();
            lines.add(
                    (5_266_583_935L + i)
                            + ","
                            + price
                            + ","
                            + q
                            + ","
                            + quote
                            + ","
                            + (1_723_161_256_322L + i)
                            + ","
                            + random.nextBoolean());
        }
        return lines;
    }

    private Path write(String name, String header, List<String> lines, String end)
            throws IOException {
        Path file = dir.resolve(name);
        StringBuilder s = new StringBuilder();
        if (header != null) {
            s.append(header).append(end);
        }
        for (String l : lines) {
            s.append(l).append(end);
        }
        Files.writeString(file, s, StandardCharsets.US_ASCII);
        return file;
    }
}
