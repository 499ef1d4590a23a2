package org.quantstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quantstream.kafka.testkit.Scenario.BTC;
import static org.quantstream.kafka.testkit.Scenario.ETH;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarView;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.testkit.PipelineRecording;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Tick;
import org.quantstream.kafka.testkit.Scenario;
import org.quantstream.kafka.testkit.Tapes;

/**
 * The topology's processors in Kafka Streams' {@link TopologyTestDriver} (the real processors,
 * serdes, stores and repartition, one task): bars equal to {@link TimeBarAggregator}'s, snapshots
 * and alerts equal to the one-thread pipeline's on the same configuration; late trades, idle
 * symbols and ticks of other symbols.
 */
class QuantTopologyTest {
    private static final Timeframe S1 = Timeframe.parse("1s");

    @TempDir java.nio.file.Path state;

    private TopologyTestDriver driver(Topology t) {
        Properties p = QuantTopology.streamsConfig("unused:9092", "quant-test");
        p.put("state.dir", state.toString());
        return new TopologyTestDriver(t, p, Instant.ofEpochMilli(0));
    }

    /** What the topics of a driver hold. */
    private static final class Out {
        final TestOutputTopic<String, Bar> bars;
        final TestOutputTopic<String, PairSnapshot> snapshots;
        final TestOutputTopic<String, Alert> alerts;
        final TestInputTopic<String, Tick> ticks;

        Out(TopologyTestDriver d) {
            ticks =
                    d.createInputTopic(
                            "ticks",
                            Serdes.String().serializer(),
                            QuantSerdes.ticks().serializer());
            bars =
                    d.createOutputTopic(
                            "bars",
                            Serdes.String().deserializer(),
                            QuantSerdes.bars().deserializer());
            snapshots =
                    d.createOutputTopic(
                            "snapshots",
                            Serdes.String().deserializer(),
                            QuantSerdes.snapshots().deserializer());
            alerts =
                    d.createOutputTopic(
                            "alerts",
                            Serdes.String().deserializer(),
                            QuantSerdes.alerts().deserializer());
        }

        void send(Tick t) {
            ticks.pipeInput(t.symbol().name(), t, t.eventTimeNanos() / 1_000_000L);
        }

        PipelineRecording recording() {
            List<String> snaps = new ArrayList<>();
            for (KeyValue<String, PairSnapshot> kv : snapshots.readKeyValuesToList()) {
                snaps.add(kv.key + " " + kv.value);
            }
            List<Bar> b = new ArrayList<>();
            for (KeyValue<String, Bar> kv : bars.readKeyValuesToList()) {
                assertThat(kv.key).isEqualTo(kv.value.symbol().name());
                b.add(kv.value);
            }
            List<Alert> a = new ArrayList<>();
            for (KeyValue<String, Alert> kv : alerts.readKeyValuesToList()) {
                assertThat(kv.key).isEqualTo(kv.value.target());
                a.add(kv.value);
            }
            return Scenario.recording(b, snaps, a);
        }
    }

    @Test
    void shouldComputeWhatTheOneThreadPipelineComputesFromTheSameConfiguration() throws Exception {
        PipelineConfig cfg = Scenario.twoSymbols();
        List<Tick> ticks = Tapes.both();
        PipelineRecording expected = Scenario.pipeline(cfg, ticks);
        try (TopologyTestDriver d = driver(QuantTopology.builder(cfg).build())) {
            Out out = new Out(d);
            ticks.forEach(out::send);
            PipelineRecording got = out.recording();
            assertThat(expected.snapshots).hasSizeGreaterThan(300);
            assertThat(expected.alerts)
                    .extracting(Alert::rule)
                    .contains("z-out", "btc-z60", "eth-vol");
            assertThat(got.bars).hasSameSizeAs(expected.bars);
            assertThat(got.alerts).hasSameSizeAs(expected.alerts);
            got.assertSameStreams(expected);
        }
    }

