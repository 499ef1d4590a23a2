package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.testkit.TestData;

class TicksCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void shouldSummarizeTheRealBtcTapeAsJson() throws Exception {
        CliRunner r =
                CliRunner.run(
                        "ticks",
                        "--summary",
                        "--json",
                        "--input",
                        TestData.file(TestData.BTC_2024_08_08).toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode btc = JSON.readTree(r.out).path("symbols").path("BTCUSDT");
        assertThat(btc.path("count").asLong()).isEqualTo(21313);
        assertThat(btc.path("firstTradeId").asLong()).isEqualTo(5266583935L);
        assertThat(btc.path("lastTradeId").asLong()).isEqualTo(5266605247L);
        assertThat(btc.path("minPrice").asDouble()).isEqualTo(61590.3);
        assertThat(btc.path("maxPrice").asDouble()).isEqualTo(61839.9);
        assertThat(btc.path("firstTime").asLong()).isEqualTo(1723161256322L);
        assertThat(btc.path("lastTime").asLong()).isEqualTo(1723161599643L);
        assertThat(btc.path("duplicates").asLong()).isZero();
        assertThat(btc.path("gaps").asLong()).isZero();
        assertThat(btc.path("volume").asDouble()).isBetween(2429.366 - 1e-9, 2429.366 + 1e-9);
    }

