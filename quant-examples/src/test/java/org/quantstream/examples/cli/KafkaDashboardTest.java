package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.examples.dashboard.DashboardServer;

/**
 * {@code quant dashboard --kafka}: its options, and what the page may change of a cluster (the pair
 * and symbols drawn) and may not (what the workers compute), with the reasons a user reads. The
 * reading of the topics is proven on a real broker (quant-kafka's {@code TopicOutputsIT}) and in a
 * browser ({@code ClusterDashboardBrowserIT}).
 */
class KafkaDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private Path config() throws Exception {
        Path f = dir.resolve("pipeline.json");
        Files.writeString(
                f,
                """
                {
                  "symbols": ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
                  "timeframes": ["1s"],
                  "pairs": [
                    {"a": "BTCUSDT", "b": "ETHUSDT"},
                    {"a": "ETHUSDT", "b": "SOLUSDT", "hedge": "kalman", "zWindow": 30}
                  ],
                  "rules": [{"name": "z-out", "metric": "zScore", "pair": "BTCUSDT/ETHUSDT",
                             "condition": "OUTSIDE", "lower": -2, "upper": 2}]
                }
                """);
        return f;
    }

    @Test
    void shouldNameWhatIsMissingOrMisplacedOnTheCommandLine() {
        CliRunner noConfig = CliRunner.run("dashboard", "--kafka", "127.0.0.1:9");
        assertThat(noConfig.exitCode).as(noConfig.toString()).isEqualTo(2);
        assertThat(noConfig.err).contains("--kafka needs --config FILE");
        CliRunner local =
                CliRunner.run(
                        "dashboard",
                        "--kafka",
                        "127.0.0.1:9",
                        "--source",
                        "store",
                        "--config",
                        "x");
        assertThat(local.exitCode).isEqualTo(2);
        assertThat(local.err).contains("--source is for the one-process dashboard, not --kafka");
        CliRunner stray = CliRunner.run("dashboard", "--config", "x");
        assertThat(stray.exitCode).isEqualTo(2);
        assertThat(stray.err).contains("--config is for --kafka");
    }

    @Test
    void shouldLetThePagePickAPairOfTheWorkersButNotChangeWhatTheyCompute() throws Exception {
        Path f = config();
        try (DashboardServer server = DashboardServer.start("127.0.0.1", 0);
                KafkaDashboard k =
                        new KafkaDashboard(
                                "127.0.0.1:9",
                                List.of("bars", "snapshots", "alerts"),
                                f,
                                server,
                                new PrintStream(PrintStream.nullOutputStream()))) {
            JsonNode s = JSON.readTree(k.settingsJson());
            assertThat(s.get("mode").asText()).isEqualTo("kafka");
            assertThat(s.get("symbolA").asText() + "/" + s.get("symbolB").asText())
                    .isEqualTo("BTCUSDT/ETHUSDT");
            assertThat(s.get("pairs").toString())
                    .isEqualTo("[\"BTCUSDT/ETHUSDT\",\"ETHUSDT/SOLUSDT\"]");
            assertThat(s.get("hedge").asText()).isEqualTo("rolling-ols");
            assertThat(s.get("shown").toString()).isEqualTo("[\"BTCUSDT\",\"ETHUSDT\"]");

            // the other pair: its own hedge and window come with it; its legs are drawn
            JsonNode next =
                    JSON.readTree(
                            k.updateSettings(
                                    "{\"symbolA\":\"ETHUSDT\",\"symbolB\":\"SOLUSDT\","
                                            + "\"symbols\":[\"BTCUSDT\"],\"entry\":1.5}"));
            assertThat(next.get("hedge").asText()).isEqualTo("kalman");
            assertThat(next.get("window").asInt()).isEqualTo(30);
            assertThat(next.get("entry").asDouble()).isEqualTo(1.5);
            assertThat(next.get("shown").toString())
                    .isEqualTo("[\"BTCUSDT\",\"ETHUSDT\",\"SOLUSDT\"]");
            assertThat(next.get("rebuilds").asLong()).isEqualTo(1);

            assertThatThrownBy(
                            () ->
                                    k.updateSettings(
                                            "{\"symbolA\":\"SOLUSDT\",\"symbolB\":\"BTCUSDT\"}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "symbolA, symbolB: the workers compute the pairs BTCUSDT/ETHUSDT,"
                                    + " ETHUSDT/SOLUSDT; SOLUSDT/BTCUSDT is not one of them (change "
                                    + f
                                    + " and restart the workers for another)");
            assertThatThrownBy(() -> k.updateSettings("{\"hedge\":\"tls\"}"))
                    .hasMessage(
                            "hedge: the workers compute kalman (set in "
                                    + f
                                    + "); the dashboard of a cluster cannot change it, was"
                                    + " \"tls\"");
            assertThatThrownBy(() -> k.updateSettings("{\"symbols\":[\"XRPUSDT\"]}"))
                    .hasMessageContaining("XRPUSDT is not one of them");
            assertThatThrownBy(() -> k.updateSettings("{\"timeframe\":\"1m\"}"))
                    .hasMessageStartingWith("timeframe: the workers compute 1s");
            assertThatThrownBy(() -> k.updateSettings("{\"exit\":-1}"))
                    .hasMessage("exit: must be >= 0 and below the entry 1.5, was -1.0");
            // what the page sends back unchanged is not a change
            assertThat(JSON.readTree(k.updateSettings("{\"window\":30,\"timeframe\":\"1s\"}")))
                    .isNotNull();
            // refusals changed nothing
            assertThat(JSON.readTree(k.settingsJson()).get("hedge").asText()).isEqualTo("kalman");

            JsonNode rules = JSON.readTree(k.rulesJson());
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).get("name").asText()).isEqualTo("z-out");
            assertThat(rules.get(0).get("fired").asLong()).isZero();
            assertThatThrownBy(() -> k.updateRules("{\"clear\":true}"))
                    .hasMessage(
                            "the alert rules are the workers' (set in "
                                    + f
                                    + "): change the file and restart the workers");
        }
    }

    @Test
    void shouldRefuseAPipelineFileWithoutAPair() throws Exception {
        Path f = dir.resolve("nopair.json");
        Files.writeString(f, "{\"symbols\": [\"BTCUSDT\"], \"timeframes\": [\"1s\"]}");
        try (DashboardServer server = DashboardServer.start("127.0.0.1", 0)) {
            assertThatThrownBy(
                            () ->
                                    new KafkaDashboard(
                                            "127.0.0.1:9",
                                            List.of("bars", "snapshots", "alerts"),
                                            f,
                                            server,
                                            System.out))
                    .isInstanceOf(UserException.class)
                    .hasMessage(f + ": pairs: the dashboard shows a pair; the file has none");
        }
    }
}
