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

class ResampleAndBarsCommandTest {
    @TempDir Path dir;

    private static String btc() {
        return TestData.file(TestData.BTC_2024_08_08).toString();
    }

    @Test
    void shouldResampleTheRealTapeIntoTheDocumentedCsv() {
        CliRunner r = CliRunner.run("resample", "--input", btc(), "--timeframe", "1m");
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "symbol,open_time,close_time,open,high,low,close,volume,quote_volume,trades,buy_volume,vwap");
        assertThat(lines).hasSize(1 + 6);
        // 23:54 to 23:59: first bar opens at 23:54:00, last at 23:59:00; trades sum to the tape's
        // 21,313
        assertThat(lines.get(1))
                .startsWith(
                        "BTCUSDT,1723161240000,1723161300000,61800.3,61839.8,61800,61807.8,125.967,");
        assertThat(lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[9])).sum())
                .isEqualTo(21313);
        assertThat(r.err).contains("6 1m bars");
    }

    @Test
    void shouldFillGapsWhenAskedAndWriteJsonLines() throws Exception {
        Path ticks = dir.resolve("BTCUSDT-trades.csv");
        Files.writeString(
                ticks, "1,100,1,100,1723161600000,true\n2,101,2,202,1723161603500,false\n");
        CliRunner r =
                CliRunner.run(
                        "resample",
                        "--input",
                        ticks.toString(),
                        "--timeframe",
                        "1s",
                        "--gaps",
                        "fill",
                        "--format",
                        "json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines).hasSize(4);
        JsonNode gap = new ObjectMapper().readTree(lines.get(1));
        assertThat(gap.path("open").asDouble()).isEqualTo(100);
        assertThat(gap.path("volume").asDouble()).isZero();
        assertThat(gap.path("vwap").isNull()).isTrue();
        assertThat(gap.path("flags").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRejectABadTickFileAndWriteNothing() throws Exception {
        Path ticks = dir.resolve("BTCUSDT-trades.csv");
        Files.writeString(
                ticks, "1,100,1,100,1723161600000,true\n2,xyz,2,202,1723161603500,false\n");
        Path out = dir.resolve("bars.csv");
        CliRunner r =
                CliRunner.run(
                        "resample",
                        "--input",
                        ticks.toString(),
                        "--timeframe",
                        "1s",
                        "--output",
                        out.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains(ticks + ":2:3: price \"xyz\" is not a number");
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).containsExactly("BTCUSDT-trades.csv");
    }

    @Test
    void shouldRefuseABadTimeframeWithTheAcceptedForms() {
        CliRunner r = CliRunner.run("resample", "--input", btc(), "--timeframe", "1.5m");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains("\"1.5m\"").contains("1s, 5s, 1m");
    }

    @Test
    void shouldImportKlinesAndExportARangeAsJson() throws Exception {
        Path klines = dir.resolve("BTCUSDT-1m-2024-08-09.csv");
        Files.writeString(
                klines,
                "1723161600000,61780.10,61800.00,61770.00,61790.50,12.345,1723161659999,762728.7,321,6.1,376894.2,0\n"
                        + "1723161660000,61790.50,61795.00,61760.00,61761.00,3.5,1723161719999,216236.5,80,1.5,92646.1,0\n"
                        + "1723161720000,61761.00,61770.00,61750.00,61765.00,2,1723161779999,123530,40,1,61765,0\n");
        Path imported = dir.resolve("btc-1m.csv");
        CliRunner in =
                CliRunner.run(
                        "bars",
                        "import",
                        "--input",
                        klines.toString(),
                        "--output",
                        imported.toString());
        assertThat(in.exitCode).as(in.toString()).isZero();
        assertThat(Files.readAllLines(imported)).hasSize(4);
        CliRunner out =
                CliRunner.run(
                        "bars",
                        "export",
                        "--input",
                        imported.toString(),
                        "--from",
                        "2024-08-09T00:01:00Z",
                        "--to",
                        "1723161780000",
                        "--format",
                        "json");
        assertThat(out.exitCode).as(out.toString()).isZero();
        List<String> lines = out.out.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(new ObjectMapper().readTree(lines.get(0)).path("openTime").asLong())
                .isEqualTo(1723161660000L);
        assertThat(new ObjectMapper().readTree(lines.get(0)).path("timeframe").asText())
                .isEqualTo("1m");
    }

    @Test
    void shouldRejectAnImportWithOneBadBarAndWriteNothing() throws Exception {
        Path bars = dir.resolve("ETHUSDT-bars.csv");
        Files.writeString(
                bars,
                "timestamp,open,high,low,close,volume\n1723161600000,10,11,9,10.5,1\n1723161660000,10,9,9,10.5,1\n");
        Path out = dir.resolve("out.csv");
        CliRunner r =
                CliRunner.run(
                        "bars", "import", "--input", bars.toString(), "--output", out.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip())
                .isEqualTo(
                        "quant bars import: "
                                + bars
                                + ":3:18: high 9.0 is below max(open, close) 10.5");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldRejectOverlappingFiles() throws Exception {
        Path a = dir.resolve("SOLUSDT-a.csv");
        Files.writeString(
                a,
                "timestamp,open,high,low,close,volume\n1723161600000,10,11,9,10.5,1\n1723161660000,10,11,9,10.5,1\n");
        CliRunner r = CliRunner.run("bars", "import", "--input", a.toString(), a.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains("is not after the previous file's last bar");
    }

    @Test
    void shouldImportJsonBarsWithoutASymbolAndJsonArraysAndFilterWithOnly() throws Exception {
        Path lines =
                Files.writeString(
                        dir.resolve("lines.json"),
                        "{\"openTime\":1723161240000,\"open\":1,\"high\":2,\"low\":0.5,\"close\":1.5,\"volume\":10}\n"
                                + "{\"openTime\":1723161300000,\"open\":1.5,\"high\":2,\"low\":1,\"close\":1.2,\"volume\":3}\n");
        Path array =
                Files.writeString(
                        dir.resolve("array.json"),
                        "[[1723161240000,2,3,1,2.5,4],[1723161300000,2.5,3,2,2.2,5]]");
        Path out = dir.resolve("both.csv");
        CliRunner in =
                CliRunner.run(
                        "bars",
                        "import",
                        "--input",
                        lines.toString(),
                        "--symbol",
                        "ETHUSDT",
                        "--output",
                        out.toString());
        assertThat(in.exitCode).as(in.toString()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(3).allMatch(l -> !l.contains("BTCUSDT"));
        Path arrayOut = dir.resolve("array.csv");
        CliRunner in2 =
                CliRunner.run(
                        "bars",
                        "import",
                        "--input",
                        array.toString(),
                        "--symbol",
                        "BTCUSDT",
                        "--output",
                        arrayOut.toString());
        assertThat(in2.exitCode).as(in2.toString()).isZero();
        CliRunner only =
                CliRunner.run(
                        "bars",
                        "export",
                        "--input",
                        out.toString(),
                        arrayOut.toString(),
                        "--only",
                        "btcusdt");
        assertThat(only.exitCode).as(only.toString()).isZero();
        assertThat(only.out.lines().skip(1)).hasSize(2).allMatch(l -> l.startsWith("BTCUSDT,"));
        CliRunner two =
                CliRunner.run(
                        "bars",
                        "export",
                        "--input",
                        out.toString(),
                        arrayOut.toString(),
                        "--only",
                        "BTCUSDT,ETHUSDT");
        assertThat(two.out.lines().skip(1)).hasSize(4);
        CliRunner old =
                CliRunner.run("bars", "export", "--input", out.toString(), "--symbol", "BTCUSDT");
        assertThat(old.exitCode).isEqualTo(2);
        assertThat(old.err).contains("Unknown option: '--symbol'");
    }
}
