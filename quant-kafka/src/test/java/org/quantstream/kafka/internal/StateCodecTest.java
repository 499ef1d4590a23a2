package org.quantstream.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.alert.AlertCondition;
import org.quantstream.core.alert.AlertEngine;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.OperatorInput;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.pipeline.SymbolAnalytics;
import org.quantstream.core.regression.HedgeRatio;
import org.quantstream.core.regression.KalmanHedgeRatio;
import org.quantstream.core.regression.RecursiveOls;
import org.quantstream.core.regression.RollingHuber;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.regression.TotalLeastSquares;
import org.quantstream.core.stats.RollingExtreme;
import org.quantstream.core.stats.RollingStd;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;
import org.quantstream.kafka.testkit.Tapes;

/**
 * A stage restored from a snapshot taken half way goes on exactly as the stage that was never
 * stopped: bars, pair snapshots, operator values and alerts equal bit for bit, for every hedge
 * method; and a fresh stage that was not restored does not (so the comparison can fail).
 */
class StateCodecTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final Symbol ETH = Symbol.of("ETHUSDT");
    private static final Timeframe S1 = Timeframe.parse("1s");

    static HedgeRatio hedge(String method) {
        return switch (method) {
            case "rolling-ols" -> new RollingOls(40);
            case "recursive-ols" -> new RecursiveOls(0.99);
            case "huber" -> new RollingHuber(40);
            case "tls" -> new TotalLeastSquares(40);
            case "kalman" -> new KalmanHedgeRatio(1e-4, 1e-3);
            default -> throw new IllegalArgumentException(method);
        };
    }

    @Test
    void shouldRestoreAnAggregatorHalfWayThroughABar() {
        List<Tick> ticks = Tapes.ticks(BTC);
        List<Bar> whole = new ArrayList<>();
        TimeBarAggregator a = TimeBarAggregator.builder(BTC, S1, whole::add).build();
        ticks.forEach(a::onTick);
        a.flush();

        List<Bar> resumed = new ArrayList<>();
        TimeBarAggregator first = TimeBarAggregator.builder(BTC, S1, resumed::add).build();
        int half = ticks.size() / 2 + 3; // inside a bar, most likely
        ticks.subList(0, half).forEach(first::onTick);
        byte[] snap = StateCodec.write(first);
        TimeBarAggregator second = TimeBarAggregator.builder(BTC, S1, resumed::add).build();
        StateCodec.read(snap, second);
        ticks.subList(half, ticks.size()).forEach(second::onTick);
        second.flush();
        assertThat(resumed).hasSize(whole.size()).isEqualTo(whole);

        List<Bar> fresh = new ArrayList<>();
        TimeBarAggregator notRestored = TimeBarAggregator.builder(BTC, S1, fresh::add).build();
        ticks.subList(half, ticks.size()).forEach(notRestored::onTick);
        notRestored.flush();
        assertThat(fresh.get(0)).isNotEqualTo(whole.get(whole.size() - fresh.size()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rolling-ols", "recursive-ols", "huber", "tls", "kalman"})
    void shouldRestorePairAnalyticsAndTheirRulesBitForBit(String method) {
        List<Bar> bars = interleavedBars();
        List<AlertRule> rules =
                List.of(
                        AlertRule.builder("z-out")
                                .pair("BTCUSDT", "ETHUSDT", "zScore")
                                .outside(-1, 1)
                                .hysteresis(0.5)
                                .build(),
                        AlertRule.builder("z-cross")
                                .pair("BTCUSDT", "ETHUSDT", "zScore")
                                .when(AlertCondition.CROSSES, 0)
                                .cooldown(java.time.Duration.ofSeconds(30))
                                .build());
        Supplier<PairAnalytics.Builder> config =
                () ->
                        PairAnalytics.builder(BTC, ETH)
                                .hedge(hedge(method))
                                .zWindow(60)
                                .correlationWindow(30)
                                .timeframe(S1);

        Run whole = new Run(config, rules);
        bars.forEach(whole::onBar);

        Run resumed = new Run(config, rules);
        int half = bars.size() / 2;
        bars.subList(0, half).forEach(resumed::onBar);
        byte[] snap = StateCodec.write(resumed.pair, resumed.watch);
        Run second = new Run(config, rules, resumed);
        StateCodec.read(snap, second.pair, second.watch);
        bars.subList(half, bars.size()).forEach(second::onBar);

        assertThat(whole.snapshots).hasSizeGreaterThan(300);
        assertThat(resumed.snapshots).isEqualTo(whole.snapshots);
        assertThat(whole.alerts).isNotEmpty();
        assertThat(resumed.alerts).isEqualTo(whole.alerts);
        assertThat(second.pair.aligned()).isEqualTo(whole.pair.aligned());

        Run notRestored = new Run(config, rules);
        bars.subList(half, bars.size()).forEach(notRestored::onBar);
        assertThat(notRestored.snapshots)
                .isNotEqualTo(
                        whole.snapshots.subList(
                                whole.snapshots.size() - notRestored.snapshots.size(),
                                whole.snapshots.size()));
    }

    @Test
    void shouldRestoreSymbolOperatorsAndBarRules() {
        PipelineConfig cfg =
                PipelineConfig.builder()
                        .symbols(BTC)
                        .timeframes(S1)
                        .operator("z60", () -> new RollingZScore(60), OperatorInput.CLOSE)
                        .operator("vol", () -> new RollingStd(30), OperatorInput.LOG_RETURN)
                        .operator("hi", () -> RollingExtreme.max(20), OperatorInput.CLOSE)
                        .rules(
                                List.of(
                                        AlertRule.builder("z")
                                                .symbol("BTCUSDT", "z60")
                                                .outside(-1.5, 1.5)
                                                .hysteresis(0.2)
                                                .build(),
                                        AlertRule.builder("v")
                                                .symbol("BTCUSDT", "volume")
                                                .when(AlertCondition.ABOVE, 5)
                                                .build()))
                        .build();
        List<Bar> bars = new ArrayList<>();
        TimeBarAggregator a = TimeBarAggregator.builder(BTC, S1, bars::add).build();
        Tapes.ticks(BTC).forEach(a::onTick);

        List<String> whole = new ArrayList<>();
        SymbolAnalytics w = symbol(cfg, whole);
        bars.forEach(w::onBar);

        List<String> resumed = new ArrayList<>();
        SymbolAnalytics first = symbol(cfg, resumed);
        int half = bars.size() / 2;
        bars.subList(0, half).forEach(first::onBar);
        byte[] snap = StateCodec.write(first);
        SymbolAnalytics second = symbol(cfg, resumed);
        StateCodec.read(snap, second);
        bars.subList(half, bars.size()).forEach(second::onBar);
        assertThat(whole).anyMatch(s -> s.startsWith("alert")).hasSizeGreaterThan(1000);
        assertThat(resumed).isEqualTo(whole);
    }

    @Test
    void shouldRefuseASnapshotOfAnotherShape() {
        PairAnalytics rolling =
                PairAnalytics.builder(BTC, ETH).timeframe(S1).handler(s -> {}).build();
        PairAnalytics kalman =
                PairAnalytics.builder(BTC, ETH)
                        .hedge(new KalmanHedgeRatio(1e-4, 1e-3))
                        .timeframe(S1)
                        .handler(s -> {})
                        .build();
        byte[] snap = StateCodec.write(rolling);
        assertThatThrownBy(() -> StateCodec.read(snap, kalman))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StateCodec.read(new byte[] {1, 2, 3}, kalman))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a quantstream state snapshot");
    }

    private static SymbolAnalytics symbol(PipelineConfig cfg, List<String> out) {
        AlertEngine engine =
                AlertEngine.builder()
                        .rules(cfg.rules())
                        .symbolMetrics(cfg.operatorNames())
                        .sink(a -> out.add("alert " + a))
                        .build();
        return new SymbolAnalytics(
                BTC, cfg, engine, (t, m, time, v) -> out.add(m + " " + time + " " + v));
    }

    /** One pair's analytics and alert rules, recording what they hand out. */
    static final class Run {
        final List<PairSnapshot> snapshots;
        final List<Alert> alerts;
        final PairAnalytics pair;
        final AlertEngine.PairWatch watch;

        Run(Supplier<PairAnalytics.Builder> config, List<AlertRule> rules) {
            this(config, rules, null);
        }

        /** A run that records into {@code into}'s lists. */
        Run(Supplier<PairAnalytics.Builder> config, List<AlertRule> rules, Run into) {
            this.snapshots = into == null ? new ArrayList<>() : into.snapshots;
            this.alerts = into == null ? new ArrayList<>() : into.alerts;
            AlertEngine engine = AlertEngine.builder().rules(rules).sink(alerts::add).build();
            this.watch = engine.pair("BTCUSDT", "ETHUSDT");
            this.pair =
                    config.get()
                            .handler(
                                    s -> {
                                        snapshots.add(s);
                                        watch.onSnapshot(s);
                                    })
                            .build();
        }

        void onBar(Bar b) {
            pair.onBarClosed(b);
        }
    }

    static List<Bar> interleavedBars() {
        List<Bar> bars = new ArrayList<>();
        for (Symbol s : List.of(BTC, ETH)) {
            TimeBarAggregator a = TimeBarAggregator.builder(s, S1, bars::add).build();
            Tapes.ticks(s).forEach(a::onTick);
        }
        bars.sort(
                Comparator.comparingLong(Bar::openTimeNanos).thenComparing(b -> b.symbol().name()));
        return bars;
    }
}
