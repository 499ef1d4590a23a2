package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Symbol;
import org.quantstream.feed.binance.BinanceSimulator;
import org.quantstream.feed.binance.SimulatorConfig;
import org.quantstream.store.chronicle.ChronicleTickStore;

class CollectAndDemoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void shouldCollectIntoAStoreAndResumeWithoutGapsOrDuplicates() throws Exception {
        Path store = dir.resolve("store");
        try (BinanceSimulator sim =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .data(List.of(TestData.file(TestData.BTC_2024_08_08)))
                                .speed(40)
                                .disconnectEvery(2_500)
                                .build())) {
            String[] args =
                    CliRunner.collectArgs(sim, "--store", store.toString(), "--duration", "3s");
            CliRunner first = CliRunner.run(args);
            assertThat(first.exitCode).as(first.toString()).isZero();
            JsonNode s1 = JSON.readTree(first.out);
            assertThat(s1.path("ticks").asLong()).isPositive();
            assertThat(s1.has("reconnects")).isTrue();
            assertThat(s1.has("backfilled")).isTrue();
            assertThat(first.err).contains("RUNNING ticks");
            // the collector was "down" while the simulator kept publishing; the second run resumes
            // and backfills
            Thread.sleep(1_000);
            long total = sim.aggTradeCount("BTCUSDT");
            // bounded by progress, not by wall time: on a loaded machine (under .ci/under-load a 60
            // s
            // deadline once ended at 10,384 of 10,447) each run still adds what it backfills
            long stored = 0;
            int idleRuns = 0;
            while (stored < total && idleRuns < 5) {
                CliRunner again = CliRunner.run(args);
                assertThat(again.exitCode).as(again.toString()).isZero();
                long before = stored;
                try (ChronicleTickStore s = ChronicleTickStore.open(store)) {
                    stored = s.count();
                }
                idleRuns = stored > before ? 0 : idleRuns + 1;
            }
            try (ChronicleTickStore s = ChronicleTickStore.open(store)) {
                assertThat(s.count()).isEqualTo(total);
                long[] totals = sim.aggTradeTotals("BTCUSDT");
                assertThat(s.lastTradeId(Symbol.of("BTCUSDT"))).isEqualTo(totals[2]);
            }
            CliRunner info = CliRunner.run("store", "info", "--store", store.toString(), "--json");
            JsonNode b = JSON.readTree(info.out).path("symbols").path("BTCUSDT");
            assertThat(b.path("count").asLong()).isEqualTo(total);
            assertThat(b.path("gaps").asLong()).as("ids contiguous").isZero();
        }
    }

    @Test
    void shouldCollectQuotesFromThePublicRouteNextToTrades() throws Exception {
        Path ticks = dir.resolve("ticks.csv");
        Path quotes = dir.resolve("quotes.csv");
        try (BinanceSimulator sim =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .data(List.of(TestData.file(TestData.BTC_MIXED)))
                                .speed(2)
                                .awaitSubscribers(2) // both routes see every message
                                .build())) {
            CliRunner run =
                    CliRunner.run(
                            CliRunner.collectArgs(
                                    sim,
                                    "--out",
                                    ticks.toString(),
                                    "--quotes",
                                    quotes.toString(),
                                    "--duration",
                                    "3s"));
            assertThat(run.exitCode).as(run.toString()).isZero();
            JsonNode summary = JSON.readTree(run.out);
            assertThat(summary.path("quotes").asLong()).isEqualTo(301);
            assertThat(summary.path("ticks").asLong()).isEqualTo(sim.aggTradeCount("BTCUSDT"));
            assertThat(run.err).contains("quotes 301");
            List<String> lines = java.nio.file.Files.readAllLines(quotes);
            assertThat(lines).hasSize(302);
            assertThat(lines.get(0)).isEqualTo(org.quantstream.core.io.QuoteWriter.HEADER);
            // the first recorded bookTicker: u 5123107839020, 2.507 @ 61800.20 / 61800.30 @ 2.510
            assertThat(lines.get(1))
                    .startsWith("BTCUSDT,5123107839020,1723161256313000000,")
                    .endsWith(",61800.2,2.507,61800.3,2.51");
        }
    }
}
