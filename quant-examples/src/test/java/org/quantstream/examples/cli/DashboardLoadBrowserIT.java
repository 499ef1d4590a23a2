package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The page with ten symbols at 1 s bars over 35 minutes of simulated trades (2,100 bars each, more
 * than the 2,000 a page keeps), served by {@code quant dashboard --source store}: every chart
 * drawn, the history capped, and the frame times of the page measured in the browser while a change
 * of settings streams the whole history again (written to {@code
 * target/dashboard-responsiveness.json} and printed; a measurement, not an assertion). Runs in the
 * {@code browser} profile.
 */
class DashboardLoadBrowserIT {
    private static final List<String> SYMBOLS =
            List.of(
                    "ADAUSDT",
                    "BNBUSDT",
                    "BTCUSDT",
                    "DOGEUSDT",
                    "ETHUSDT",
                    "LINKUSDT",
                    "LTCUSDT",
                    "SOLUSDT",
                    "TRXUSDT",
                    "XRPUSDT");
    private static final int MINUTES = 35;

    @Test
    void shouldDrawTenSymbolsOfThirtyFiveMinutesAndMeasureTheFrameTimes() throws Exception {
        Path dir = Files.createTempDirectory("quant-load-it");
        try {
            // a seeded random walk per symbol, three trades a second on average
            long t0 = 1_723_161_600_000_000_000L;
            SplittableRandom rnd = new SplittableRandom(42);
            List<String> args =
                    new ArrayList<>(List.of("import", "--store", dir.resolve("store").toString()));
            for (String s : SYMBOLS) {
                Path f = dir.resolve(s + ".csv");
                double price = 10 + rnd.nextDouble() * 1000;
                long id = 1;
                try (BufferedWriter w = Files.newBufferedWriter(f)) {
                    w.write(
                            "symbol,trade_id,event_time_ns,receive_time_ns,price,quantity,aggressor\n");
                    long t = t0;
                    while (t < t0 + MINUTES * 60_000_000_000L) {
                        t += 1 + (long) (rnd.nextDouble() * 666_000_000L);
                        price *= 1 + (rnd.nextDouble() - 0.5) * 0.001;
                        w.write(
                                String.format(
                                        Locale.ROOT,
                                        "%s,%d,%d,%d,%.4f,%.3f,%s%n",
                                        s,
                                        id++,
                                        t,
                                        t,
                                        price,
                                        0.001 + rnd.nextDouble(),
                                        rnd.nextBoolean() ? "BUY" : "SELL"));
                    }
                }
                args.add(f.toString());
            }
            OpenDashboard.jar(args.toArray(String[]::new));
            try (Browser b = new Browser();
                    OpenDashboard d =
                            new OpenDashboard(
                                    List.of(
                                            "dashboard",
                                            "--source",
                                            "store",
                                            "--store",
                                            dir.resolve("store").toString(),
                                            "--port",
                                            "0"),
                                    "dashboard http")) {
                b.driver.get(d.url);
                b.await(60, () -> b.find("#state").getText().equals("store"));
                String allDrawn =
                        "return symbols.length === 10 && symbols.every(s => bars[s].t.length === MAX);";
                b.await(120, () -> Boolean.TRUE.equals(b.script(allDrawn)));
                // drawn at the next redraw (at most every 250 ms, less often under load)
                b.await(
                        30,
                        () -> b.driver.findElements(By.cssSelector("#charts canvas")).size() >= 10);
                assertThat(((Number) b.script("return MAX;")).intValue())
                        .as("the page keeps at most 2,000 bars a symbol: the last of 2,100")
                        .isEqualTo(2000);
                b.screenshot("dashboard-ten-symbols.png");

                // frame times while the whole history streams in again after a change
                b.script(
                        "window.__frames = []; let last = performance.now();"
                                + " (function f(now) { window.__frames.push(now - last); last = now;"
                                + " if (window.__frames.length < 100000) requestAnimationFrame(f); })(last);");
                b.type("#ct-window", "30");
                long start = System.nanoTime();
                b.find("#ct-apply").click();
                b.await(60, () -> b.find("#ct-status").getText().startsWith("applied"));
                b.await(120, () -> Boolean.TRUE.equals(b.script(allDrawn)));
                double redraw = (System.nanoTime() - start) / 1e9;
                Thread.sleep(1_000);
                @SuppressWarnings("unchecked")
                List<Number> frames = (List<Number>) b.script("return window.__frames.slice(1);");
                double[] ms = frames.stream().mapToDouble(Number::doubleValue).sorted().toArray();
                assertThat(ms.length)
                        .as("frames were drawn while the history streamed")
                        .isGreaterThan(10);
                double p50 = ms[ms.length / 2];
                double p95 = ms[(int) (ms.length * 0.95)];
                double max = ms[ms.length - 1];
                String report =
                        String.format(
                                Locale.ROOT,
                                "{\"symbols\":10,\"barsPerSymbol\":%d,\"kept\":2000,\"frames\":%d,"
                                        + "\"frameMsP50\":%.1f,\"frameMsP95\":%.1f,\"frameMsMax\":%.1f,"
                                        + "\"rebuildAndRedrawSeconds\":%.2f}",
                                MINUTES * 60,
                                ms.length,
                                p50,
                                p95,
                                max,
                                redraw);
                Files.writeString(
                        Path.of("target", "dashboard-responsiveness.json"), report + "\n");
                System.out.println("dashboard responsiveness: " + report);

                // fewer symbols: the pipeline follows the ones ticked, the others' charts go
                for (String s : List.of("SOLUSDT", "TRXUSDT", "XRPUSDT")) {
                    b.find("#ct-shown input[value='" + s + "']").click();
                }
                b.find("#ct-apply").click();
                b.await(60, () -> ((Number) b.script("return symbols.length;")).intValue() == 7);
                assertThat(b.driver.findElements(By.cssSelector("#ch-XRPUSDT"))).isEmpty();
                b.find("#tab-corr").click();
                b.await(60, () -> b.find("#co-status").getText().startsWith("7 symbols"));
                assertThat(b.driver.findElements(By.cssSelector("#co-table tr"))).hasSize(8);
                b.screenshot("dashboard-correlation-seven.png");
                assertThat(b.scriptErrors()).as("script errors").isEmpty();
            }
        } finally {
            DemoCommand.deleteTree(dir);
        }
    }
}
