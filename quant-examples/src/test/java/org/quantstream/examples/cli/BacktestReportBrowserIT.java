package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quantstream.core.testkit.TestData;

/**
 * The backtest report opened from disk in headless Chromium, as a person would open the file: its
 * script draws the three charts and fills the metrics and the trade table without a script error,
 * with nothing fetched. A screenshot is left in {@code target/backtest-report.png} to look at. Runs
 * in the {@code browser} profile.
 */
class BacktestReportBrowserIT {
    @Test
    void shouldDrawTheReportInABrowser() throws Exception {
        Path dir = Files.createTempDirectory("quant-report");
        Path html = dir.resolve("report.html");
        CliRunner r =
                CliRunner.run(
                        "backtest",
                        "--a",
                        TestData.file(TestData.BTC_2024_08_08).toString(),
                        "--b",
                        TestData.file(TestData.ETH_2024_08_08).toString(),
                        "--hedge-window",
                        "60",
                        "--z-window",
                        "30",
                        "--stop",
                        "3",
                        "--report",
                        html.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        String chromium = System.getProperty("quant.chromium", "chromium");
        String url = html.toUri().toString();
        String[] dumped = chromium(chromium, "--dump-dom", url);
        String dom = dumped[0];
        assertThat(dumped[1]).as("script errors").doesNotContain("Uncaught");
        assertThat(dom).contains("data-drawn=\"yes\"");
        assertThat(count(dom, "<canvas")).as("charts drawn").isGreaterThanOrEqualTo(3);
        assertThat(dom).contains("drawn: 343 aligned times, 9 trades");
        assertThat(count(dom, "<tr>")).as("header and nine trades").isEqualTo(10);
        assertThat(dom).contains("BTCUSDT/ETHUSDT pair backtest").contains("sharpe");
        Path shot = Path.of("target", "backtest-report.png").toAbsolutePath();
        chromium(chromium, "--screenshot=" + shot, url);
        assertThat(Files.size(shot)).isGreaterThan(50_000);
    }

    private static String[] chromium(String chromium, String what, String url) throws Exception {
        Process b =
                new ProcessBuilder(
                                List.of(
                                        chromium,
                                        "--headless",
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--enable-logging=stderr",
                                        "--v=0",
                                        "--window-size=1400,2200",
                                        "--virtual-time-budget=5000",
                                        what,
                                        url))
                        .start();
        CompletableFuture<String> log =
                CompletableFuture.supplyAsync(() -> read(b.getErrorStream()));
        String out = read(b.getInputStream());
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String[] {out, log.get(10, TimeUnit.SECONDS)};
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
