package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's controls and alert rules as a person uses them, in headless Chromium through
 * Selenium, on the running demo (its own, since these tests change its pipeline): a new timeframe,
 * window and hedge method rebuild the pipeline without a restart and the page's candles and pair
 * analytics equal {@code quant resample} and {@code quant pair} with the same options; the overlays
 * follow the window; a bad value changes nothing and says why; rules are added, disabled, deleted
 * and cleared, and the fired-alert log equals {@code quant pair --rules} with the page's rules.
 * Screenshots in {@code target/}. Runs in the {@code browser} profile.
 */
class DashboardControlsBrowserIT {
    private static OpenDashboard d;
    private static Browser b;

    @BeforeAll
    static void open() throws Exception {
        d = new OpenDashboard();
        b = new Browser();
    }

    @AfterAll
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

    /** Sets the controls as a person does and clicks Apply; waits for the page to redraw. */
    private static void apply(String timeframe, int window, String hedge) {
        new Select(b.find("#ct-timeframe")).selectByValue(timeframe);
        b.type("#ct-window", String.valueOf(window));
        new Select(b.find("#ct-hedge")).selectByValue(hedge);
        b.find("#ct-apply").click();
        b.await(30, () -> b.find("#ct-status").getText().startsWith("applied"));
        b.await(
                30,
                () ->
                        b.find("#pr-config")
                                        .getAttribute("textContent")
                                        .contains(timeframe + " bars")
                                && b.find("#pr-config")
                                        .getAttribute("textContent")
                                        .contains(window + " bars"));
    }

