package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.testkit.SmallDisk;
import org.quantstream.core.testkit.TestData;

class StoreCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldSayThatADirectoryIsNotAStore() throws Exception {
        Path notAStore = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(notAStore.resolve("x.txt"), "hi");
        for (String[] args :
                new String[][] {
                    {"store", "info", "--store", notAStore.toString()},
                    {"export", "--store", notAStore.toString()}
                }) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
            assertThat(r.err).contains(notAStore + " is not a tick store");
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldRefuseASecondWriterWithOneClearLineAndChangeNothing() throws Exception {
        Path store = dir.resolve("store");
        String btc = TestData.file(TestData.BTC_2024_08_08).toString();
        String eth = TestData.file(TestData.ETH_2024_08_08).toString();
        assertThat(CliRunner.run("import", "--store", store.toString(), btc).exitCode).isZero();
        long before;
        try (org.quantstream.store.chronicle.ChronicleTickStore writer =
                org.quantstream.store.chronicle.ChronicleTickStore.open(store)) {
            before = writer.count();
            CliRunner second = CliRunner.run("import", "--store", store.toString(), eth);
            assertThat(second.exitCode).isEqualTo(1);
            assertThat(second.err.strip())
                    .isEqualTo(
                            "quant import: store "
                                    + store
                                    + " is being written by process "
                                    + ProcessHandle.current().pid()
                                    + "; a store has one writer at a time (readers may open it"
                                    + " read-only)");
            // readers still work while it is written
            assertThat(CliRunner.run("store", "info", "--store", store.toString()).exitCode)
                    .isZero();
            assertThat(writer.count()).isEqualTo(before);
        }
        assertThat(CliRunner.run("import", "--store", store.toString(), eth).exitCode).isZero();
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldRefuseAnImportThatDoesNotFitOnTheDiskAndWriteNothing() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 8L << 20)) {
            Path store = disk.path().resolve("store");
            CliRunner r =
                    CliRunner.run(
                            "import",
                            "--store",
                            store.toString(),
                            TestData.file(TestData.BTC_2024_08_08).toString());
            assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
            assertThat(r.err)
                    .contains(
                            "quant import: not enough disk space to append to the tick store at "
                                    + store
                                    + ": ")
                    .contains(" MiB to write and 256 MiB to keep free; nothing more was written")
                    .doesNotContain("Exception")
                    .doesNotContain("import   0%");
            try (org.quantstream.store.chronicle.ChronicleTickStore s =
                    org.quantstream.store.chronicle.ChronicleTickStore.open(store)) {
                assertThat(s.count()).isZero();
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldStopACollectorWhoseStoreDiskIsFullWithOneClearError() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 8L << 20);
                org.quantstream.feed.binance.BinanceSimulator sim =
                        org.quantstream.feed.binance.BinanceSimulator.start(
                                org.quantstream.feed.binance.SimulatorConfig.builder()
                                        .data(List.of(TestData.file(TestData.BTC_2024_08_08)))
                                        .speed(40)
                                        .build())) {
            Path store = disk.path().resolve("store");
            CliRunner r =
                    CliRunner.run(
                            CliRunner.collectArgs(
                                    sim, "--store", store.toString(), "--duration", "30s"));
            assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
            assertThat(r.err)
                    .contains(
                            "quant collect: collect stopped: not enough disk space to append to"
                                    + " the tick store at "
                                    + store)
                    .doesNotContain("Exception");
            assertThat(JSON.readTree(r.out).path("ticks").asLong())
                    .as("the summary is printed")
                    .isZero();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldReportAndSkipARecordNotWrittenWholeInInfoAndExport() throws Exception {
        Path store = dir.resolve("store");
        String btc = TestData.file(TestData.BTC_2024_08_08).toString();
        assertThat(CliRunner.run("import", "--store", store.toString(), btc).exitCode).isZero();
        // cut the record of trade 5266590000 after its event time, as a write that faulted would
        long id = 5_266_590_000L;
        Path file;
        try (var l = Files.list(store)) {
            file = l.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (java.nio.channels.FileChannel ch =
                java.nio.channels.FileChannel.open(
                        file,
                        java.nio.file.StandardOpenOption.READ,
                        java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.MappedByteBuffer m =
                    ch.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, ch.size());
            m.order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int at = -1;
            for (int p = 0; p + 8 <= m.limit(); p++) {
                if (m.getLong(p) == id) {
                    at = p;
                }
            }
            assertThat(at).isPositive();
            for (int k = -8; k < 29; k++) {
                m.put(at + k, (byte) 0); // receive time to the end of the record
            }
            m.force();
        }
        CliRunner info = CliRunner.run("store", "info", "--store", store.toString(), "--json");
        assertThat(info.exitCode).as(info.toString()).isZero();
        JsonNode doc = JSON.readTree(info.out);
        assertThat(doc.path("damaged").asLong()).isEqualTo(1);
        assertThat(doc.path("symbols").path("BTCUSDT").path("count").asLong()).isEqualTo(21_312);
        CliRunner text = CliRunner.run("store", "info", "--store", store.toString());
        assertThat(text.out).contains("1 damaged record(s) skipped: not written whole");
        Path out = dir.resolve("out.csv");
        CliRunner export =
                CliRunner.run("export", "--store", store.toString(), "--output", out.toString());
        assertThat(export.exitCode).as(export.toString()).isZero();
        assertThat(export.err)
                .contains("exported 21312 ticks (1 damaged records skipped: not written whole)");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(21_313); // the header and every whole record
        assertThat(lines)
                .noneMatch(l -> l.contains(",0,0,0,"))
                .noneMatch(l -> l.contains(",5266590000,"));
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldDescribeAStoreWhoseCreationWasInterrupted() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Files.writeString(store.resolve("writer.lock"), "12345");
        CliRunner info = CliRunner.run("store", "info", "--store", store.toString(), "--json");
        assertThat(info.exitCode).as(info.toString()).isZero();
        assertThat(JSON.readTree(info.out).path("symbols").size()).isZero();
        CliRunner export = CliRunner.run("export", "--store", store.toString());
        assertThat(export.exitCode).as(export.toString()).isZero();
        assertThat(export.err).contains("exported 0 ticks");
    }

    @Test
    void shouldImportTwiceWithoutDuplicatesAndDescribeTheStore() throws Exception {
        Path store = dir.resolve("store");
        String btc = TestData.file(TestData.BTC_2024_08_08).toString();
        String eth = TestData.file(TestData.ETH_2024_08_08).toString();
        CliRunner first = CliRunner.run("import", "--store", store.toString(), "--json", btc, eth);
        assertThat(first.exitCode).as(first.toString()).isZero();
        assertThat(JSON.readTree(first.out).path("appended").asLong()).isEqualTo(21_313 + 14_076);
        assertThat(first.err).contains("import").contains("35389/35389");
        assertThat(first.err)
                .as("progress to a non-terminal: plain lines, no carriage-return frames")
                .doesNotContain("\r");
        CliRunner again = CliRunner.run("import", "--store", store.toString(), "--json", btc);
        JsonNode second = JSON.readTree(again.out);
        assertThat(second.path("appended").asLong()).isZero();
        assertThat(second.path("duplicates").asLong()).isEqualTo(21_313);

        CliRunner info = CliRunner.run("store", "info", "--store", store.toString(), "--json");
        assertThat(info.exitCode).as(info.toString()).isZero();
        JsonNode doc = JSON.readTree(info.out);
        JsonNode b = doc.path("symbols").path("BTCUSDT");
        assertThat(b.path("count").asLong()).isEqualTo(21_313);
        assertThat(b.path("firstTradeId").asLong()).isEqualTo(5_266_583_935L);
        assertThat(b.path("lastTradeId").asLong()).isEqualTo(5_266_605_247L);
        assertThat(b.path("firstTime").asLong()).isEqualTo(1_723_161_256_322L);
        assertThat(b.path("lastTime").asLong()).isEqualTo(1_723_161_599_643L);
        assertThat(doc.path("symbols").path("ETHUSDT").path("count").asLong()).isEqualTo(14_076);
        assertThat(doc.path("bytes").asLong()).isPositive();
        assertThat(doc.path("cycles").asInt()).isEqualTo(1);

        // a store reads like a file
        CliRunner summary =
                CliRunner.run("ticks", "--summary", "--json", "--input", store.toString());
        CliRunner fromFiles = CliRunner.run("ticks", "--summary", "--json", "--input", btc, eth);
        assertThat(JSON.readTree(summary.out).path("symbols"))
                .isEqualTo(JSON.readTree(fromFiles.out).path("symbols"));
    }

    @Test
    void shouldRejectAnImportWithABadFileWritingNothing() throws Exception {
        Path store = dir.resolve("store");
        Path bad =
                Files.writeString(
                        dir.resolve("BTCUSDT-trades.csv"),
                        "1,100,1,100,1721347022956,true\n2,x,1,1,1721347022957,true\n");
        CliRunner r =
                CliRunner.run(
                        "import",
                        "--store",
                        store.toString(),
                        TestData.file(TestData.ETH_2024_08_08).toString(),
                        bad.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains(bad + ":2:3: price \"x\" is not a number");
        assertThat(store).doesNotExist();
    }

    @Test
    void shouldExportARangeOfOneSymbolInEitherFormat() throws Exception {
        Path store = dir.resolve("store");
        CliRunner.run(
                "import",
                "--store",
                store.toString(),
                TestData.file(TestData.BTC_2024_08_08).toString(),
                TestData.file(TestData.ETH_2024_08_08).toString());
        CliRunner csv =
                CliRunner.run(
                        "export",
                        "--store",
                        store.toString(),
                        "--only",
                        "ethusdt",
                        "--from",
                        "2024-08-08T23:59:00Z",
                        "--to",
                        "1723161570000",
                        "--format",
                        "csv");
        assertThat(csv.exitCode).as(csv.toString()).isZero();
        List<String> lines = csv.out.lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "symbol,trade_id,event_time_ns,receive_time_ns,price,quantity,aggressor");
        assertThat(lines.subList(1, lines.size()))
                .isNotEmpty()
                .allSatisfy(
                        l -> {
                            String[] c = l.split(",");
                            assertThat(c[0]).isEqualTo("ETHUSDT");
                            long t = Long.parseLong(c[2]);
                            assertThat(t)
                                    .isBetween(
                                            1_723_161_540_000_000_000L, 1_723_161_569_999_999_999L);
                        });
        CliRunner jsonl =
                CliRunner.run(
                        "export",
                        "--store",
                        store.toString(),
                        "--only",
                        "ETHUSDT",
                        "--from",
                        "2024-08-08T23:59:00Z",
                        "--to",
                        "1723161570000",
                        "--format",
                        "jsonl");
        assertThat(jsonl.out.lines().count()).isEqualTo(lines.size() - 1);
        CliRunner badTime =
                CliRunner.run("export", "--store", store.toString(), "--from", "yesterday");
        assertThat(badTime.exitCode).isEqualTo(1);
        assertThat(badTime.err).contains("--from must be epoch milliseconds or ISO-8601");
    }
}
