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
            String[] args = {
                "collect",
                "--symbols",
                "btcusdt",
                "--ws-url",
                sim.wsUrl(),
                "--rest-url",
                sim.restUrl(),
                "--store",
                store.toString(),
                "--duration",
                "3s"
            };
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
            long deadline = System.nanoTime() + 60_000_000_000L;
            long stored = 0;
            while (System.nanoTime() < deadline && stored < total) {
                CliRunner again = CliRunner.run(args);
                assertThat(again.exitCode).as(again.toString()).isZero();
                try (ChronicleTickStore s = ChronicleTickStore.open(store)) {
                    stored = s.count();
                }
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
}
