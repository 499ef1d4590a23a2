package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quantstream.core.testkit.TestData;

/** The packaged {@code quant.jar} run as a user runs it: {@code java -jar} in a child process. */
class QuantJarIT {
    private static final class Result {
        int code;
        String out;
        String err;
    }

    private static Result java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(System.getProperty("quant.jar"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        Result r = new Result();
        var outF =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        var errF =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        r.code = p.exitValue();
        r.out = outF.get();
        r.err = errF.get();
        return r;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldSummarizeTheBundledTapeFromTheShadedJar() throws Exception {
        Result r =
                java(
                        "ticks",
                        "--summary",
                        "--json",
                        "--input",
                        TestData.file(TestData.BTC_2024_08_08).toString());
        assertThat(r.code).as(r.err).isZero();
        JsonNode btc = new ObjectMapper().readTree(r.out).path("symbols").path("BTCUSDT");
        assertThat(btc.path("count").asLong()).isEqualTo(21313);
        assertThat(btc.path("firstTradeId").asLong()).isEqualTo(5266583935L);
        assertThat(btc.path("lastTradeId").asLong()).isEqualTo(5266605247L);
    }

    @Test
    void shouldFindTheFileFeedThroughTheMergedServiceFiles() throws Exception {
        Result r = java("feeds");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("file");
    }

    @Test
    void shouldExitTwoOnAUsageError() throws Exception {
        Result r = java("ticks", "--bogus");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("Usage: quant ticks");
        assertThat(r.out).isEmpty();
    }

    @Test
    void shouldOpenAChronicleStoreThroughTheManifestFlags(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        Result imported =
                java(
                        "import",
                        "--store",
                        store.toString(),
                        "--json",
                        TestData.file(TestData.BTC_2024_08_08).toString());
        assertThat(imported.code).as(imported.err).isZero();
        assertThat(new ObjectMapper().readTree(imported.out).path("appended").asLong())
                .isEqualTo(21313);
        assertThat(imported.err).as("no Chronicle banner").doesNotContain("Leave your e-mail");
        Result info = java("store", "info", "--store", store.toString(), "--json");
        assertThat(info.code).as(info.err).isZero();
        assertThat(
                        new ObjectMapper()
                                .readTree(info.out)
                                .path("symbols")
                                .path("BTCUSDT")
                                .path("count")
                                .asLong())
                .isEqualTo(21313);
    }

    @Test
    void shouldRunTheDemoEndToEnd() throws Exception {
        Result r = java("demo", "--speed", "60", "--quiet");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out)
                .contains("feed:   16656 trades")
                .contains(" 0 gaps")
                .contains("store:  16656 records; pipeline read 16656")
                .contains("ADF on the spread");
    }

    @Test
    void shouldServeTheDemoOnTheDashboardAndKeepItOpenUntilStopped() throws Exception {
        try (OpenDashboard d = new OpenDashboard()) {
            String url = d.url;
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String page =
                    http.send(
                                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .body();
            assertThat(page).contains("echarts");
            com.fasterxml.jackson.databind.JsonNode snapshot =
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(
                                    http.send(
                                                    java.net.http.HttpRequest.newBuilder(
                                                                    java.net.URI.create(
                                                                            url + "api/snapshot"))
                                                            .build(),
                                                    java.net.http.HttpResponse.BodyHandlers
                                                            .ofString())
                                            .body());
            int btc = 0;
            int eth = 0;
            int pairs = 0;
            String summary = "";
            long ticks = -1;
            for (com.fasterxml.jackson.databind.JsonNode m : snapshot) {
                switch (m.path("type").asText()) {
                    case "bar":
                        if (m.path("tf").asText().equals("1s")) {
                            btc += m.path("symbol").asText().equals("BTCUSDT") ? 1 : 0;
                            eth += m.path("symbol").asText().equals("ETHUSDT") ? 1 : 0;
                        }
                        break;
                    case "pair":
                        pairs++;
                        break;
                    case "stats":
                        ticks = m.path("ticks").asLong();
                        break;
                    case "summary":
                        summary = m.path("text").asText();
                        break;
                    default:
                        break;
                }
            }
            // six recorded minutes: up to 344 one-second bars a symbol (seconds without trades
            // skipped)
            assertThat(btc).isBetween(300, 345);
            assertThat(eth).isBetween(300, 345);
            assertThat(pairs).isPositive();
            assertThat(ticks).isEqualTo(16656);
            assertThat(summary).contains("feed:   16656 trades").contains("ADF on the spread");
        }
    }

    @Test
    void shouldLoseNothingWhenACollectorIsKilledAndRestarted(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        try (org.quantstream.feed.binance.BinanceSimulator sim = btcAt40x()) {
            List<String> cmd = javaJar();
            cmd.addAll(List.of(collect(sim, store, "5m")));
            Process p =
                    new ProcessBuilder(cmd)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            // kill -9 once trades are flowing, mid-append as likely as not
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (sim.published() < 3_000 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("killed").isEqualTo(137);
            assertThat(sim.published()).as("the tape was not over when it died").isLessThan(15_000);

            long total = sim.aggTradeCount("BTCUSDT");
            long count = 0;
            for (int run = 0; run < 10 && count < total; run++) {
                // long enough to connect and catch up on a loaded machine (JVM start included)
                Result r = java(collect(sim, store, "8s"));
                assertThat(r.code).as(r.err).isZero();
                Result info = java("store", "info", "--store", store.toString(), "--json");
                assertThat(info.code).as(info.err).isZero();
                JsonNode btc =
                        new ObjectMapper().readTree(info.out).path("symbols").path("BTCUSDT");
                count = btc.path("count").asLong();
                assertThat(btc.path("gaps").asLong())
                        .as("ids contiguous after run " + run)
                        .isZero();
            }
            assertThat(count).isEqualTo(total);
        }
    }

    @Test
    void shouldStopACollectorCleanlyOnSigterm(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("btc.csv");
        Path stdout = dir.resolve("stdout.json");
        try (org.quantstream.feed.binance.BinanceSimulator sim = btcAt40x()) {
            List<String> cmd = javaJar();
            cmd.addAll(
                    List.of(
                            CliRunner.collectArgs(
                                    sim, "--out", file.toString(), "--duration", "5m")));
            Process p =
                    new ProcessBuilder(cmd)
                            .redirectOutput(stdout.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (sim.published() < 3_000 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            p.destroy(); // SIGTERM, as a service manager stops it (Ctrl-C is SIGINT: same path)
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
            // before: exit 143, no summary, 3,512 of 3,666 ticks on disk, a truncated last line
            assertThat(p.exitValue()).as("a requested stop is a clean exit").isZero();
            assertThat(sim.published()).as("stopped mid-tape").isLessThan(15_000);
        }
        JsonNode summary = new ObjectMapper().readTree(java.nio.file.Files.readString(stdout));
        long ticks = summary.path("ticks").asLong();
        assertThat(ticks).isPositive();
        assertThat(file).exists();
        assertThat(dir.resolve("btc.csv.partial")).doesNotExist();
        assertThat(java.nio.file.Files.readString(file)).endsWith("\n");
        Result read = java("ticks", "--summary", "--json", "--input", file.toString());
        assertThat(read.code).as(read.err).isZero();
        assertThat(
                        new ObjectMapper()
                                .readTree(read.out)
                                .path("symbols")
                                .path("BTCUSDT")
                                .path("count")
                                .asLong())
                .as("every tick counted in the summary is in the file, whole")
                .isEqualTo(ticks);
    }

    /** The BTCUSDT tape served at 40x, the collector tests' exchange. */
    private static org.quantstream.feed.binance.BinanceSimulator btcAt40x() throws Exception {
        return org.quantstream.feed.binance.BinanceSimulator.start(
                org.quantstream.feed.binance.SimulatorConfig.builder()
                        .data(List.of(TestData.file(TestData.BTC_2024_08_08)))
                        .speed(40)
                        .build());
    }

    /** {@code java -jar quant.jar}, to which a test adds the command's arguments. */
    private static List<String> javaJar() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(System.getProperty("quant.jar"));
        return cmd;
    }

    private static String[] collect(
            org.quantstream.feed.binance.BinanceSimulator sim, Path store, String duration) {
        return CliRunner.collectArgs(sim, "--store", store.toString(), "--duration", duration);
    }
}
