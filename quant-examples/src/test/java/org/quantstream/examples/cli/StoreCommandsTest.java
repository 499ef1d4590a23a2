package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
