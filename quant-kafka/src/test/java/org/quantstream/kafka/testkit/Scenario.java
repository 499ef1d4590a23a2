package org.quantstream.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.quantstream.core.alert.AlertCondition;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pipeline.OperatorInput;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.pipeline.PipelineStatus;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.store.InMemoryTickStore;
import org.quantstream.core.testkit.PipelineRecording;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/** The configurations and reference runs the Kafka tests compare with. */
public final class Scenario {
    /** BTCUSDT. */
    public static final Symbol BTC = Symbol.of("BTCUSDT");

    /** ETHUSDT. */
    public static final Symbol ETH = Symbol.of("ETHUSDT");

    private Scenario() {}

    /**
     * Two symbols, 1 s and 1 m bars, a z-score operator, one pair and three rules (a pair rule, an
     * operator rule with a cooldown, a bar-metric rule), as the core pipeline tests use.
     *
     * @return the configuration
     */
    public static PipelineConfig twoSymbols() {
        return PipelineConfig.builder()
                .symbols(BTC, ETH)
                .timeframes(Timeframe.parse("1s"), Timeframe.parse("1m"))
                .operator("z60", () -> new RollingZScore(60), OperatorInput.CLOSE)
                .pair(BTC, ETH, b -> b.zWindow(60))
                .rules(
                        List.of(
                                AlertRule.builder("z-out")
                                        .pair("BTCUSDT", "ETHUSDT", "zScore")
                                        .outside(-2, 2)
                                        .hysteresis(0.5)
                                        .build(),
                                AlertRule.builder("btc-z60")
                                        .symbol("BTCUSDT", "z60")
                                        .when(AlertCondition.CROSSES, 0)
                                        .cooldown(Duration.ofSeconds(10))
                                        .build(),
                                AlertRule.builder("eth-vol")
                                        .symbol("ETHUSDT", "volume")
                                        .when(AlertCondition.ABOVE, 50)
                                        .hysteresis(10)
                                        .build()))
                .build();
    }

    /**
     * A configuration by name, for child processes: {@code two} ({@link #twoSymbols()}) or {@code
     * many:S:P} ({@link #many}).
     *
     * @param name the name
     * @return the configuration
     */
    public static PipelineConfig named(String name) {
        if (name.equals("two")) {
            return twoSymbols();
        }
        String[] p = name.split(":");
        return many(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    /**
     * {@code symbols} symbols of {@link #manySymbols} with 1 s bars, a z-score operator, the first
     * {@code pairs} pairs (0/1, 0/2, ..., 1/2, ...), a z-score rule on every pair and a volume rule
     * on every symbol.
     *
     * @param symbols how many symbols
     * @param pairs how many pairs
     * @return the configuration
     */
    public static PipelineConfig many(int symbols, int pairs) {
        PipelineConfig.Builder b =
                PipelineConfig.builder()
                        .timeframes(Timeframe.parse("1s"))
                        .operator("z60", () -> new RollingZScore(60), OperatorInput.CLOSE);
        List<AlertRule> rules = new ArrayList<>();
        for (int i = 0; i < symbols; i++) {
            b.symbols(symbol(i));
            rules.add(
                    AlertRule.builder("vol-" + i)
                            .symbol(symbol(i).name(), "volume")
                            .when(AlertCondition.ABOVE, 20)
                            .hysteresis(5)
                            .build());
        }
        int n = 0;
        for (int i = 0; i < symbols && n < pairs; i++) {
            for (int j = i + 1; j < symbols && n < pairs; j++, n++) {
                b.pair(symbol(i), symbol(j), pb -> pb.zWindow(30).correlationWindow(30));
                rules.add(
                        AlertRule.builder("z-" + i + "-" + j)
                                .pair(symbol(i).name(), symbol(j).name(), "zScore")
                                .outside(-1.5, 1.5)
                                .hysteresis(0.5)
                                .build());
            }
        }
        return b.rules(rules).build();
    }

    /**
     * The {@code i}th symbol of {@link #manySymbols}.
     *
     * @param i the index
     * @return {@code SYMiUSDT}
     */
    public static Symbol symbol(int i) {
        return Symbol.of("SYM" + i + "USDT");
    }

    /**
     * What the one-thread pipeline hands out for the ticks (no flush at the end: a stream has no
     * end), its metric values dropped (the topology does not publish them).
     *
     * @param config the configuration
     * @param ticks the ticks, in arrival order
     * @return the recording
     */
    public static PipelineRecording pipeline(PipelineConfig config, List<Tick> ticks)
            throws InterruptedException {
        InMemoryTickStore store = new InMemoryTickStore();
        ticks.forEach(store.appender()::append);
        PipelineRecording rec = new PipelineRecording();
        Pipeline p =
                rec.attach(
                                Pipeline.builder()
                                        .config(config)
                                        .source(
                                                TickSource.replay(
                                                        store, Long.MIN_VALUE, Long.MAX_VALUE))
                                        .flushAtEnd(false))
                        .build();
        p.start();
        assertThat(p.awaitTermination(Duration.ofSeconds(60))).isTrue();
        assertThat(p.status()).as(String.valueOf(p.failure())).isEqualTo(PipelineStatus.COMPLETED);
        rec.metrics.clear();
        return rec;
    }

    /**
     * A recording of what the topology wrote.
     *
     * @param bars the bars topic's values
     * @param snapshots the snapshots topic's records as {@code pair snapshot}
     * @param alerts the alerts topic's values
     * @return the recording
     */
    public static PipelineRecording recording(
            List<org.quantstream.core.bar.Bar> bars,
            List<String> snapshots,
            List<org.quantstream.core.alert.Alert> alerts) {
        PipelineRecording r = new PipelineRecording();
        r.bars.addAll(bars);
        r.snapshots.addAll(snapshots);
        r.alerts.addAll(alerts);
        return r;
    }

    /**
     * Many symbols made from the two tapes: symbol {@code i} replays tape {@code i % 2} with prices
     * scaled by {@code 1 + i/100} and trade ids offset, so that every pair has its own numbers.
     *
     * @param symbols how many
     * @return the ticks, merged by event time
     */
    public static List<Tick> manySymbols(int symbols) {
        List<Tick> btc = Tapes.ticks(BTC);
        List<Tick> eth = Tapes.ticks(ETH);
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < symbols; i++) {
            Symbol s = symbol(i);
            double f = 1 + i / 100.0;
            for (Tick t : (i % 2 == 0 ? btc : eth)) {
                out.add(
                        new Tick(
                                s,
                                t.eventTimeNanos(),
                                t.receiveTimeNanos(),
                                t.tradeId(),
                                t.price() * f,
                                t.quantity(),
                                t.aggressor()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(Tick::eventTimeNanos));
        return out;
    }
}
