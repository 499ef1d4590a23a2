package org.quantstream.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.pair.PairSnapshot;

class AlertEngineTest {
    @TempDir Path dir;

    private static double[] walk(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        double x = 0;
        for (int i = 0; i < n; i++) {
            x = 0.95 * x + r.nextGaussian();
            v[i] = x;
        }
        return v;
    }

    @Test
    void shouldNeverFireALevelRuleTwiceWithoutReArming() {
        for (long seed = 1; seed <= 20; seed++) {
            double[] v = walk(seed, 2_000);
            List<Alert> alerts = new ArrayList<>();
            AlertEngine e =
                    AlertEngine.builder()
                            .rules(
                                    AlertRule.builder("out")
                                            .pair("A", "B", "zScore")
                                            .outside(-1.5, 1.5)
                                            .hysteresis(0.7)
                                            .build())
                            .sink(alerts::add)
                            .build();
            AlertEngine.Watch w = e.watch("A/B", "zScore");
            for (int i = 0; i < v.length; i++) {
                w.onValue(i * 1_000_000_000L, v[i]);
            }
            assertThat(alerts).isNotEmpty();
            // between two alerts the value came back inside [-0.8, 0.8]
            int k = 0;
            for (int a = 1; a < alerts.size(); a++) {
                long from = alerts.get(a - 1).eventTimeNanos() / 1_000_000_000L;
                long to = alerts.get(a).eventTimeNanos() / 1_000_000_000L;
                boolean rearmed = false;
                for (long i = from + 1; i < to; i++) {
                    rearmed |= v[(int) i] >= -0.8 && v[(int) i] <= 0.8;
                }
                assertThat(rearmed).as("seed %d, alerts at %d and %d", seed, from, to).isTrue();
                k++;
            }
            assertThat(k).isEqualTo(alerts.size() - 1);
        }
    }

    @Test
    void shouldNeverDeliverTwoAlertsCloserThanTheCooldown() {
        for (long seed = 1; seed <= 20; seed++) {
            double[] v = walk(seed, 3_000);
            List<Alert> alerts = new ArrayList<>();
            AlertEngine e =
                    AlertEngine.builder()
                            .rules(
                                    AlertRule.builder("x")
                                            .symbol("BTCUSDT", "close")
                                            .when(AlertCondition.CROSSES, 0)
                                            .cooldown(Duration.ofSeconds(17))
                                            .build())
                            .sink(alerts::add)
                            .build();
            AlertEngine.Watch w = e.watch("BTCUSDT", "close");
            for (int i = 0; i < v.length; i++) {
                w.onValue(i * 1_000_000_000L, v[i]);
            }
            for (int a = 1; a < alerts.size(); a++) {
                assertThat(alerts.get(a).eventTimeNanos() - alerts.get(a - 1).eventTimeNanos())
                        .isGreaterThanOrEqualTo(17_000_000_000L);
            }
            assertThat(e.suppressed("x")).as("seed %d", seed).isPositive();
            assertThat(e.fired("x")).isEqualTo(alerts.size());
        }
    }

