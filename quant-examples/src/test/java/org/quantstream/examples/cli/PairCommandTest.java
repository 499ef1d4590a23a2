package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.testkit.Oracle;
import org.quantstream.core.testkit.TestData;

class PairCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static String btc() {
        return TestData.file(TestData.BTC_2024_08_08).toString();
    }

    private static String eth() {
        return TestData.file(TestData.ETH_2024_08_08).toString();
    }

    @Test
    void shouldMatchTheReferenceZScoreAndAlertsOnTheRealTapes() throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(
                rules,
                "[{\"name\":\"z_outside_2_h0.5\",\"metric\":\"zScore\",\"pair\":\"BTCUSDT/ETHUSDT\","
                        + "\"condition\":\"OUTSIDE\",\"lower\":-2,\"upper\":2,\"hysteresis\":0.5}]");
        Path table = dir.resolve("pair.csv");
        Path alerts = dir.resolve("alerts.jsonl");
        CliRunner r =
                CliRunner.run(
                        "pair",
                        "--a",
                        btc(),
                        "--b",
                        eth(),
                        "--rules",
                        rules.toString(),
                        "--output",
                        table.toString(),
                        "--alerts",
                        alerts.toString(),
                        "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        // the oracle's public case: log ETH on log BTC, rolling OLS 120, z over 60, 1 s bars
        JsonNode doc = Oracle.load("g_pair_backtest");
        JsonNode time = doc.path("inputs").path("time_ms");
        JsonNode z = doc.path("signals").path("hedge120_z60").path("z");
        Map<Long, Double> expected = new HashMap<>();
        for (int i = 0; i < z.size(); i++) {
            expected.put(time.get(i).asLong(), Oracle.num(z.get(i)));
        }
        List<String> lines = Files.readAllLines(table);
        assertThat(lines.get(0))
                .isEqualTo(
                        "open_time,price_a,price_b,beta,alpha,spread,z,corr,adf_stat,adf_p,half_life");
        assertThat(lines).hasSize(z.size() + 1);
        int compared = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            double want = expected.get(Long.parseLong(f[0]));
            if (Double.isNaN(want)) {
                assertThat(f[6]).as(line).isEmpty();
            } else {
                assertThat(Double.parseDouble(f[6])).as(line).isCloseTo(want, within(1e-9));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(150);
        JsonNode summary = JSON.readTree(r.out);
        assertThat(summary.path("snapshots").asInt()).isEqualTo(z.size());
        JsonNode fired = doc.path("alerts").path("rules").get(0).path("fired");
        assertThat(summary.path("alerts")).hasSize(fired.size());
        List<String> jsonLines = Files.readAllLines(alerts);
        assertThat(jsonLines).hasSize(fired.size());
        for (int i = 0; i < fired.size(); i++) {
            JsonNode mine = summary.path("alerts").get(i);
            assertThat(mine.path("time").asLong()).isEqualTo(fired.get(i).path("time").asLong());
            assertThat(mine.path("value").asDouble())
                    .isCloseTo(fired.get(i).path("value").asDouble(), within(1e-9));
            assertThat(JSON.readTree(jsonLines.get(i)).path("eventTimeNanos").asLong())
                    .isEqualTo(fired.get(i).path("time").asLong() * 1_000_000L);
        }
        assertThat(summary.path("suppressed").path("z_outside_2_h0.5").asInt()).isZero();
    }

    @Test
    void shouldReadBarFilesAsWellAndGiveTheSameTable() throws Exception {
        Path barsA = dir.resolve("btc-1s.csv");
        Path barsB = dir.resolve("eth-1s.csv");
        assertThat(
                        CliRunner.run(
                                        "resample",
                                        "--input",
                                        btc(),
                                        "--timeframe",
                                        "1s",
                                        "--output",
                                        barsA.toString())
                                .exitCode)
                .isZero();
        assertThat(
                        CliRunner.run(
                                        "resample",
                                        "--input",
                                        eth(),
                                        "--timeframe",
                                        "1s",
                                        "--output",
                                        barsB.toString())
                                .exitCode)
                .isZero();
        CliRunner ticks = CliRunner.run("pair", "--a", btc(), "--b", eth());
        CliRunner bars = CliRunner.run("pair", "--a", barsA.toString(), "--b", barsB.toString());
        assertThat(bars.exitCode).as(bars.toString()).isZero();
        assertThat(bars.out).isEqualTo(ticks.out);
        assertThat(bars.out.lines().count()).isEqualTo(344);
        CliRunner mixed = CliRunner.run("pair", "--a", barsA.toString(), "--b", eth());
        assertThat(mixed.exitCode).isEqualTo(1);
        assertThat(mixed.err).contains("--a and --b must both be tick files or both bar files");
        Path junk = dir.resolve("junk.csv");
        Files.writeString(junk, "hello,world\n1,2\n");
        CliRunner neither = CliRunner.run("pair", "--a", junk.toString(), "--b", eth());
        assertThat(neither.exitCode).isEqualTo(1);
        assertThat(neither.err)
                .contains(junk + " is neither a tick file (")
                .contains(") nor a bar file (");
    }

    @Test
    void shouldSayWhatIsWrongWithTheInputsOrTheRules() throws Exception {
        CliRunner missing = CliRunner.run("pair", "--a", btc());
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err).contains("give --a FILE and --b FILE, or --store DIR");
        Path rules = dir.resolve("rules.json");
        Files.writeString(
                rules,
                "[{\"name\":\"x\",\"metric\":\"zScore\",\"pair\":\"BTCUSDT/ETHUSDT\","
                        + "\"condition\":\"ABOVE\"}]");
        CliRunner bad =
                CliRunner.run("pair", "--a", btc(), "--b", eth(), "--rules", rules.toString());
        assertThat(bad.exitCode).isEqualTo(1);
        assertThat(bad.err).contains(rules + ": rule 0, field \"threshold\": missing");
        Files.writeString(
                rules,
                "[{\"name\":\"x\",\"metric\":\"zscore\",\"pair\":\"BTCUSDT/ETHUSDT\","
                        + "\"condition\":\"ABOVE\",\"threshold\":1}]");
        CliRunner metric =
                CliRunner.run("pair", "--a", btc(), "--b", eth(), "--rules", rules.toString());
        assertThat(metric.exitCode).isEqualTo(1);
        assertThat(metric.err).contains("rule x: unknown pair metric \"zscore\"; valid: ");
        CliRunner same = CliRunner.run("pair", "--a", btc(), "--b", btc());
        assertThat(same.exitCode).isEqualTo(1);
        assertThat(same.err).contains("both legs are BTCUSDT");
    }

    @Test
    void shouldReadTheLegsFromAStoreWithEveryHedgeMethod() throws Exception {
        Path store = dir.resolve("store");
        assertThat(CliRunner.run("import", "--store", store.toString(), btc(), eth()).exitCode)
                .isZero();
        CliRunner files = CliRunner.run("pair", "--a", btc(), "--b", eth(), "--format", "json");
        CliRunner fromStore =
                CliRunner.run(
                        "pair",
                        "--store",
                        store.toString(),
                        "--symbol-a",
                        "BTCUSDT",
                        "--symbol-b",
                        "ETHUSDT",
                        "--format",
                        "json");
        assertThat(fromStore.exitCode).as(fromStore.toString()).isZero();
        assertThat(fromStore.out).isEqualTo(files.out);
        for (String hedge : List.of("ols", "recursive-ols", "huber", "tls", "kalman")) {
            CliRunner h = CliRunner.run("pair", "--a", btc(), "--b", eth(), "--hedge", hedge);
            assertThat(h.exitCode).as(hedge + " " + h).isZero();
            assertThat(h.out.lines().count()).as(hedge).isEqualTo(344);
        }
    }
}
