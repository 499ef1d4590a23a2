package org.quantstream.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.alert.AlertCondition;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.DataFeeds;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.store.InMemoryTickStore;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.testkit.PipelineRecording;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.time.ManualClock;
import org.quantstream.core.util.IdleStrategy;

class PipelineTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final Symbol ETH = Symbol.of("ETHUSDT");
    private static final Timeframe S1 = Timeframe.parse("1s");
    private static final Timeframe M1 = Timeframe.parse("1m");

    @TempDir Path dir;

    private static List<Path> tapes() {
        return List.of(
                TestData.file(TestData.BTC_2024_08_08), TestData.file(TestData.ETH_2024_08_08));
    }

    private static List<AlertRule> rules() {
        return List.of(
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
                        .build());
    }

    /** Everything a run hands out, and its counters. */
    static final class Recorded {
        final PipelineRecording rec = new PipelineRecording();
        final List<Bar> bars = rec.bars;
        final List<String> snapshots = rec.snapshots;
        final List<Alert> alerts = rec.alerts;
        PipelineStats stats;
    }

    /** The configuration every run here shares, recorded into {@code r}. */
    private static Pipeline.Builder configured(TickSource source, Recorded r) {
        return r.rec.attach(
                Pipeline.builder()
                        .source(source)
                        .symbols(BTC, ETH)
                        .timeframes(S1, M1)
                        .operator("z60", () -> new RollingZScore(60), OperatorInput.CLOSE)
                        .pair(BTC, ETH, b -> b.zWindow(60))
                        .rules(rules()));
    }

    private static Recorded run(TickSource source) throws Exception {
        Recorded r = new Recorded();
        Pipeline p = configured(source, r).build();
        p.start();
        assertThat(p.awaitTermination(Duration.ofSeconds(60))).isTrue();
        assertThat(p.status()).as(String.valueOf(p.failure())).isEqualTo(PipelineStatus.COMPLETED);
        r.stats = p.stats();
        return r;
    }

    @Test
    void shouldGiveTheSameBarsSnapshotsAndAlertsFromFilesAStoreAndAFeedAsTheHandWiredPath()
            throws Exception {
        Recorded files = run(TickSource.files(tapes(), ReadOptions.defaults()));
        // the hand-wired path the pipeline replaces: aggregators and pair analytics fed directly
        List<Bar> bars = new ArrayList<>();
        List<String> snapshots = new ArrayList<>();
        PairAnalytics pair =
                PairAnalytics.builder(BTC, ETH)
                        .zWindow(60)
                        .timeframe(S1)
                        .handler(s -> snapshots.add("BTCUSDT/ETHUSDT " + s))
                        .build();
        BarHandler h =
                bar -> {
                    bars.add(bar);
                    if (bar.timeframe().equals(S1)) {
                        pair.onBarClosed(bar);
                    }
                };
        List<TimeBarAggregator> aggs = new ArrayList<>();
        for (Symbol s : List.of(BTC, ETH)) {
            for (Timeframe tf : List.of(S1, M1)) {
                aggs.add(TimeBarAggregator.builder(s, tf, h).gapPolicy(GapPolicy.SKIP).build());
            }
        }
        TickFiles.forEach(
                tapes(),
                ReadOptions.defaults(),
                t -> {
                    for (TimeBarAggregator a : aggs) {
                        if (a.symbol() == t.symbol()) {
                            a.onTick(t);
                        }
                    }
                });
        aggs.forEach(TimeBarAggregator::flush);
        assertThat(files.bars).containsExactlyInAnyOrderElementsOf(bars);
        assertThat(files.snapshots).isEqualTo(snapshots).hasSizeGreaterThan(300);
        assertThat(files.alerts).isNotEmpty();
        assertThat(files.alerts.stream().map(Alert::rule).distinct())
                .containsExactlyInAnyOrder("z-out", "btc-z60", "eth-vol");
        assertThat(files.stats.ticks()).isEqualTo(21_313 + 14_076);
        assertThat(files.stats.bars()).isEqualTo(bars.size());
        assertThat(files.stats.snapshots()).isEqualTo(snapshots.size());
        assertThat(files.stats.alertsFired()).isEqualTo(files.alerts.size());

        // the same ticks from a store, and from a feed through a small ring (backpressure)
        InMemoryTickStore store = new InMemoryTickStore();
        TickAppender a = store.appender();
        TickFiles.forEach(tapes(), ReadOptions.defaults(), a::append);
        for (TickSource other :
                List.of(
                        TickSource.replay(store, Long.MIN_VALUE, Long.MAX_VALUE),
                        TickSource.feed(
                                DataFeeds.open(
                                        "file",
                                        FeedConfig.builder()
                                                .option(
                                                        "input",
                                                        tapes().get(0) + "," + tapes().get(1))
                                                .build()),
                                16))) {
            run(other).rec.assertSameStreams(files.rec);
        }
    }

    @Test
    void shouldRunInTheCallersOwnDutyCycle() throws Exception {
        Recorded threaded = run(TickSource.files(tapes(), ReadOptions.defaults()));
        Recorded r = new Recorded();
        Pipeline p = configured(TickSource.files(tapes(), ReadOptions.defaults()), r).build();
        long n = 0;
        int cycles = 0;
        while (!p.sourceFinished()) {
            n += p.doWork();
            cycles++;
        }
        p.close();
        assertThat(n).isEqualTo(21_313 + 14_076);
        assertThat(cycles).isGreaterThan(100); // batches of at most 256
        assertThat(p.status()).isEqualTo(PipelineStatus.CLOSED);
        r.rec.assertSameStreams(threaded.rec);
        assertThatThrownBy(p::doWork).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldCountAThrowingHandlerAndGoOn() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        int[] bars = {0};
        Pipeline p =
                Pipeline.builder()
                        .source(TickSource.files(tapes(), ReadOptions.defaults()))
                        .symbols(BTC, ETH)
                        .timeframes(M1)
                        .onBar(
                                b -> {
                                    bars[0]++;
                                    throw new IllegalStateException("handler bug");
                                })
                        .errorHandler(errors::add)
                        .build();
        assertThat(p.run()).isEqualTo(PipelineStatus.COMPLETED);
        // one bar per symbol and minute with trades
        java.util.Set<String> minutes = new java.util.HashSet<>();
        TickFiles.forEach(
                tapes(),
                ReadOptions.defaults(),
                t -> minutes.add(t.symbol() + " " + t.eventTimeNanos() / 60_000_000_000L));
        assertThat(bars[0]).isEqualTo(minutes.size()).isGreaterThan(10);
        assertThat(p.stats().sinkErrors()).isEqualTo(minutes.size());
        assertThat(errors).hasSize(minutes.size());
    }

    @Test
    void shouldFailWithTheFileLineAndCauseOfABadLine() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(
                bad, "id,price,qty,quote_qty,time,is_buyer_maker\n1,abc,1,1,1723161256322,true\n");
        Pipeline p =
                Pipeline.builder()
                        .source(
                                TickSource.files(
                                        List.of(bad), ReadOptions.defaults().withSymbol(BTC)))
                        .symbols(BTC)
                        .timeframes(S1)
                        .errorHandler(e -> {})
                        .build();
        assertThat(p.run()).isEqualTo(PipelineStatus.FAILED);
        assertThat(p.failure().getCause()).isInstanceOf(InputFormatException.class);
        assertThat(p.failure().getMessage()).contains(bad + ":2:");
    }

    @Test
    void shouldCloseBarsByTheClockWhenTheMarketIsIdle() throws Exception {
        ManualClock clock = new ManualClock(1_000_000_000_000L);
        InMemoryTickStore store = new InMemoryTickStore();
        List<Bar> bars = new ArrayList<>();
        Pipeline p =
                Pipeline.builder()
                        .source(TickSource.tail(store))
                        .symbols(BTC)
                        .timeframes(S1)
                        .watermark(clock, Duration.ofMillis(200))
                        .idle(IdleStrategy.backoff())
                        .onBar(bars::add)
                        .build();
        p.start();
        store.appender()
                .append(new MutableTick().set(BTC, 1_000_000_000_100L, 0, 1, 100, 1, Side.BUY));
        Thread.sleep(100);
        assertThat(bars).as("the bar is still open").isEmpty();
        clock.set(1_001_100_000_000L); // 1.1 s: the bar ended 0.1 s ago, inside the grace
        Thread.sleep(100);
        assertThat(bars).isEmpty();
        clock.set(1_001_300_000_000L);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (bars.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.close();
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).close()).isEqualTo(100);
        assertThat(bars.get(0).flags()).as("closed on time, not flushed").isZero();
        assertThat(p.status()).isEqualTo(PipelineStatus.CLOSED);
    }

    @Test
    void shouldRefuseAConfigurationThatCannotWork() {
        TickSource src = TickSource.files(tapes(), ReadOptions.defaults());
        assertThatThrownBy(() -> Pipeline.builder().source(src).timeframes(S1).build())
                .hasMessageContaining("no symbols");
        assertThatThrownBy(
                        () ->
                                Pipeline.builder()
                                        .source(src)
                                        .symbols(BTC)
                                        .timeframes(S1)
                                        .pair(BTC, ETH, b -> {})
                                        .build())
                .hasMessage("pair BTCUSDT/ETHUSDT: both legs must be among the symbols [BTCUSDT]");
        assertThatThrownBy(
                        () ->
                                Pipeline.builder()
                                        .source(src)
                                        .symbols(BTC)
                                        .timeframes(S1)
                                        .rules(
                                                List.of(
                                                        AlertRule.builder("x")
                                                                .symbol("BTCUSDT", "z61")
                                                                .when(AlertCondition.ABOVE, 1)
                                                                .build()))
                                        .operator(
                                                "z60",
                                                () -> new RollingZScore(60),
                                                OperatorInput.CLOSE)
                                        .build())
                .hasMessageStartingWith("rule x: unknown symbol metric \"z61\"; valid: open,")
                .hasMessageEndingWith(", return, z60");
    }
}