    @Test
    void shouldGiveTheBarsOfTimeBarAggregatorAndDropLateTradesAsItDoes() {
        PipelineConfig cfg =
                PipelineConfig.builder().symbols(BTC).timeframes(S1, Timeframe.parse("5s")).build();
        List<Tick> ticks = new ArrayList<>(Tapes.ticks(BTC));
        // a trade 3 s late, after the tape's 200th trade
        Tick late = ticks.get(200);
        ticks.add(
                201,
                new Tick(
                        BTC,
                        late.eventTimeNanos() - 3_000_000_000L,
                        late.receiveTimeNanos(),
                        late.tradeId() + 1,
                        late.price() * 2,
                        1,
                        Side.BUY));
        List<Bar> expected = new ArrayList<>();
        List<TimeBarAggregator> aggs =
                List.of(
                        TimeBarAggregator.builder(BTC, S1, expected::add).build(),
                        TimeBarAggregator.builder(BTC, Timeframe.parse("5s"), expected::add)
                                .build());
        for (Tick t : ticks) {
            aggs.forEach(a -> a.onTick(t));
        }
        assertThat(aggs.get(0).stats().lateDropped()).isEqualTo(1);
        try (TopologyTestDriver d = driver(QuantTopology.builder(cfg).build())) {
            Out out = new Out(d);
            ticks.forEach(out::send);
            List<Bar> got = out.bars.readValuesToList();
            assertThat(got).hasSizeGreaterThan(100).isEqualTo(expected);
            assertThat(got).noneMatch(b -> b.high() > late.price() * 1.5);
        }
    }

    @Test
    void shouldCloseAnIdleSymbolsBarByTheWallClockWithAWatermark() {
        PipelineConfig cfg = PipelineConfig.builder().symbols(BTC, ETH).timeframes(S1).build();
        Topology t =
                QuantTopology.builder(cfg)
                        .watermark(Duration.ofMillis(500), Duration.ofMillis(100))
                        .build();
        try (TopologyTestDriver d = driver(t)) {
            Out out = new Out(d);
            long t0 = 1_000_000L; // ms: the driver's clock starts at 0
            out.send(tick(BTC, t0 + 100, 1, 100.0));
            out.send(tick(BTC, t0 + 700, 2, 101.0));
            out.send(tick(ETH, t0 + 900, 1, 10.0));
            assertThat(out.bars.isEmpty()).isTrue(); // no later trade closed them
            d.advanceWallClockTime(Duration.ofMillis(t0 + 1_400)); // end 1001 s + 0.5 s > now
            assertThat(out.bars.isEmpty()).isTrue();
            d.advanceWallClockTime(Duration.ofMillis(200)); // now 1001.6 s: grace passed
            List<Bar> bars = out.bars.readValuesToList();
            assertThat(bars)
                    .extracting(b -> b.symbol().name())
                    .containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
            Bar btc = bars.stream().filter(b -> b.symbol() == BTC).findFirst().orElseThrow();
            assertThat(btc.open()).isEqualTo(100.0);
            assertThat(btc.close()).isEqualTo(101.0);
            assertThat(btc.tradeCount()).isEqualTo(2);
            assertThat(btc.has(BarView.INCOMPLETE)).isFalse();
        }
    }

    @Test
    void shouldIgnoreTicksOfSymbolsNotConfigured() {
        PipelineConfig cfg = PipelineConfig.builder().symbols(BTC).timeframes(S1).build();
        try (TopologyTestDriver d = driver(QuantTopology.builder(cfg).build())) {
            Out out = new Out(d);
            out.send(tick(ETH, 1_000, 1, 10));
            out.send(tick(ETH, 3_000, 2, 10));
            out.send(tick(BTC, 1_000, 1, 10));
            out.send(tick(BTC, 2_000, 2, 11));
            assertThat(out.bars.readValuesToList())
                    .singleElement()
                    .satisfies(b -> assertThat(b.symbol()).isEqualTo(BTC));
        }
    }

    private static Tick tick(org.quantstream.core.tick.Symbol s, long ms, long id, double price) {
        return new Tick(s, ms * 1_000_000L, ms * 1_000_000L, id, price, 1, Side.BUY);
    }
}