    /** Waits until the page's series of pair snapshots stops growing (the replay is read). */
    private static long settledPairs() throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 100; i++) {
            long n = ((Number) b.script("return pair.t.length;")).longValue();
            if (n == last && n > 0) {
                return n;
            }
            last = n;
            Thread.sleep(300);
        }
        throw new AssertionError("the pair series never settled");
    }

    @Test
    void shouldRebuildThePipelineFromTheControlsEqualToTheCommandLine() throws Exception {
        b.driver.get(d.url);
        b.await(30, () -> b.find("#status").getText().equals("live"));
        b.await(30, () -> !b.driver.findElements(By.cssSelector("#ch-BTCUSDT canvas")).isEmpty());
        assertThat(b.find("#ct-timeframe").getAttribute("value")).isEqualTo("1s");
        assertThat(b.find(".kf").isDisplayed()).as("Kalman fields only for Kalman").isFalse();

        apply("5s", 30, "kalman");
        assertThat(b.find(".kf").isDisplayed()).isTrue();
        long n = settledPairs();
        Path csv = Files.createTempFile("quant-pair-5s", ".csv");
        d.pair(
                "--timeframe",
                "5s",
                "--hedge",
                "kalman",
                "--delta",
                "1e-4",
                "--ve",
                "1e-3",
                "--z-window",
                "30",
                "--corr-window",
                "30",
                "--output",
                csv.toString());
        List<String> rows = Files.readAllLines(csv);
        List<String> head = List.of(rows.get(0).split(","));
        assertThat(n).as("one snapshot per aligned 5 s bar").isEqualTo(rows.size() - 1);
        String[] lastRow = rows.get(rows.size() - 1).split(",", -1);
        for (String[] k :
                new String[][] {
                    {"z", "z"},
                    {"corr", "corr"},
                    {"beta", "beta"},
                    {"alpha", "alpha"},
                    {"spread", "spread"}
                }) {
            Object v = b.script("return pair." + k[0] + "[pair." + k[0] + ".length - 1];");
            assertThat(((Number) v).doubleValue())
                    .as(k[0])
                    .isEqualTo(Double.parseDouble(lastRow[head.indexOf(k[1])]));
        }
        assertThat(b.find("#z").getText())
                .isEqualTo(
                        String.format(
                                Locale.ROOT,
                                "%.2f",
                                Double.parseDouble(lastRow[head.indexOf("z")])));
        assertThat(((Number) b.script("return pair.t[0];")).longValue())
                .isEqualTo(Long.parseLong(rows.get(1).split(",")[0]));

        // the candles: quant resample of the symbol's ticks at 5 s, bar for bar
        Path ticks = Files.createTempFile("quant-export-btc", ".csv");
        Path bars = Files.createTempFile("quant-bars-btc-5s", ".csv");
        OpenDashboard.jar(
                "export",
                "--store",
                d.store().toString(),
                "--only",
                "BTCUSDT",
                "--output",
                ticks.toString());
        OpenDashboard.jar(
                "resample",
                "--input",
                ticks.toString(),
                "--timeframe",
                "5s",
                "--output",
                bars.toString());
        List<String> want = Files.readAllLines(bars);
        List<String> bh = List.of(want.get(0).split(","));
        @SuppressWarnings("unchecked")
        List<List<Number>> ohlc = (List<List<Number>>) b.script("return bars['BTCUSDT'].ohlc;");
        assertThat(ohlc).hasSize(want.size() - 1);
        List<Double> closes = new ArrayList<>();
        for (int i = 1; i < want.size(); i++) {
            String[] r = want.get(i).split(",", -1);
            List<Number> c = ohlc.get(i - 1);
            assertThat(c.get(1).doubleValue()).isEqualTo(Double.parseDouble(r[bh.indexOf("open")]));
            assertThat(c.get(2).doubleValue())
                    .isEqualTo(Double.parseDouble(r[bh.indexOf("close")]));
            assertThat(c.get(3).doubleValue()).isEqualTo(Double.parseDouble(r[bh.indexOf("low")]));
            assertThat(c.get(4).doubleValue()).isEqualTo(Double.parseDouble(r[bh.indexOf("high")]));
            closes.add(Double.parseDouble(r[bh.indexOf("close")]));
        }
        assertThat(b.script("return charts['ch-BTCUSDT'].getOption().title[0].text;"))
                .isEqualTo("BTCUSDT 5s");

        // the overlays: VWAP and the rolling mean +- k std over the controls' window (30)
        b.find("#ov-vwap").click();
        b.find("#ov-band").click();
        b.await(
                10,
                () ->
                        String.valueOf(
                                        b.script(
                                                "return charts['ch-BTCUSDT'].getOption().series.map(s => s.name).join('|');"))
                                .equals("BTCUSDT|volume|VWAP|mean|mean + 2 std|mean - 2 std"));
        double mean =
                closes.subList(closes.size() - 30, closes.size()).stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow();
        Object shownMean = b.script("const m = bars['BTCUSDT'].mean; return m[m.length - 1][1];");
        assertThat(((Number) shownMean).doubleValue())
                .isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
        b.screenshot("dashboard-charts-5s-overlays.png");
        b.find("#tab-pair").click();
        b.await(10, () -> !b.driver.findElements(By.cssSelector("#pair canvas")).isEmpty());
        assertThat(b.driver.findElements(By.cssSelector("#pr-spread canvas"))).isNotEmpty();
        b.screenshot("dashboard-pair-kalman.png");

        // a bad value: the server's message, nothing changed
        b.type("#ct-window", "3");
        b.find("#ct-apply").click();
        b.await(10, () -> b.find("#ct-status").getText().startsWith("error:"));
        assertThat(b.find("#ct-status").getText())
                .isEqualTo("error: window: expected a whole number in [5, 500], was 3.0");
        assertThat(b.find("#pr-config").getAttribute("textContent"))
                .contains("5s bars")
                .contains("over 30 bars");
        assertThat(settledPairs()).isEqualTo(n);

        apply("1s", 20, "rolling-ols");
        assertThat(b.find(".kf").isDisplayed()).isFalse();
        assertThat(b.find(".hw").isDisplayed()).isTrue();
        assertThat(settledPairs()).isGreaterThan(n);
        assertThat(b.scriptErrors()).as("script errors").isEmpty();
    }

    @Test
    void shouldAddDisableAndDeleteRulesAndLogWhatTheyFire() throws Exception {
        b.driver.get(d.url);
        b.await(30, () -> b.find("#status").getText().equals("live"));
        apply("1s", 20, "rolling-ols");
        b.find("#tab-alerts").click();
        b.await(10, () -> b.driver.findElements(By.cssSelector("#ar-rules tr")).size() == 2);
        assertThat(b.find("#ar-rules tr[data-rule='spread-z']").getText()).contains("OUTSIDE");

        // a mistake first: no threshold
        new Select(b.find("#ar-kind")).selectByValue("symbol");
        new Select(b.find("#ar-symbol")).selectByValue("BTCUSDT");
        new Select(b.find("#ar-metric")).selectByValue("close");
        new Select(b.find("#ar-condition")).selectByValue("CROSSES_BELOW");
        b.type("#ar-name", "btc-down");
        b.find("#ar-threshold").clear();
        b.find("#ar-add").click();
        b.await(10, () -> b.find("#ar-status").getText().startsWith("error:"));
        assertThat(b.find("#ar-status").getText()).contains("threshold");
        assertThat(b.driver.findElements(By.cssSelector("#ar-rules tr"))).hasSize(2);

        b.type("#ar-threshold", "61700");
        b.find("#ar-add").click();
        b.await(10, () -> b.driver.findElements(By.cssSelector("#ar-rules tr")).size() == 3);
        String both =
                "[{\"name\":\"spread-z\",\"metric\":\"zScore\",\"pair\":\"BTCUSDT/ETHUSDT\","
                        + "\"condition\":\"OUTSIDE\",\"lower\":-2,\"upper\":2,\"hysteresis\":0.5},"
                        + "{\"name\":\"btc-down\",\"metric\":\"close\",\"symbol\":\"BTCUSDT\","
                        + "\"condition\":\"CROSSES_BELOW\",\"threshold\":61700}]";
        List<String> want = fired(both);
        assertThat(want.stream().filter(l -> l.contains("btc-down")))
                .as("the demo's data fires the new rule")
                .isNotEmpty();
        b.await(30, () -> b.find("#al-count").getText().equals(String.valueOf(want.size())));
        b.find("#al-download").click();
        assertThat(Files.readAllLines(b.downloaded("alerts.jsonl", 20))).isEqualTo(want);
        assertThat(b.find("#toast").isDisplayed()).as("no toast for history read again").isFalse();
        b.screenshot("dashboard-alert-rules.png");

        // disable the spread rule: only the new one fires
        WebElement on = b.find("#ar-rules tr[data-rule='spread-z'] input.ar-on");
        on.click();
        List<String> only = fired("[" + both.substring(both.indexOf("},{") + 2));
        b.await(
                30,
                () ->
                        b.find("#al-count").getText().equals(String.valueOf(only.size()))
                                && !b.find("#ar-rules tr[data-rule='spread-z'] input.ar-on")
                                        .isSelected());
        for (WebElement row : b.driver.findElements(By.cssSelector("#al-log tr"))) {
            assertThat(row.getText()).doesNotContain("spread-z");
        }

        b.find("#ar-rules tr[data-rule='btc-down'] .ar-del").click();
        b.await(10, () -> b.driver.findElements(By.cssSelector("#ar-rules tr")).size() == 2);
        b.await(10, () -> b.find("#al-count").getText().equals("0"));
        b.find("#ar-clear").click();
        b.await(10, () -> b.driver.findElements(By.cssSelector("#ar-rules tr")).size() == 1);
        assertThat(b.find("#ar-status").getText()).isEqualTo("0 rules");
        assertThat(b.scriptErrors()).as("script errors").isEmpty();
    }

    @Test
    void shouldBrowseDownloadAndUploadAsTheCommandLineDoes() throws Exception {
        b.driver.get(d.url);
        b.await(30, () -> b.find("#status").getText().equals("live"));
        apply("1s", 20, "rolling-ols");
        b.find("#tab-data").click();
        Path ticks = Files.createTempFile("quant-export-eth", ".csv");
        OpenDashboard.jar(
                "export",
                "--store",
                d.store().toString(),
                "--only",
                "ETHUSDT",
                "--output",
                ticks.toString());
        List<String> all = Files.readAllLines(ticks);

        // browse: the newest five ticks, newest first
        new Select(b.find("#da-symbol")).selectByValue("ETHUSDT");
        new Select(b.find("#da-kind")).selectByValue("ticks");
        new Select(b.find("#da-sort")).selectByValue("desc");
        b.type("#da-limit", "5");
        b.find("#da-browse").click();
        b.await(20, () -> b.find("#da-status").getText().equals("5 ticks of ETHUSDT"));
        List<WebElement> ids =
                b.driver.findElements(By.cssSelector("#da-table td[data-key='tradeId']"));
        List<WebElement> prices =
                b.driver.findElements(By.cssSelector("#da-table td[data-key='price']"));
        assertThat(ids).hasSize(5);
        for (int i = 0; i < 5; i++) {
            String[] row = all.get(all.size() - 1 - i).split(",");
            assertThat(ids.get(i).getText()).isEqualTo(row[1]);
            assertThat(Double.parseDouble(prices.get(i).getAttribute("data-value")))
                    .isEqualTo(Double.parseDouble(row[4]));
        }

        // downloads: byte for byte what the command line writes
        b.type("#da-from", "2024-08-08T23:57:00Z");
        b.find("#dl-ticks-csv").click();
        Path got = b.downloaded("ETHUSDT-ticks-20240808T235700Z-end.csv", 30);
        Path want = Files.createTempFile("quant-export-from", ".csv");
        OpenDashboard.jar(
                "export",
                "--store",
                d.store().toString(),
                "--only",
                "ETHUSDT",
                "--from",
                "2024-08-08T23:57:00Z",
                "--output",
                want.toString());
        assertThat(Files.readAllLines(got))
                .isEqualTo(Files.readAllLines(want))
                .hasSizeGreaterThan(100);
        b.find("#da-from").clear();
        new Select(b.find("#da-timeframe")).selectByValue("1m");
        b.find("#dl-bars-json").click();
        got = b.downloaded("ETHUSDT-1m-bars-start-end.jsonl", 30);
        want = Files.createTempFile("quant-resample", ".jsonl");
        OpenDashboard.jar(
                "resample",
                "--input",
                ticks.toString(),
                "--timeframe",
                "1m",
                "--format",
                "json",
                "--output",
                want.toString());
        assertThat(Files.readAllLines(got)).isEqualTo(Files.readAllLines(want)).hasSize(7);
        b.find("#dl-pair-csv").click();
        got = b.downloaded("BTCUSDT-ETHUSDT-1s-pair-rolling-ols.csv", 30);
        want = Files.createTempFile("quant-pair", ".csv");
        d.pair("--z-window", "20", "--corr-window", "20", "--output", want.toString());
        assertThat(Files.readAllLines(got))
                .isEqualTo(Files.readAllLines(want))
                .hasSizeGreaterThan(300);

        // a bad upload: every problem with its line and column, nothing imported
        Path bad = Files.createTempFile("bad-bars", ".csv");
        Files.writeString(
                bad,
                "timestamp,open,high,low,close,volume\n"
                        + "1723161600000,100,101,99,100.5,10\n"
                        + "1723161660000,100,99,99,100.5,10\n"
                        + "1723161720000,100,101,99\n");
        b.type("#up-symbol", "ETHUP");
        b.find("#up-file").sendKeys(bad.toString());
        b.find("#up-run").click();
        b.await(20, () -> b.find("#up-status").getText().startsWith("error:"));
        assertThat(b.find("#up-status").getText())
                .isEqualTo("error: " + bad.getFileName() + ": 2 problems, nothing imported");
        List<String> problems =
                b.driver.findElements(By.cssSelector("#up-errors li")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(problems)
                .containsExactly(
                        bad.getFileName() + ":4:25: expected 6 fields, found 4",
                        bad.getFileName() + ":3:19: high 99.0 is below max(open, close) 100.5");
        b.screenshot("dashboard-data-upload-errors.png");
        b.find("#da-browse").click(); // ETHUP is unknown: nothing was imported
        assertThat(
                        b.driver.findElements(By.cssSelector("#da-symbol option")).stream()
                                .map(o -> o.getAttribute("value"))
                                .toList())
                .containsExactly("BTCUSDT", "ETHUSDT");

        // a good one: the real ETH minute bars as a generic OHLC file, under another name
        Path barsCsv = Files.createTempFile("quant-eth-1m", ".csv");
        OpenDashboard.jar(
                "resample",
                "--input",
                ticks.toString(),
                "--timeframe",
                "1m",
                "--output",
                barsCsv.toString());
        List<String> rows = Files.readAllLines(barsCsv);
        List<String> h = List.of(rows.get(0).split(","));
        StringBuilder ohlc = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (String r : rows.subList(1, rows.size())) {
            String[] c = r.split(",", -1);
            ohlc.append(
                            String.join(
                                    ",",
                                    c[h.indexOf("open_time")],
                                    c[h.indexOf("open")],
                                    c[h.indexOf("high")],
                                    c[h.indexOf("low")],
                                    c[h.indexOf("close")],
                                    c[h.indexOf("volume")]))
                    .append('\n');
        }
        Path good = Files.createTempFile("eth-minutes", ".csv");
        Files.writeString(good, ohlc);
        b.find("#up-file").sendKeys(good.toString());
        b.find("#up-run").click();
        b.await(20, () -> b.find("#up-status").getText().startsWith("imported"));
        assertThat(b.find("#up-status").getText())
                .isEqualTo("imported 7 1m bars of ETHUP (tagged uploaded)");
        assertThat(b.driver.findElements(By.cssSelector("#up-errors li"))).isEmpty();
        b.await(
                10,
                () ->
                        !b.driver
                                .findElements(By.cssSelector("#da-symbol option[value='ETHUP']"))
                                .isEmpty());
        new Select(b.find("#da-symbol")).selectByValue("ETHUP");
        new Select(b.find("#da-kind")).selectByValue("bars");
        new Select(b.find("#da-sort")).selectByValue("asc");
        b.type("#da-limit", "100");
        b.find("#da-browse").click();
        b.await(20, () -> b.find("#da-status").getText().equals("7 bars of ETHUP (uploaded)"));
        List<WebElement> closes =
                b.driver.findElements(By.cssSelector("#da-table td[data-key='close']"));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(Double.parseDouble(closes.get(i - 1).getAttribute("data-value")))
                    .isEqualTo(Double.parseDouble(rows.get(i).split(",")[h.indexOf("close")]));
        }
        b.find("#tab-live").click();
        b.await(10, () -> !b.driver.findElements(By.cssSelector("#ch-up-ETHUP canvas")).isEmpty());
        assertThat(b.script("return charts['ch-up-ETHUP'].getOption().title[0].text;"))
                .isEqualTo("ETHUP 1m (uploaded)");
        b.screenshot("dashboard-charts-uploaded.png");
        b.find("#tab-stats").click();
        b.await(30, () -> b.find("#st-status").getText().startsWith("3 symbols"));
        assertThat(b.find("#st-table td[data-key='n'][data-symbol='ETHUP']").getText())
                .isEqualTo("7");
        assertThat(b.find("#st-table").getText()).contains("ETHUP (uploaded)");

        // the uploaded series as leg B of the pair, at its own timeframe: the live pipeline, the
        // Backtest, Overview and Correlation tabs take it, as quant pair and quant backtest take
        // two bar files
        Path btcTicks = Files.createTempFile("quant-export-btc", ".csv");
        Path btc1m = Files.createTempFile("quant-btc-1m", ".csv");
        Path ethup = Files.createTempFile("quant-ethup", ".csv");
        OpenDashboard.jar(
                "export",
                "--store",
                d.store().toString(),
                "--only",
                "BTCUSDT",
                "--output",
                btcTicks.toString());
        OpenDashboard.jar(
                "resample",
                "--input",
                btcTicks.toString(),
                "--timeframe",
                "1m",
                "--output",
                btc1m.toString());
        OpenDashboard.jar(
                "bars",
                "import",
                "--input",
                good.toString(),
                "--symbol",
                "ETHUP",
                "--timeframe",
                "1m",
                "--output",
                ethup.toString());
        new Select(b.find("#ct-symbolB")).selectByValue("ETHUP");
        apply("1m", 5, "ols");
        b.await(
                30,
                () -> b.find("#pr-config").getAttribute("textContent").startsWith("BTCUSDT/ETHUP"));
        Path pairCsv = Files.createTempFile("quant-pair-up", ".csv");
        OpenDashboard.jar(
                "pair",
                "--a",
                btc1m.toString(),
                "--b",
                ethup.toString(),
                "--hedge",
                "ols",
                "--z-window",
                "5",
                "--corr-window",
                "5",
                "--output",
                pairCsv.toString());
        List<String> pr = Files.readAllLines(pairCsv);
        List<String> ph = List.of(pr.get(0).split(","));
        b.await(30, () -> ((Number) b.script("return pair.t.length;")).intValue() == pr.size() - 1);
        String[] lastPair = pr.get(pr.size() - 1).split(",", -1);
        for (String k : List.of("z", "beta", "spread")) {
            Object v = b.script("return pair." + k + "[pair." + k + ".length - 1];");
            assertThat(((Number) v).doubleValue())
                    .as("uploaded leg: " + k)
                    .isEqualTo(Double.parseDouble(lastPair[ph.indexOf(k)]));
        }
        b.find("#tab-backtest").click();
        b.type("#bt-entry", "1");
        b.find("#bt-run").click();
        b.await(60, () -> b.find("#bt-status").getText().startsWith("done:"));
        com.fasterxml.jackson.databind.JsonNode bt =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                                OpenDashboard.jar(
                                        "backtest",
                                        "--a",
                                        btc1m.toString(),
                                        "--b",
                                        ethup.toString(),
                                        "--hedge",
                                        "ols",
                                        "--z-window",
                                        "5",
                                        "--entry",
                                        "1",
                                        "--json"));
        assertThat(b.find("#bt-status").getText())
                .startsWith("done: " + bt.path("trades").size() + " trades");
        assertThat(
                        Double.parseDouble(
                                b.find("#bt-metrics [data-key='finalEquity']")
                                        .getAttribute("data-value")))
                .isEqualTo(bt.path("metrics").path("finalEquity").asDouble());
        b.find("#tab-overview").click();
        b.await(30, () -> !b.driver.findElements(By.cssSelector("#ov-ETHUP")).isEmpty());
        assertThat(b.find("#ov-ETHUP h2").getText()).isEqualTo("ETHUP (uploaded)");
        String[] lastBar = rows.get(rows.size() - 1).split(",", -1);
        assertThat(
                        Double.parseDouble(
                                b.find("#ov-ETHUP [data-key='last']").getAttribute("data-value")))
                .isEqualTo(Double.parseDouble(lastBar[h.indexOf("close")]));
        b.find("#tab-corr").click();
        b.await(30, () -> b.find("#co-status").getText().startsWith("3 symbols, window 5"));
        assertThat(
                        Double.parseDouble(
                                b.find("#co-table td[data-a='BTCUSDT'][data-b='ETHUP']")
                                        .getAttribute("data-value")))
                .isEqualTo(Double.parseDouble(lastPair[ph.indexOf("corr")]));
        b.screenshot("dashboard-uploaded-leg.png");
        assertThat(b.scriptErrors()).as("script errors").isEmpty();
    }

    @Test
    void shouldPaperTradeTheBacktestsStrategyOnThePipeline() throws Exception {
        b.driver.get(d.url);
        b.await(30, () -> b.find("#status").getText().equals("live"));
        apply("1s", 20, "rolling-ols");
        b.find("#tab-backtest").click();
        assertThat(b.find("#paper-panel").isDisplayed()).isFalse();
        b.type("#bt-entry", "1.5");
        b.find("#bt-paper").click();
        b.await(30, () -> b.find("#paper-panel").isDisplayed());
        // the strategy trades the history read again: every closed trade the command line
        // finds, the one closed at the end of the data (reason END) excepted
        com.fasterxml.jackson.databind.JsonNode want =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                                OpenDashboard.jar(
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
                                        "--json"));
        List<com.fasterxml.jackson.databind.JsonNode> closed = new ArrayList<>();
        want.path("trades")
                .forEach(
                        t -> {
                            if (!t.path("reason").asText().equals("END")) {
                                closed.add(t);
                            }
                        });
        assertThat(closed).as("the demo's data gives closed trades").hasSizeGreaterThan(2);
        b.await(
                30,
                () -> b.find("#paper-trades-n").getText().equals(String.valueOf(closed.size())));
        double realized = closed.stream().mapToDouble(t -> t.path("net_pnl").asDouble()).sum();
        assertThat(Double.parseDouble(b.find("#paper-realized").getAttribute("data-value")))
                .isCloseTo(realized, org.assertj.core.data.Offset.offset(1e-6));
        @SuppressWarnings("unchecked")
        List<Number> nets = (List<Number>) b.script("return paperTrades.map(t => t.net_pnl);");
        assertThat(nets).hasSize(closed.size());
        for (int i = 0; i < closed.size(); i++) {
            assertThat(nets.get(i).doubleValue())
                    .isEqualTo(closed.get(i).path("net_pnl").asDouble());
        }
        assertThat(b.find("#paper-position").getText()).isIn("flat", "long spread", "short spread");
        b.await(10, () -> !b.driver.findElements(By.cssSelector("#paper-equity canvas")).isEmpty());
        b.screenshot("dashboard-paper.png");
        // off again: the panel goes, the pipeline runs without it
        b.find("#bt-paper").click();
        b.await(30, () -> !b.find("#paper-panel").isDisplayed());
        assertThat(b.scriptErrors()).as("script errors").isEmpty();
    }

    /** The alerts {@code quant pair --rules} fires on the demo's store at 1 s, window 20. */
    private static List<String> fired(String rules) throws Exception {
        return d.fired(rules, "--z-window", "20");
    }
}
