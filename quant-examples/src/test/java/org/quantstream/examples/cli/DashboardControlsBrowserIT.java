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
        for (String[] k : new String[][] {{"z", "z"}, {"corr", "corr"}, {"beta", "beta"}}) {
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

    /** The alerts {@code quant pair --rules} fires on the demo's store at 1 s, window 20. */
    private static List<String> fired(String rules) throws Exception {
        return d.fired(rules, "--z-window", "20");
    }
}
