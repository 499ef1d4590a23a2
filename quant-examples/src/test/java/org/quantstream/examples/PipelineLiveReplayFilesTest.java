package org.quantstream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.alert.AlertCondition;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.pipeline.OperatorInput;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineStatus;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.testkit.PipelineRecording;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Symbol;
import org.quantstream.feed.binance.BinanceFeed;
import org.quantstream.feed.binance.BinanceFeedConfig;
import org.quantstream.feed.binance.BinanceSimulator;
import org.quantstream.feed.binance.SimulatorConfig;
import org.quantstream.store.chronicle.ChronicleTickStore;

/**
 * Live and replay are the same code: one pipeline configuration run live (the simulator through the
 * real Netty feed into a Chronicle store, tailed as it is written), by replaying that store, and
 * from the tick files gives the same bars, pair snapshots, alerts and metrics, field by field.
 */
class PipelineLiveReplayFilesTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final Symbol ETH = Symbol.of("ETHUSDT");

    private static final List<AlertRule> RULES =
            List.of(
                    AlertRule.builder("spread-z")
                            .pair("BTCUSDT", "ETHUSDT", "zScore")
                            .outside(-2, 2)
                            .hysteresis(0.5)
                            .build(),
                    AlertRule.builder("z0")
                            .pair("BTCUSDT", "ETHUSDT", "zScore")
                            .when(AlertCondition.CROSSES, 0)
                            .cooldown(Duration.ofSeconds(5))
                            .build(),
                    AlertRule.builder("btc-jump")
                            .symbol("BTCUSDT", "ret-z30")
                            .outside(-2.5, 2.5)
                            .build());

    @TempDir Path dir;

    /** What one run handed out. */
    private static final class Run {
        final PipelineRecording rec = new PipelineRecording();
        Pipeline pipeline;
    }

    private static Run pipeline(TickSource source) {
        Run r = new Run();
        r.pipeline =
                r.rec.attach(
                                Pipeline.builder()
                                        .source(source)
                                        .symbols(BTC, ETH)
                                        .timeframes(Timeframe.parse("1s"), Timeframe.parse("10s"))
                                        .operator(
                                                "z60",
                                                () -> new RollingZScore(60),
                                                OperatorInput.CLOSE)
                                        .operator(
                                                "ret-z30",
                                                () -> new RollingZScore(30),
                                                OperatorInput.LOG_RETURN)
                                        .pair(BTC, ETH, p -> p.zWindow(60))
                                        .rules(RULES))
                        .build();
        return r;
    }

    @Test
    void shouldHandOutTheSameBarsSnapshotsAndAlertsLiveFromAReplayAndFromFiles() throws Exception {
        List<Path> tapes =
                List.of(
                        TestData.file(TestData.BTC_2024_08_08),
                        TestData.file(TestData.ETH_2024_08_08));
        Run live;
        try (BinanceSimulator sim =
                        BinanceSimulator.start(
                                SimulatorConfig.builder().data(tapes).speed(50).build());
                ChronicleTickStore store = ChronicleTickStore.open(dir.resolve("store"))) {
            live = pipeline(TickSource.tail(store));
            live.pipeline.start();
            long expected = 21_313 + 14_076; // the trades of the two tapes
            try (BinanceFeed feed =
                    new BinanceFeed(
                            FeedConfig.builder().build(),
                            BinanceFeedConfig.builder().symbol(BTC).symbol(ETH).stream("trade")
                                    .wsUrl(sim.wsUrl())
                                    .restUrl(sim.restUrl())
                                    .build())) {
                feed.start(store.appender()::append);
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (store.count() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            assertThat(store.count()).isEqualTo(expected).isEqualTo(21_313 + 14_076);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (live.pipeline.stats().ticks() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            live.pipeline.close();
            assertThat(live.pipeline.status()).isEqualTo(PipelineStatus.CLOSED);

            Run replay = pipeline(TickSource.replay(store, Long.MIN_VALUE, Long.MAX_VALUE));
            assertThat(replay.pipeline.run()).isEqualTo(PipelineStatus.COMPLETED);
            replay.rec.assertSameStreams(live.rec);
        }
        Run files = pipeline(TickSource.files(tapes, ReadOptions.defaults()));
        assertThat(files.pipeline.run()).isEqualTo(PipelineStatus.COMPLETED);
        files.rec.assertSameStreams(live.rec);
        assertThat(files.rec.bars).hasSizeGreaterThan(700);
        assertThat(files.rec.snapshots).hasSizeGreaterThan(300);
        assertThat(files.rec.alerts.stream().map(Alert::rule).distinct())
                .containsExactlyInAnyOrder("spread-z", "z0", "btc-jump");
    }

    /**
     * The feed polled on the pipeline's own thread ({@link TickSource#polled}), each tick appended
     * to the Chronicle store before the stages see it: the same streams as the files, and a replay
     * of that store gives them again.
     */
    @Test
    void shouldHandOutTheSameStreamsWhenThePipelinePollsTheFeedAndRecordsIt() throws Exception {
        List<Path> tapes =
                List.of(
                        TestData.file(TestData.BTC_2024_08_08),
                        TestData.file(TestData.ETH_2024_08_08));
        Run files = pipeline(TickSource.files(tapes, ReadOptions.defaults()));
        assertThat(files.pipeline.run()).isEqualTo(PipelineStatus.COMPLETED);
        long expected = 21_313 + 14_076;
        try (BinanceSimulator sim =
                        BinanceSimulator.start(
                                SimulatorConfig.builder().data(tapes).speed(50).build());
                ChronicleTickStore store = ChronicleTickStore.open(dir.resolve("polled"))) {
            BinanceFeed feed =
                    new BinanceFeed(
                            FeedConfig.builder().build(),
                            BinanceFeedConfig.builder().symbol(BTC).symbol(ETH).stream("trade")
                                    .wsUrl(sim.wsUrl())
                                    .restUrl(sim.restUrl())
                                    .build());
            Run live = pipeline(TickSource.polled(feed, store.appender()));
            live.pipeline.start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (live.pipeline.stats().ticks() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            live.pipeline.close(); // closes the feed too
            assertThat(live.pipeline.status()).isEqualTo(PipelineStatus.CLOSED);
            assertThat(feed.status()).isEqualTo(org.quantstream.core.feed.FeedStatus.CLOSED);
            assertThat(store.count()).isEqualTo(expected);
            live.rec.assertSameStreams(files.rec);

            Run replay = pipeline(TickSource.replay(store, Long.MIN_VALUE, Long.MAX_VALUE));
            assertThat(replay.pipeline.run()).isEqualTo(PipelineStatus.COMPLETED);
            replay.rec.assertSameStreams(files.rec);
        }
    }
}
