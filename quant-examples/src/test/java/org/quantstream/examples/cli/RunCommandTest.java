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
import org.quantstream.feed.binance.BinanceSimulator;
import org.quantstream.feed.binance.SimulatorConfig;

class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static String tapes() {
        return "[\""
                + TestData.file(TestData.BTC_2024_08_08)
                + "\",\""
                + TestData.file(TestData.ETH_2024_08_08)
                + "\"]";
    }

    private static final String REST =
            "\"symbols\":[\"BTCUSDT\",\"ETHUSDT\"],\"timeframes\":[\"1s\",\"1m\"],"
                    + "\"operators\":[{\"name\":\"z60\",\"type\":\"zscore\",\"window\":60}],"
                    + "\"pairs\":[{\"a\":\"BTCUSDT\",\"b\":\"ETHUSDT\",\"zWindow\":60}],"
                    + "\"rules\":[{\"name\":\"spread-z\",\"metric\":\"zScore\","
                    + "\"pair\":\"BTCUSDT/ETHUSDT\",\"condition\":\"OUTSIDE\",\"lower\":-2,"
                    + "\"upper\":2,\"hysteresis\":0.5}],"
                    + "\"alerts\":{\"log\":false,\"file\":\"alerts.jsonl\"}";

    private CliRunner run(String json) throws Exception {
        Path cfg = dir.resolve("pipeline.json");
        Files.writeString(cfg, json);
        return CliRunner.run("run", "--config", cfg.toString());
    }

    @Test
    void shouldRunAPipelineFromFilesAndFromAStoreWithTheSameResults() throws Exception {
        CliRunner files =
                run("{\"source\":{\"type\":\"files\",\"files\":" + tapes() + "}," + REST + "}");
        assertThat(files.exitCode).as(files.toString()).isZero();
        JsonNode s = JSON.readTree(files.out);
        assertThat(s.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(s.path("ticks").asLong()).isEqualTo(21_313 + 14_076);
        assertThat(s.path("snapshots").asLong()).isEqualTo(343);
        assertThat(s.path("alerts").asLong()).isEqualTo(4); // SPEC 14's public case
        List<String> alerts = Files.readAllLines(dir.resolve("alerts.jsonl"));
        assertThat(alerts).hasSize(4);
        assertThat(JSON.readTree(alerts.get(0)).path("eventTimeNanos").asLong())
                .isEqualTo(1_723_161_438_000_000_000L);

        Path store = dir.resolve("store");
        assertThat(
                        CliRunner.run(
                                        "import",
                                        "--store",
                                        store.toString(),
                                        TestData.file(TestData.BTC_2024_08_08).toString(),
                                        TestData.file(TestData.ETH_2024_08_08).toString())
                                .exitCode)
                .isZero();
        Files.delete(dir.resolve("alerts.jsonl"));
        CliRunner replay =
                run("{\"source\":{\"type\":\"store\",\"store\":\"store\"}," + REST + "}");
        assertThat(replay.exitCode).as(replay.toString()).isZero();
        JsonNode r = JSON.readTree(replay.out);
        assertThat(r.path("snapshots").asLong()).isEqualTo(343);
        assertThat(Files.readAllLines(dir.resolve("alerts.jsonl"))).isEqualTo(alerts);
    }

    /**
     * Runs a live pipeline file against the simulator on the two tapes: {@code source} holds the
     * binance source's fields after its addresses, {@code rest} the file's fields after the source.
     * Checks it ran and closed with ticks and bars; returns its counters.
     */
    private JsonNode runLive(String source, String rest) throws Exception {
        try (BinanceSimulator sim =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .data(
                                        List.of(
                                                TestData.file(TestData.BTC_2024_08_08),
                                                TestData.file(TestData.ETH_2024_08_08)))
                                .speed(60)
                                .build())) {
            CliRunner live =
                    run(
                            "{\"source\":{\"type\":\"binance\",\"wsUrl\":\""
                                    + sim.wsUrl()
                                    + "\",\"restUrl\":\""
                                    + sim.restUrl()
                                    + "\","
                                    + source
                                    + "},"
                                    + rest
                                    + ","
                                    + REST
                                    + "}");
            assertThat(live.exitCode).as(live.toString()).isZero();
            JsonNode s = JSON.readTree(live.out);
            assertThat(s.path("status").asText()).isEqualTo("CLOSED");
            assertThat(s.path("ticks").asLong()).isPositive();
            assertThat(s.path("bars").asLong()).isPositive();
            return s;
        }
    }

    @Test
    void shouldRunLiveFromTheFeedIntoAStoreForADuration() throws Exception {
        runLive("\"store\":\"live\",\"idle\":\"yield\"", "\"duration\":\"8s\",\"idle\":\"park\"");
        assertThat(dir.resolve("live")).isDirectory();
    }

    @Test
    void shouldRunAPolledFeedThatThePipelineRecordsIntoAStore() throws Exception {
        JsonNode s = runLive("\"store\":\"polled\",\"delivery\":\"polled\"", "\"duration\":\"6s\"");
        try (org.quantstream.store.chronicle.ChronicleTickStore store =
                org.quantstream.store.chronicle.ChronicleTickStore.open(dir.resolve("polled"))) {
            // every tick the pipeline saw was recorded first
            assertThat(store.count()).isEqualTo(s.path("ticks").asLong());
        }
    }

    @Test
    void shouldRunTheReadmesConfigurationWithItsSourceAndWebhookMadeLocal() throws Exception {
        String readme =
                Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(
                                "```json\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                        .matcher(readme);
        assertThat(m.find()).isTrue();
        com.fasterxml.jackson.databind.node.ObjectNode cfg =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(m.group(1));
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext(
                "/alerts",
                ex -> {
                    posted.add(new String(ex.getRequestBody().readAllBytes()));
                    ex.sendResponseHeaders(204, -1);
                    ex.close();
                });
        server.start();
        try {
            // the README's file with the two real tapes instead of the exchange, and a local hook
            cfg.set("source", JSON.readTree("{\"type\":\"files\",\"files\":" + tapes() + "}"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) cfg.get("alerts"))
                    .put(
                            "webhook",
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
            CliRunner r = run(cfg.toString());
            assertThat(r.exitCode).as(r.toString()).isZero();
            JsonNode s = JSON.readTree(r.out);
            assertThat(s.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(s.path("alerts").asLong()).isPositive();
            assertThat(posted).hasSize((int) s.path("alerts").asLong());
            assertThat(Files.readAllLines(dir.resolve("alerts.jsonl"))).isEqualTo(posted);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldNameThePathAndCauseOfAMistake() throws Exception {
        String[][] cases = {
            {
                "{\"source\":{\"type\":\"files\",\"files\":"
                        + tapes()
                        + "},"
                        + REST
                        + ",\"timeframe\":\"1s\"}",
                "timeframe: unknown field; fields here: alerts, analysisTimeframe, duration,"
                        + " gapPolicy, idle, operators, pairs, rules, rulesFile, source, symbols,"
                        + " timeframes"
            },
            {
                "{\"source\":{\"type\":\"files\",\"files\":"
                        + tapes()
                        + "},"
                        + REST
                        + ",\"idle\":\"sleep\"}",
                "idle: unknown idle strategy 'sleep': use backoff, yield, spin or park"
            },
            {
                "{\"source\":{\"type\":\"binance\",\"delivery\":\"fast\"}," + REST + "}",
                "source.delivery: expected thread or polled, was fast"
            },
            {
                "{\"source\":{\"type\":\"binance\",\"delivery\":\"polled\",\"idle\":\"spin\"},"
                        + REST
                        + "}",
                "source.idle: a polled feed has no thread of its own (the top-level idle is the"
                        + " pipeline's)"
            },
            {
                "{\"source\":{\"type\":\"kafka\"}," + REST + "}",
                "source.type: expected files, store or binance, was \"kafka\""
            },
            {
                "{\"source\":{\"type\":\"files\",\"files\":"
                        + tapes()
                        + "},"
                        + REST.replace("\"zscore\"", "\"zcore\"")
                        + "}",
                "operators[0].type: expected zscore, mean, std, min or max, was \"zcore\""
            },
            {
                "{\"source\":{\"type\":\"files\",\"files\":"
                        + tapes()
                        + "},"
                        + REST.replace("\"zWindow\":60", "\"zWindow\":0")
                        + "}",
                "pairs[0].zWindow: expected a whole number from 1 to 1000000, was 0"
            },
            {
                "{\"source\":{\"type\":\"files\",\"files\":"
                        + tapes()
                        + "},"
                        + REST.replace("\"hysteresis\":0.5", "\"hysteresis\":\"big\"")
                        + "}",
                "rule 0, field \"hysteresis\": expected a finite number, was \"big\""
            },
        };
        Path cfg = dir.resolve("pipeline.json");
        for (String[] c : cases) {
            CliRunner r = run(c[0]);
            assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
            assertThat(r.err).contains(cfg + ": " + c[1]);
        }
    }
}
