package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard page in a real browser (headless Chromium): after the demo, its script has drawn
 * three charts from the WebSocket and filled the counters and the summary, without a script error.
 * Runs in the {@code browser} profile (CI installs Chromium): {@code ./mvnw -B -Pbrowser -pl
 * quant-examples -am verify}.
 */
class DashboardBrowserIT {
    @Test
    void shouldDrawTheDemoInABrowser() throws Exception {
        String chromium = System.getProperty("quant.chromium", "chromium");
        try (OpenDashboard d = new OpenDashboard()) {
            Process b =
                    new ProcessBuilder(
                                    List.of(
                                            chromium,
                                            "--headless",
                                            "--no-sandbox",
                                            "--disable-gpu",
                                            "--enable-logging=stderr",
                                            "--v=0",
                                            "--window-size=1400,900",
                                            "--virtual-time-budget=5000",
                                            "--dump-dom",
                                            d.url))
                            .start();
            CompletableFuture<String> log =
                    CompletableFuture.supplyAsync(() -> read(b.getErrorStream()));
            String dom = read(b.getInputStream());
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
            String console = log.get(10, TimeUnit.SECONDS);
            assertThat(console).as("script errors").doesNotContain("Uncaught");
            assertThat(count(dom, "<canvas")).as("charts drawn\n" + dom).isGreaterThanOrEqualTo(2);
            // a symbol's chart is created by its first bar: both symbols' bars reached the page
            assertThat(dom)
                    .containsPattern("id=\"ch-BTCUSDT\"[^>]*_echarts_instance_")
                    .containsPattern("id=\"ch-ETHUSDT\"[^>]*_echarts_instance_");
            assertThat(text(dom, "status")).isEqualTo("live");
            assertThat(text(dom, "ticks").replaceAll("[^0-9]", "")).isEqualTo("16656");
            assertThat(text(dom, "stored").replaceAll("[^0-9]", "")).isEqualTo("16656");
            assertThat(text(dom, "beta")).matches("-?[0-9]+\\.[0-9]{4}");
            assertThat(dom).contains("ADF on the spread");
        }
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

    /** The text of the element with this id. */
    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
        assertThat(m.find()).as("element #" + id).isTrue();
        return m.group(1);
    }
}
