package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's Backtest tab as a person uses it, in headless Chromium through Selenium, on the
 * running demo: open the page, click the tab, type parameters, Run; the page's metrics and trade
 * rows equal {@code quant backtest --store} on the demo's store with the same parameters; the two
 * downloads hold the same trade log as {@code quant backtest --trades}; a bad parameter shows the
 * server's message; no script error. Screenshots in {@code target/}. Runs in the {@code browser}
 * profile.
 */
class DashboardBacktestBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenDashboard d;
    private static Browser b;

    @org.junit.jupiter.api.BeforeAll
    static void open() throws Exception {
        d = new OpenDashboard();
        b = new Browser();
    }

    @org.junit.jupiter.api.AfterAll
    static void close() throws Exception {
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            if (d != null) {
                d.close();
            }
        }
    }

    private static String jar(String... args) throws Exception {
        return OpenDashboard.jar(args);
    }

    @Test
    void shouldRunABacktestFromThePageEqualToTheCommandLine() throws Exception {
        {
            b.driver.get(d.url);
            b.await(30, () -> b.find("#status").getText().equals("live"));
            assertThat(b.find("#view-backtest").isDisplayed()).isFalse();
            b.find("#tab-backtest").click();
            assertThat(b.find("#view-backtest").isDisplayed()).isTrue();
            assertThat(b.find("#view-live").isDisplayed()).isFalse();
            b.type("#bt-entry", "1.5");
            b.type("#bt-stop", "3");
            b.type("#bt-maxHold", "40");
            b.find("#bt-run").click();
            b.await(60, () -> b.find("#bt-status").getText().startsWith("done:"));

            Path trades = Files.createTempFile("quant-cli-trades", ".csv");
            // the packaged command in its own JVM (its manifest opens what Chronicle needs)
            String out =
                    jar(
                            "backtest",
                            "--store",
                            d.store().toString(),
                            "--symbol-a",
                            "BTCUSDT",
                            "--symbol-b",
                            "ETHUSDT",
                            "--z-window",
                            "20",
                            "--entry",
                            "1.5",
                            "--stop",
                            "3",
                            "--max-hold",
                            "40",
                            "--trades",
                            trades.toString(),
                            "--json");
            JsonNode expected = JSON.readTree(out);
            int n = expected.path("trades").size();
            assertThat(n).as("the demo's data gives trades to compare").isGreaterThan(3);
            assertThat(b.find("#bt-status").getText()).startsWith("done: " + n + " trades");
            for (String k :
                    List.of(
                            "trades",
                            "wins",
                            "totalNetPnl",
                            "totalFees",
                            "sharpe",
                            "maxDrawdown",
                            "exposure",
                            "finalEquity")) {
                WebElement m = b.find("#bt-metrics [data-key='" + k + "']");
                JsonNode want = expected.path("metrics").path(k);
                assertThat(Double.parseDouble(m.getAttribute("data-value")))
                        .as(k)
                        .isEqualTo(want.asDouble());
                String shown = m.findElement(By.cssSelector(".v")).getText();
                if (want.isIntegralNumber()) {
                    assertThat(shown).as(k + " as printed").isEqualTo(want.asText());
                } else if (Math.abs(want.asDouble()) >= 1e-3) {
                    assertThat(shown)
                            .as(k + " as printed")
                            .isEqualTo(String.format(Locale.ROOT, "%.4f", want.asDouble()));
                }
            }
            List<WebElement> rows = b.driver.findElements(By.cssSelector("#bt-trades tr"));
            assertThat(rows).hasSize(n + 1);
            for (int i = 0; i < n; i++) {
                List<WebElement> cells = rows.get(i + 1).findElements(By.tagName("td"));
                JsonNode t = expected.path("trades").get(i);
                assertThat(cells.get(0).getText()).isEqualTo(t.path("trade").asText());
                assertThat(cells.get(1).getText()).isEqualTo(t.path("side").asText());
                assertThat(cells.get(12).getText()).isEqualTo(t.path("reason").asText());
                assertThat(cells.get(10).getText())
                        .isEqualTo(
                                String.format(Locale.ROOT, "%.4f", t.path("net_pnl").asDouble()));
            }
            assertThat(b.driver.findElements(By.cssSelector("#bt-z canvas"))).isNotEmpty();
            assertThat(b.driver.findElements(By.cssSelector("#bt-equity canvas"))).isNotEmpty();
            b.screenshot("dashboard-backtest.png");

            // the downloads: the same trade log as the command line's, column by column
            b.find("#bt-csv").click();
            Path csv = b.downloaded("backtest-BTCUSDT-ETHUSDT-trades.csv", 20);
            List<String> mine = Files.readAllLines(csv);
            List<String> theirs = Files.readAllLines(trades);
            assertThat(mine.get(0)).isEqualTo(theirs.get(0));
            assertThat(mine).hasSize(theirs.size());
            for (int i = 1; i < mine.size(); i++) {
                String[] a = mine.get(i).split(",", -1);
                String[] e = theirs.get(i).split(",", -1);
                for (int c = 0; c < a.length; c++) {
                    if (e[c].matches("-?[0-9.]+(E-?[0-9]+)?")) {
                        assertThat(Double.parseDouble(a[c]))
                                .as(mine.get(i))
                                .isEqualTo(Double.parseDouble(e[c]));
                    } else {
                        assertThat(a[c]).isEqualTo(e[c]);
                    }
                }
            }
            b.find("#bt-json").click();
            JsonNode json =
                    JSON.readTree(
                            b.downloaded("backtest-BTCUSDT-ETHUSDT-trades.json", 20).toFile());
            assertThat(json).isEqualTo(expected.path("trades"));

            // a mistake: the server's message, in the page, as text
            b.type("#bt-entry", "0");
            b.find("#bt-run").click();
            b.await(30, () -> b.find("#bt-status").getText().startsWith("error:"));
            assertThat(b.find("#bt-status").getText())
                    .isEqualTo("error: entry must be > 0, was 0.0");
            b.screenshot("dashboard-backtest-error.png");
            b.find("#tab-live").click();
            assertThat(b.find("#view-live").isDisplayed()).isTrue();
            assertThat(b.driver.findElements(By.cssSelector("#ch-BTCUSDT canvas"))).isNotEmpty();
            assertThat(b.scriptErrors()).as("script errors").isEmpty();
        }
    }

    /**
     * The Alerts tab: the demo's rule fired on its data; the log (newest first), the count and the
     * downloaded JSON lines equal {@code quant pair --rules --alerts} on the demo's store with the
     * same rule; the history is not toasted; Clear empties the log.
     */
    @Test
    void shouldListTheFiredAlertsAsTheCommandLineFiresThem() throws Exception {
        b.driver.get(d.url);
        b.await(30, () -> b.find("#status").getText().equals("live"));
        List<String> want =
                d.fired(
                        "[{\"name\":\"spread-z\",\"metric\":\"zScore\",\"pair\":\"BTCUSDT/ETHUSDT\","
                                + "\"condition\":\"OUTSIDE\",\"lower\":-2,\"upper\":2,\"hysteresis\":0.5}]",
                        "--z-window",
                        "20");
        assertThat(want).as("the demo's data fires the rule").isNotEmpty();
        Thread.sleep(1_500);
        assertThat(b.find("#toast").isDisplayed()).as("no toast for the history").isFalse();
        b.find("#tab-alerts").click();
        assertThat(b.find("#view-alerts").isDisplayed()).isTrue();
        b.await(10, () -> b.find("#al-count").getText().equals(String.valueOf(want.size())));
        List<WebElement> rows = b.driver.findElements(By.cssSelector("#al-log tr"));
        assertThat(rows).hasSize(want.size() + 1);
        for (int i = 0; i < want.size(); i++) {
            JsonNode a = JSON.readTree(want.get(want.size() - 1 - i)); // newest first
            List<WebElement> cells = rows.get(i + 1).findElements(By.tagName("td"));
            assertThat(cells.get(0).getText())
                    .isEqualTo(
                            java.time.Instant.ofEpochMilli(
                                            a.path("eventTimeNanos").asLong() / 1_000_000L)
                                    .toString()
                                    .substring(0, 19)
                                    .replace('T', ' '));
            assertThat(cells.get(1).getText()).isEqualTo("spread-z");
            assertThat(cells.get(2).getText()).isEqualTo("BTCUSDT/ETHUSDT");
            assertThat(cells.get(4).getText()).isEqualTo("OUTSIDE");
            assertThat(cells.get(5).getText())
                    .isEqualTo(String.format(Locale.ROOT, "%.4f", a.path("value").asDouble()));
        }
        b.screenshot("dashboard-alerts.png");
        b.find("#al-download").click();
        assertThat(Files.readAllLines(b.downloaded("alerts.jsonl", 20))).isEqualTo(want);
        b.find("#al-clear").click();
        assertThat(b.find("#al-count").getText()).isEqualTo("0");
        assertThat(b.driver.findElements(By.cssSelector("#al-log tr"))).hasSize(1);
        assertThat(b.scriptErrors()).as("script errors").isEmpty();
    }

    /**
     * The Overview tab: a card per symbol whose trade count, VWAP, volume, high and low equal
     * {@code quant ticks --summary} on the demo's store exported with {@code quant export}, and a
     * drawn sparkline.
     */
    @Test
    void shouldShowEachSymbolAsTheCommandLineSummarisesIt() throws Exception {
        b.driver.get(d.url);
        b.await(30, () -> b.find("#status").getText().equals("live"));
        Path ticks = Files.createTempFile("quant-export", ".csv");
        jar("export", "--store", d.store().toString(), "--output", ticks.toString());
        JsonNode summary =
                JSON.readTree(jar("ticks", "--input", ticks.toString(), "--summary", "--json"));
        b.find("#tab-overview").click();
        b.await(20, () -> b.driver.findElements(By.cssSelector(".ov-card")).size() == 2);
        for (String sym : List.of("BTCUSDT", "ETHUSDT")) {
            JsonNode want = summary.path("symbols").path(sym);
            WebElement card = b.find("#ov-" + sym);
            java.util.function.Function<String, String> value =
                    k ->
                            card.findElement(By.cssSelector("[data-key='" + k + "']"))
                                    .getAttribute("data-value");
            assertThat(Long.parseLong(value.apply("trades")))
                    .isEqualTo(want.path("count").asLong());
            assertThat(Double.parseDouble(value.apply("vwap")))
                    .isEqualTo(want.path("vwap").asDouble());
            assertThat(Double.parseDouble(value.apply("volume")))
                    .isEqualTo(want.path("volume").asDouble());
            assertThat(Double.parseDouble(value.apply("high")))
                    .isEqualTo(want.path("maxPrice").asDouble());
            assertThat(Double.parseDouble(value.apply("low")))
                    .isEqualTo(want.path("minPrice").asDouble());
            assertThat(value.apply("change1hPct"))
                    .as("six minutes of data: no hour back")
                    .isEmpty();
            assertThat(card.findElement(By.cssSelector("[data-key='change1hPct']")).getText())
                    .isEqualTo("n/a");
            assertThat(card.findElements(By.cssSelector(".ov-spark canvas"))).isNotEmpty();
            assertThat(card.findElement(By.cssSelector("[data-key='trades']")).getText())
                    .isEqualTo(String.format(Locale.US, "%,d", want.path("count").asLong()));
        }
        b.screenshot("dashboard-overview.png");
        assertThat(b.scriptErrors()).as("script errors").isEmpty();
    }

    /**
     * The Statistics tab: per symbol, every statistic of the 1 s closes equals {@code quant stats}
     * on {@code quant resample} of {@code quant export} of the demo's store; the histograms drawn.
     */
    @Test
    void shouldDescribeEachSymbolAsTheCommandLineDoes() throws Exception {
        b.driver.get(d.url);
        b.await(30, () -> b.find("#status").getText().equals("live"));
        b.find("#tab-stats").click();
        b.await(30, () -> b.find("#st-status").getText().startsWith("2 symbols"));
        for (String sym : List.of("BTCUSDT", "ETHUSDT")) {
            Path ticks = Files.createTempFile("quant-export-" + sym, ".csv");
            Path bars = Files.createTempFile("quant-bars-" + sym, ".csv");
            jar(
                    "export",
                    "--store",
                    d.store().toString(),
                    "--only",
                    sym,
                    "--output",
                    ticks.toString());
            jar(
                    "resample",
                    "--input",
                    ticks.toString(),
                    "--timeframe",
                    "1s",
                    "--output",
                    bars.toString());
            JsonNode want = JSON.readTree(jar("stats", "--input", bars.toString(), "--json"));
            for (String k :
                    List.of(
                            "n",
                            "mean",
                            "median",
                            "std",
                            "min",
                            "max",
                            "q25",
                            "q75",
                            "skew",
                            "kurtosis")) {
                String v =
                        b.find("#st-table td[data-key='" + k + "'][data-symbol='" + sym + "']")
                                .getAttribute("data-value");
                assertThat(Double.parseDouble(v))
                        .as(sym + " " + k)
                        .isEqualTo(want.path(k).asDouble());
            }
            assertThat(b.driver.findElements(By.cssSelector("#st-hist-" + sym + " canvas")))
                    .isNotEmpty();
        }
        b.screenshot("dashboard-statistics.png");
        assertThat(b.scriptErrors()).as("script errors").isEmpty();
    }

    /**
     * The Pair analytics tab: the latest values and the rolling ADF chart from the live messages,
     * and the ADF button equal to {@code quant adf} on the spread column of {@code quant pair} on
     * the demo's store.
     */
    @Test
    void shouldTestTheSpreadAsTheCommandLineDoes() throws Exception {
        b.driver.get(d.url);
        b.await(30, () -> b.find("#status").getText().equals("live"));
        b.find("#tab-pair").click();
        b.await(10, () -> !b.find("#pr-z").getText().equals("-"));
        assertThat(b.find("#pr-beta").getText()).matches("-?[0-9]+\\.[0-9]{4}");
        b.await(10, () -> !b.driver.findElements(By.cssSelector("#pr-chart canvas")).isEmpty());
        new org.openqa.selenium.support.ui.Select(b.find("#adf-autolag")).selectByValue("bic");
        b.find("#adf-run").click();
        b.await(60, () -> b.find("#adf-status").getText().contains("stationary"));
        Path table = Files.createTempFile("quant-pair", ".csv");
        d.pair("--output", table.toString());
        // the spread column from its first value on (the whole-series test takes no gaps)
        List<String> lines = Files.readAllLines(table);
        int col = List.of(lines.get(0).split(",")).indexOf("spread");
        List<String> spread = new java.util.ArrayList<>(List.of("spread"));
        for (String line : lines.subList(1, lines.size())) {
            String v = line.split(",", -1)[col];
            if (!v.isEmpty()) {
                spread.add(v);
            }
        }
        Path series = Files.createTempFile("quant-spread", ".csv");
        Files.write(series, spread);
        JsonNode want =
                JSON.readTree(
                        jar("adf", "--input", series.toString(), "--autolag", "bic", "--json"));
        java.util.function.Function<String, Double> shown =
                k ->
                        Double.parseDouble(
                                b.find("#adf-result td[data-key='" + k + "']")
                                        .getAttribute("data-value"));
        assertThat(shown.apply("statistic")).isEqualTo(want.path("statistic").asDouble());
        assertThat(shown.apply("pValue")).isEqualTo(want.path("pValue").asDouble());
        assertThat(shown.apply("usedLag")).isEqualTo(want.path("usedLag").asDouble());
        assertThat(shown.apply("nobs")).isEqualTo(want.path("nobs").asDouble());
        assertThat(shown.apply("crit5"))
                .isEqualTo(want.path("criticalValues").path("5%").asDouble());
        // the static OLS of log ETH on log BTC over every aligned bar: quant hedge --method ols
        List<String> h = List.of(lines.get(0).split(","));
        List<String> xs = new java.util.ArrayList<>(List.of("time,value"));
        List<String> ys = new java.util.ArrayList<>(List.of("time,value"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            xs.add(c[0] + "," + Math.log(Double.parseDouble(c[h.indexOf("price_a")])));
            ys.add(c[0] + "," + Math.log(Double.parseDouble(c[h.indexOf("price_b")])));
        }
        Path xf = Files.createTempFile("quant-log-btc", ".csv");
        Path yf = Files.createTempFile("quant-log-eth", ".csv");
        Files.write(xf, xs);
        Files.write(yf, ys);
        JsonNode ols =
                JSON.readTree(
                        jar(
                                "hedge",
                                "--x",
                                xf.toString(),
                                "--y",
                                yf.toString(),
                                "--method",
                                "ols",
                                "--json"));
        for (String k :
                List.of("beta", "alpha", "betaStdErr", "betaPValue", "alphaStdErr", "rSquared")) {
            assertThat(
                            Double.parseDouble(
                                    b.find("#ols-result td[data-key='" + k + "']")
                                            .getAttribute("data-value")))
                    .as("OLS " + k)
                    .isEqualTo(ols.path(k).asDouble());
        }
        assertThat(b.find("#ols-result td[data-key='n']").getText())
                .isEqualTo(String.valueOf(lines.size() - 1));
        b.screenshot("dashboard-pair.png");
        assertThat(b.scriptErrors()).as("script errors").isEmpty();
    }

    /**
     * The Correlation tab: the off-diagonal cell for a typed window equals the last correlation of
     * {@code quant pair --corr-window} on the demo's store; a bad window shows the server's
     * message.
     */
    @Test
    void shouldShowTheCorrelationMatrixAsTheCommandLineComputesIt() throws Exception {
        b.driver.get(d.url);
        b.await(30, () -> b.find("#status").getText().equals("live"));
        b.find("#tab-corr").click();
        b.await(30, () -> b.find("#co-status").getText().startsWith("2 symbols, window 20"));
        b.type("#co-window", "30");
        b.find("#co-run").click();
        b.await(30, () -> b.find("#co-status").getText().equals("2 symbols, window 30"));
        Path table = Files.createTempFile("quant-pair-corr", ".csv");
        d.pair("--corr-window", "30", "--output", table.toString());
        List<String> lines = Files.readAllLines(table);
        int col = List.of(lines.get(0).split(",")).indexOf("corr");
        double want = Double.parseDouble(lines.get(lines.size() - 1).split(",", -1)[col]);
        for (String cell :
                List.of(
                        "#co-table td[data-a='BTCUSDT'][data-b='ETHUSDT']",
                        "#co-table td[data-a='ETHUSDT'][data-b='BTCUSDT']")) {
            assertThat(Double.parseDouble(b.find(cell).getAttribute("data-value"))).isEqualTo(want);
            assertThat(b.find(cell).getText()).isEqualTo(String.format(Locale.ROOT, "%.4f", want));
        }
        assertThat(b.find("#co-table td[data-a='BTCUSDT'][data-b='BTCUSDT']").getText())
                .isEqualTo("1");
        assertThat(b.driver.findElements(By.cssSelector("#co-heatmap canvas"))).isNotEmpty();
        b.screenshot("dashboard-correlation.png");
        // below 2 the browser's own form check stops it; above the bound the server says why
        b.type("#co-window", "100001");
        b.find("#co-run").click();
        b.await(30, () -> b.find("#co-status").getText().startsWith("error:"));
        assertThat(b.find("#co-status").getText())
                .isEqualTo("error: window: expected a whole number from 2 to 100000, was 100001");
        assertThat(b.scriptErrors()).as("script errors").isEmpty();
    }
}
