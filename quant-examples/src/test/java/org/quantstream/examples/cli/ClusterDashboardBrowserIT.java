package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The cluster's dashboard ({@code quant dashboard --kafka}, started by {@code quant cluster-demo
 * --keep-open} from the packaged jar: a real broker, collectors and workers as processes) in
 * headless Chromium, used as a person uses it: the charts and header come from the workers' topics,
 * the pair is switched with the controls, a change the workers own is refused with the file's name,
 * the alerts tab lists the workers' alerts and rules. Runs in the {@code browser} profile.
 */
class ClusterDashboardBrowserIT {
    @Test
    void shouldShowWhatTheWorkersComputeAndSwitchBetweenTheirPairs() throws Exception {
        try (OpenDashboard d =
                        new OpenDashboard(
                                List.of(
                                        "cluster-demo",
                                        "--speed",
                                        "60",
                                        "--dashboard-port",
                                        "0",
                                        "--keep-open"),
                                "quant cluster-demo: dashboard stays open at ");
                Browser b = new Browser()) {
            b.driver.get(d.url);
            // every trade published, the workers' outputs read: the header counts them
            b.await(60, () -> b.find("#state").getText().equals("cluster"));
            b.await(30, () -> b.find("#ticks").getText().replaceAll("[^0-9]", "").equals("16656"));
            assertThat(Long.parseLong(b.find("#bars").getText().replaceAll("[^0-9]", "")))
                    .isPositive();
            b.await(
                    30,
                    () ->
                            !b.driver.findElements(By.cssSelector("#ch-BTCUSDT canvas")).isEmpty()
                                    && !b.driver
                                            .findElements(By.cssSelector("#ch-ETHUSDT canvas"))
                                            .isEmpty());
            assertThat(b.find("#beta").getText()).matches("-?[0-9]+\\.[0-9]{4}");
            assertThat(b.find("#cluster-note").getText())
                    .contains("BTCUSDT/ETHUSDT, ETHUSDT/BTCUSDT")
                    .contains("pipeline.json");
            // what reads a local store is not offered; what the workers fix cannot be edited
            for (String tab :
                    List.of(
                            "#tab-overview",
                            "#tab-corr",
                            "#tab-stats",
                            "#tab-backtest",
                            "#tab-data")) {
                assertThat(b.find(tab).isDisplayed()).as(tab).isFalse();
            }
            assertThat(b.find("#ct-hedge").isEnabled()).isFalse();
            assertThat(b.find("#ct-window").isEnabled()).isFalse();
            assertThat(new Select(b.find("#ct-hedge")).getFirstSelectedOption().getText())
                    .isEqualTo("rolling-ols");
            long btcEthBars = pairPoints(b);
            assertThat(btcEthBars).isPositive();
            b.screenshot("cluster-dashboard.png");

            // a pair the workers do not compute: refused, nothing changes
            new Select(b.find("#ct-symbolA")).selectByVisibleText("BTCUSDT");
            new Select(b.find("#ct-symbolB")).selectByVisibleText("BTCUSDT");
            b.find("#ct-apply").click();
            b.await(10, () -> b.find("#ct-status").getText().startsWith("error: "));
            assertThat(b.find("#ct-status").getText())
                    .contains("the workers compute the pairs BTCUSDT/ETHUSDT, ETHUSDT/BTCUSDT")
                    .contains("BTCUSDT/BTCUSDT is not one of them");

            // the other pair: the Kalman one, drawn from what the workers wrote
            new Select(b.find("#ct-symbolA")).selectByVisibleText("ETHUSDT");
            new Select(b.find("#ct-symbolB")).selectByVisibleText("BTCUSDT");
            b.find("#ct-apply").click();
            b.await(10, () -> b.find("#ct-status").getText().startsWith("applied"));
            assertThat(b.find("#ct-status").getText())
                    .contains("drawn again from what the workers");
            b.await(
                    10,
                    () ->
                            new Select(b.find("#ct-hedge"))
                                    .getFirstSelectedOption()
                                    .getText()
                                    .equals("kalman"));
            assertThat(b.find("#ct-window").getAttribute("value")).isEqualTo("30");
            b.find("#tab-pair").click();
            b.await(10, () -> b.find("#pr-config").getText().startsWith("ETHUSDT/BTCUSDT"));
            assertThat(b.find("#pr-config").getText()).contains("Kalman");
            b.await(10, () -> pairPoints(b) > 0);
            assertThat(b.find("#adf-run").isDisplayed()).isFalse();
            b.screenshot("cluster-dashboard-pair.png");

            // a change of what the workers compute, sent as a script would: refused, file named
            Object refused =
                    b.script(
                            "return fetch('/api/settings', {method: 'POST', headers:"
                                    + " {'Content-Type': 'application/json'}, body:"
                                    + " JSON.stringify({symbolA: 'ETHUSDT', symbolB: 'BTCUSDT',"
                                    + " window: 99})}).then(r => r.text().then(t => r.status + ' '"
                                    + " + t));");
            assertThat(String.valueOf(refused))
                    .startsWith("400 ")
                    .contains("window: the workers compute 30 (set in ")
                    .contains(
                            "pipeline.json); the dashboard of a cluster cannot change it, was 99");

            // the alerts: the workers' rules, read-only, with what fired
            b.find("#tab-alerts").click();
            b.await(
                    10,
                    () ->
                            b.driver.findElements(By.cssSelector("#ar-rules tr[data-rule]")).size()
                                    == 2);
            assertThat(b.find("#ar-form").isDisplayed()).isFalse();
            assertThat(b.find("#ar-rules tr[data-rule='z-out'] input.ar-on").isEnabled()).isFalse();
            long alerts = Long.parseLong(b.find("#al-count").getText());
            assertThat(alerts).as("alerts listed").isPositive();
            assertThat(Long.parseLong(b.find("#alerts").getText().replaceAll("[^0-9]", "")))
                    .as("the header counts the same alerts")
                    .isEqualTo(alerts);
            // newest first, whatever partition each came from
            List<String> times =
                    b.driver.findElements(By.cssSelector("#al-log tr td:first-child")).stream()
                            .map(e -> e.getText())
                            .toList();
            assertThat(times).hasSize((int) alerts);
            assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            // the collectors' own counters are theirs: not shown as zeros
            assertThat(b.find("#reconnects").getText()).isEqualTo("-");
            b.screenshot("cluster-dashboard-alerts.png");
            assertThat(b.scriptErrors()).as("script errors").isEmpty();
        }
    }

    /** Points of the pair drawn (the page's series). */
    private static long pairPoints(Browser b) {
        Object n = b.script("return pair.t.length;");
        return n == null ? 0 : ((Number) n).longValue();
    }
}