    @Test
    void shouldBeUnchangedByNaNValues() {
        double[] v = walk(3, 2_000);
        List<Alert> plain = new ArrayList<>();
        List<Alert> withNaN = new ArrayList<>();
        AlertRule rule =
                AlertRule.builder("r")
                        .pair("A", "B", "spread")
                        .when(AlertCondition.ABOVE, 1)
                        .hysteresis(0.5)
                        .cooldown(Duration.ofSeconds(3))
                        .build();
        AlertEngine.Watch a =
                AlertEngine.builder().rules(rule).sink(plain::add).build().watch("A/B", "spread");
        AlertEngine.Watch b =
                AlertEngine.builder().rules(rule).sink(withNaN::add).build().watch("A/B", "spread");
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < v.length; i++) {
            a.onValue(i * 1_000_000_000L, v[i]);
            if (r.nextInt(3) == 0) {
                b.onValue(i * 1_000_000_000L, Double.NaN);
            }
            b.onValue(i * 1_000_000_000L, v[i]);
        }
        assertThat(withNaN).isEqualTo(plain).isNotEmpty();
    }

    @Test
    void shouldFeedBarAndSnapshotMetricsToTheirRulesAndCountSinkErrors() {
        List<Alert> alerts = new ArrayList<>();
        AlertEngine e =
                AlertEngine.builder()
                        .rules(
                                AlertRule.builder("z")
                                        .pair("BTCUSDT", "ETHUSDT", "zScore")
                                        .when(AlertCondition.BELOW, -2)
                                        .build(),
                                AlertRule.builder("p")
                                        .pair("BTCUSDT", "ETHUSDT", "adfPValue")
                                        .when(AlertCondition.BELOW, 0.05)
                                        .build())
                        .sink(
                                x -> {
                                    alerts.add(x);
                                    if (x.rule().equals("p")) {
                                        throw new IllegalStateException("sink down");
                                    }
                                })
                        .errorHandler(t -> {})
                        .build();
        AlertEngine.PairWatch w = e.pair("BTCUSDT", "ETHUSDT");
        w.onSnapshot(new PairSnapshot(1, 1, 1, false, false, 1, 0, 0, -1, 0.5, -3, 0.2, 10));
        w.onSnapshot(new PairSnapshot(2, 1, 1, false, false, 1, 0, 0, -2.5, 0.5, -3, 0.01, 10));
        assertThat(alerts)
                .extracting(Alert::rule, Alert::value, Alert::previous, Alert::eventTimeNanos)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("z", -2.5, -1.0, 2L),
                        org.assertj.core.groups.Tuple.tuple("p", 0.01, 0.2, 2L));
        assertThat(e.sinkErrors()).isEqualTo(1);
        assertThat(e.fired()).isEqualTo(2);
        assertThat(e.watch("ETHUSDT/BTCUSDT", "zScore").isWatched()).isFalse();
    }

    @Test
    void shouldRefuseUnknownMetricsAndImpossibleRules() {
        assertThatThrownBy(
                        () ->
                                AlertEngine.builder()
                                        .rules(
                                                AlertRule.builder("q")
                                                        .pair("A", "B", "zscore")
                                                        .when(AlertCondition.ABOVE, 2)
                                                        .build())
                                        .build())
                .hasMessage(
                        "rule q: unknown pair metric \"zscore\"; valid: priceA, priceB, beta,"
                                + " alpha, spread, zScore, correlation, adfStatistic, adfPValue,"
                                + " halfLife");
        assertThatThrownBy(
                        () ->
                                AlertRule.builder("h")
                                        .symbol("X", "close")
                                        .outside(-1, 1)
                                        .hysteresis(1.5)
                                        .build())
                .hasMessageContaining("could never re-arm");
        assertThatThrownBy(
                        () ->
                                AlertRule.builder("c")
                                        .symbol("X", "close")
                                        .when(AlertCondition.CROSSES, 1)
                                        .hysteresis(0.5)
                                        .build())
                .hasMessageContaining("hysteresis applies to ABOVE, BELOW and OUTSIDE only");
        assertThatThrownBy(
                        () ->
                                AlertRule.builder("n")
                                        .symbol("X", "close")
                                        .when(AlertCondition.ABOVE, Double.NaN)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadARulesFileAndNameTheRuleAndFieldOfAMistake() throws Exception {
        Path f = dir.resolve("rules.json");
        Files.writeString(
                f,
                "[{\"name\":\"z-out\",\"metric\":\"zScore\",\"pair\":\"BTCUSDT/ETHUSDT\","
                        + "\"condition\":\"OUTSIDE\",\"lower\":-2,\"upper\":2,\"hysteresis\":0.5,"
                        + "\"cooldown\":\"0s\"},"
                        + "{\"name\":\"btc-up\",\"metric\":\"close\",\"symbol\":\"BTCUSDT\","
                        + "\"condition\":\"CROSSES_ABOVE\",\"threshold\":62000,\"cooldown\":\"30s\"}]");
        List<AlertRule> rules = AlertRules.read(f);
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).toString())
                .isEqualTo(
                        "z-out: zScore of BTCUSDT/ETHUSDT OUTSIDE [-2.0, 2.0], hysteresis 0.5, cooldown PT0S");
        assertThat(rules.get(1).toString())
                .isEqualTo("btc-up: close of BTCUSDT CROSSES_ABOVE 62000.0, cooldown PT30S");
        String[][] bad = {
            {
                "[{\"name\":\"a\",\"metric\":\"zScore\",\"pair\":\"A/B\",\"condition\":\"ABOVE\","
                        + "\"threshold\":2,\"hysterisis\":1}]",
                "rule 0, field \"hysterisis\": unknown field; fields: condition, cooldown, hysteresis,"
                        + " lower, metric, name, pair, symbol, threshold, upper"
            },
            {
                "[{\"name\":\"a\",\"metric\":\"zScore\",\"pair\":\"A/B\",\"condition\":\"ABOVE\","
                        + "\"threshold\":2},{\"name\":\"b\",\"metric\":\"zScore\",\"pair\":\"AB\","
                        + "\"condition\":\"ABOVE\",\"threshold\":2}]",
                "rule 1, field \"pair\": expected \"A/B\", was \"AB\""
            },
            {
                "[{\"name\":\"a\",\"metric\":\"close\",\"symbol\":\"X\",\"condition\":\"OUTSIDE\","
                        + "\"lower\":1}]",
                "rule 0, field \"upper\": missing"
            },
            {
                "[{\"name\":\"a\",\"metric\":\"close\",\"symbol\":\"X\",\"condition\":\"ABOVE\","
                        + "\"threshold\":\"2\"}]",
                "rule 0, field \"threshold\": expected a finite number, was \"2\""
            },
            {
                "[{\"name\":\"a\",\"metric\":\"close\",\"symbol\":\"X\",\"condition\":\"UP\","
                        + "\"threshold\":2}]",
                "rule 0, field \"condition\": unknown condition \"UP\"; conditions: [ABOVE, BELOW,"
                        + " OUTSIDE, CROSSES_ABOVE, CROSSES_BELOW, CROSSES]"
            },
            {
                "[{\"name\":\"a\",\"metric\":\"close\",\"symbol\":\"X\",\"condition\":\"ABOVE\","
                        + "\"threshold\":2,\"cooldown\":\"soon\"}]",
                "rule 0, field \"cooldown\": not a duration: \"soon\" (use 500ms, 30s, 5m, 2h or"
                        + " PT30S)"
            },
            {"{\"name\":\"a\"}", "expected a JSON array of rules"},
        };
        for (String[] c : bad) {
            Files.writeString(f, c[0]);
            assertThatThrownBy(() -> AlertRules.read(f))
                    .isInstanceOf(InputFormatException.class)
                    .hasMessage(f + ": " + c[1]);
        }
        Files.writeString(f, "[{\"name\":1,");
        assertThatThrownBy(() -> AlertRules.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":1:")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldWriteEachRuleAsTheFileHoldsItAndReadItBackEqual() throws Exception {
        List<AlertRule> rules =
                List.of(
                        AlertRule.builder("z-out")
                                .pair("BTCUSDT", "ETHUSDT", "zScore")
                                .outside(-2, 2.5)
                                .hysteresis(0.5)
                                .build(),
                        AlertRule.builder("btc-up")
                                .symbol("BTCUSDT", "close")
                                .when(AlertCondition.CROSSES_ABOVE, 62000)
                                .cooldown(java.time.Duration.ofSeconds(30))
                                .build(),
                        AlertRule.builder("low")
                                .symbol("ETHUSDT", "vwap")
                                .when(AlertCondition.BELOW, 2400.25)
                                .cooldown(java.time.Duration.ofMillis(1500))
                                .build(),
                        AlertRule.builder("tiny")
                                .pair("BTCUSDT", "ETHUSDT", "beta")
                                .when(AlertCondition.ABOVE, 1)
                                .cooldown(java.time.Duration.ofNanos(1500))
                                .build());
        assertThat(AlertRules.toJson(rules.get(0)))
                .isEqualTo(
                        "{\"name\":\"z-out\",\"metric\":\"zScore\",\"pair\":\"BTCUSDT/ETHUSDT\","
                                + "\"condition\":\"OUTSIDE\",\"lower\":-2.0,\"upper\":2.5,"
                                + "\"hysteresis\":0.5,\"cooldown\":\"0s\"}");
        Path f = dir.resolve("written.json");
        Files.writeString(
                f, "[" + String.join(",", rules.stream().map(AlertRules::toJson).toList()) + "]");
        List<AlertRule> back = AlertRules.read(f);
        for (int i = 0; i < rules.size(); i++) {
            assertThat(back.get(i).toString()).isEqualTo(rules.get(i).toString());
            assertThat(back.get(i).cooldownNanos()).isEqualTo(rules.get(i).cooldownNanos());
        }
    }

    @Test
    void shouldAppendAlertsAsJsonLinesFlushedOneByOne() throws Exception {
        Path f = dir.resolve("alerts.jsonl");
        try (AlertSinks.JsonLinesSink sink = AlertSinks.jsonLines(f)) {
            sink.onAlert(
                    new Alert(
                            "z",
                            "A/B",
                            "zScore",
                            AlertCondition.OUTSIDE,
                            -2,
                            2,
                            2.5,
                            Double.NaN,
                            1_723_161_438_000_000_000L));
            assertThat(Files.readAllLines(f))
                    .containsExactly(
                            "{\"rule\":\"z\",\"target\":\"A/B\",\"metric\":\"zScore\","
                                    + "\"condition\":\"OUTSIDE\",\"lower\":-2.0,\"upper\":2.0,"
                                    + "\"value\":2.5,\"previous\":null,"
                                    + "\"eventTimeNanos\":1723161438000000000}");
        }
        assertThat(
                        AlertSinks.describe(
                                new Alert(
                                        "z",
                                        "A/B",
                                        "zScore",
                                        AlertCondition.OUTSIDE,
                                        -2,
                                        2,
                                        2.5,
                                        1.5,
                                        1_723_161_438_000_000_000L)))
                .isEqualTo(
                        "alert z: zScore of A/B OUTSIDE [-2.0, 2.0]: 2.5 (previous 1.5) at"
                                + " 2024-08-08T23:57:18Z");
    }
}