    @Test
    void shouldCountDuplicatesAndGapsAcrossFiles() throws Exception {
        Path a = dir.resolve("BTCUSDT-a.csv");
        Path b = dir.resolve("BTCUSDT-b.csv");
        Files.writeString(a, "1,100,1,100,1721347022956,true\n2,101,1,101,1721347022957,true\n");
        Files.writeString(b, "2,101,1,101,1721347022957,true\n5,102,2,204,1721347022958,false\n");
        CliRunner r =
                CliRunner.run(
                        "ticks", "--summary", "--json", "--input", a.toString(), b.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode btc = JSON.readTree(r.out).path("symbols").path("BTCUSDT");
        assertThat(btc.path("count").asLong()).isEqualTo(3);
        assertThat(btc.path("duplicates").asLong()).isEqualTo(1);
        assertThat(btc.path("gaps").asLong()).isEqualTo(1);
        assertThat(btc.path("vwap").asDouble()).isEqualTo((100 + 101 + 204) / 4.0);
    }

    @Test
    void shouldWriteNormalizedTicksThatReadBackTheSame(
            /* every format in, CSV and JSONL out */ ) throws Exception {
        for (String format : new String[] {"csv", "jsonl"}) {
            Path out = dir.resolve("eth." + format);
            CliRunner w =
                    CliRunner.run(
                            "ticks",
                            "--format",
                            format,
                            "--output",
                            out.toString(),
                            "--input",
                            TestData.file(TestData.ETH_2024_08_08).toString());
            assertThat(w.exitCode).as(w.toString()).isZero();
            assertThat(w.out).isEmpty();
            CliRunner original =
                    CliRunner.run(
                            "ticks",
                            "--summary",
                            "--json",
                            "--input",
                            TestData.file(TestData.ETH_2024_08_08).toString());
            CliRunner copy =
                    CliRunner.run("ticks", "--summary", "--json", "--input", out.toString());
            assertThat(copy.exitCode).as(copy.toString()).isZero();
            assertThat(JSON.readTree(copy.out).path("symbols"))
                    .isEqualTo(JSON.readTree(original.out).path("symbols"));
        }
    }

    @Test
    void shouldWriteCsvToStdoutWithTheHeaderFirst() throws Exception {
        CliRunner r =
                CliRunner.run("ticks", "--input", TestData.file(TestData.BTC_MIXED).toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        String[] lines = r.out.split("\n");
        assertThat(lines[0])
                .isEqualTo(
                        "symbol,trade_id,event_time_ns,receive_time_ns,price,quantity,aggressor");
        assertThat(lines).hasSize(1 + 59);
        assertThat(lines[1]).startsWith("BTCUSDT,5266583935,1723161256322000000,");
    }

    @Test
    void shouldRejectABadFileWithOneLineNamingThePlaceAndWriteNothing() throws Exception {
        Path bad = dir.resolve("BTCUSDT-trades.csv");
        Files.writeString(bad, "1,100,1,100,1721347022956,true\n2,abc,1,100,1721347022957,true\n");
        Path out = dir.resolve("out.csv");
        CliRunner r = CliRunner.run("ticks", "--input", bad.toString(), "--output", out.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.err.strip())
                .isEqualTo("quant ticks: " + bad + ":2:3: price \"abc\" is not a number");
        assertThat(out).doesNotExist();
        assertThat(r.out).isEmpty();

        CliRunner toStdout = CliRunner.run("ticks", "--input", bad.toString());
        assertThat(toStdout.exitCode).isEqualTo(1);
        assertThat(toStdout.out).as("nothing written from a rejected file").isEmpty();
    }

    @Test
    void shouldSkipAndReportBadLinesWhenAsked() throws Exception {
        Path bad = dir.resolve("BTCUSDT-trades.csv");
        Files.writeString(
                bad,
                "1,100,1,100,1721347022956,true\n2,abc,1,100,1721347022957,true\n3,102,1,102,1721347022958,false\n");
        CliRunner r =
                CliRunner.run(
                        "ticks", "--summary", "--json", "--skip-bad", "--input", bad.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.err).contains("skipped " + bad + ":2:3: price \"abc\" is not a number");
        JsonNode doc = JSON.readTree(r.out);
        assertThat(doc.path("badLines").asLong()).isEqualTo(1);
        assertThat(doc.path("symbols").path("BTCUSDT").path("count").asLong()).isEqualTo(2);
    }

    @Test
    void shouldUseTheSymbolOptionForDataThatNamesNone() throws Exception {
        Path f = dir.resolve("trades.csv");
        Files.writeString(f, "1,100,1,100,1721347022956,true\n");
        CliRunner without = CliRunner.run("ticks", "--summary", "--json", "--input", f.toString());
        assertThat(without.exitCode).isEqualTo(1);
        assertThat(without.err).contains("cannot tell the symbol").contains("--symbol");
        CliRunner with =
                CliRunner.run(
                        "ticks",
                        "--summary",
                        "--json",
                        "--symbol",
                        "solusdt",
                        "--input",
                        f.toString());
        assertThat(with.exitCode).as(with.toString()).isZero();
        assertThat(JSON.readTree(with.out).path("symbols").has("SOLUSDT")).isTrue();
    }

    @Test
    void shouldSayWhenAFileIsMissing() {
        CliRunner r =
                CliRunner.run("ticks", "--summary", "--input", dir.resolve("nope.csv").toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip())
                .isEqualTo("quant ticks: " + dir.resolve("nope.csv") + ": no such file");
    }

    @Test
    void shouldTreatBadUsageAsExitCodeTwoWithUsage() {
        CliRunner unknown = CliRunner.run("ticks", "--input", "x", "--colour");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err)
                .contains("Unknown option: '--colour'")
                .contains("Usage: quant ticks");
        CliRunner missing = CliRunner.run("ticks");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("Missing required option: '--input=FILE'");
        CliRunner format = CliRunner.run("ticks", "--input", "x", "--format", "xml");
        assertThat(format.exitCode).isEqualTo(2);
        assertThat(format.err).contains("xml");
        CliRunner jsonAlone = CliRunner.run("ticks", "--input", "x", "--json");
        assertThat(jsonAlone.exitCode).isEqualTo(1);
        assertThat(jsonAlone.err).contains("--json goes with --summary");
    }

    @Test
    void shouldReadStandardInput() throws Exception {
        byte[] tape;
        try (java.io.InputStream in =
                new java.util.zip.GZIPInputStream(
                        java.nio.file.Files.newInputStream(
                                org.quantstream.core.testkit.TestData.file(
                                        org.quantstream.core.testkit.TestData.BTC_2024_08_08)))) {
            tape = in.readAllBytes();
        }
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(tape));
            // validated, then read: both passes see the same bytes (before: "-: no such file")
            CliRunner r = CliRunner.run("ticks", "--input", "-", "--symbol", "BTCUSDT");
            assertThat(r.exitCode).as(r.toString()).isZero();
            assertThat(r.out.lines().count()).isEqualTo(1 + 21_313);
        } finally {
            System.setIn(stdin);
        }
    }
}
