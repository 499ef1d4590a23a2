package org.quantstream.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quantstream.core.testkit.Oracle;

/** SPEC §14 against the oracle's reference: every fired alert exactly, every suppressed count. */
class AlertOracleTest {
    private static final long MS = 1_000_000L;

    private static AlertRule rule(JsonNode r) {
        AlertRule.Builder b = AlertRule.builder(r.path("name").asText());
        JsonNode pair = r.path("pair");
        String metric =
                r.path("metric").asText().equals("zscore") ? "zScore" : r.path("metric").asText();
        b.pair(
                pair.isMissingNode() ? "A" : pair.path("a").asText(),
                pair.isMissingNode() ? "B" : pair.path("b").asText(),
                metric);
        AlertCondition c = AlertCondition.valueOf(r.path("condition").asText());
        if (c == AlertCondition.OUTSIDE) {
            b.outside(r.path("lo").asDouble(), r.path("hi").asDouble());
        } else {
            b.when(c, r.path("threshold").asDouble());
        }
        if (c.isLevel()) {
            b.hysteresis(r.path("hysteresis").asDouble());
        }
        return b.cooldown(Duration.ofMillis(r.path("cooldown_ms").asLong())).build();
    }

    /** Runs the rules on the series and checks each against the reference's result. */
    private static void check(JsonNode expectedRules, long[] timesMs, double[] values) {
        List<AlertRule> rules = new ArrayList<>();
        for (JsonNode r : expectedRules) {
            rules.add(rule(r));
        }
        List<Alert> alerts = new ArrayList<>();
        AlertEngine engine = AlertEngine.builder().rules(rules).sink(alerts::add).build();
        AlertEngine.Watch w = engine.watch(rules.get(0).target(), "zScore");
        for (int i = 0; i < values.length; i++) {
            w.onValue(timesMs[i] * MS, values[i]);
        }
        for (JsonNode r : expectedRules) {
            String name = r.path("name").asText();
            List<Alert> mine = alerts.stream().filter(a -> a.rule().equals(name)).toList();
            JsonNode fired = r.path("fired");
            assertThat(mine).as(name).hasSize(fired.size());
            assertThat(engine.fired(name)).isEqualTo(r.path("count").asLong());
            assertThat(engine.suppressed(name))
                    .as(name + " suppressed")
                    .isEqualTo(r.path("suppressed_count").asLong());
            for (int i = 0; i < fired.size(); i++) {
                JsonNode f = fired.get(i);
                Alert a = mine.get(i);
                assertThat(a.eventTimeNanos())
                        .as("%s #%d time", name, i)
                        .isEqualTo(f.path("time").asLong() * MS);
                assertThat(a.value())
                        .as("%s #%d value", name, i)
                        .isEqualTo(f.path("value").asDouble());
                if (f.path("previous").isNull()) {
                    assertThat(a.previous()).isNaN();
                } else {
                    assertThat(a.previous())
                            .as("%s #%d previous", name, i)
                            .isEqualTo(f.path("previous").asDouble());
                }
                assertThat(a.condition().name()).isEqualTo(r.path("condition").asText());
                assertThat(a.metric()).isEqualTo("zScore");
            }
        }
    }

    @Test
    void shouldReproduceThePublicCase() {
        JsonNode doc = Oracle.load("g_pair_backtest");
        JsonNode z = doc.path("signals").path("hedge120_z60").path("z");
        JsonNode t = doc.path("inputs").path("time_ms");
        long[] times = new long[z.size()];
        double[] values = new double[z.size()];
        for (int i = 0; i < z.size(); i++) {
            times[i] = t.get(i).asLong();
            values[i] = Oracle.num(z.get(i));
        }
        JsonNode rules = doc.path("alerts").path("rules");
        assertThat(rules).hasSize(3);
        check(rules, times, values);
    }

    @Test
    void shouldReproduceEveryConditionWithHysteresisCooldownAndNaN() {
        JsonNode doc = Oracle.load("h_alert_cases");
        long suppressedSeen = 0;
        for (JsonNode c : doc.path("cases")) {
            JsonNode t = c.path("time_ms");
            JsonNode v = c.path("values");
            long[] times = new long[t.size()];
            double[] values = new double[t.size()];
            for (int i = 0; i < t.size(); i++) {
                times[i] = t.get(i).asLong();
                values[i] = Oracle.num(v.get(i));
            }
            check(c.path("rules"), times, values);
            for (JsonNode r : c.path("rules")) {
                suppressedSeen += r.path("suppressed_count").asLong();
            }
        }
        assertThat(suppressedSeen).as("the cases exercise the cooldown").isPositive();
    }
}
