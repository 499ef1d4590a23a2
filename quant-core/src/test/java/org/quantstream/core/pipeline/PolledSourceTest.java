package org.quantstream.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedStatus;
import org.quantstream.core.feed.PolledFeed;
import org.quantstream.core.feed.ThreadedFeed;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.store.InMemoryTickStore;
import org.quantstream.core.testkit.PipelineRecording;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;
import org.quantstream.core.tick.TickHandler;

/**
 * A feed polled on the pipeline's thread ({@link TickSource#polled}) and the polled mode of {@link
 * ThreadedFeed}: the same streams as the tick files, every tick recorded to the store first, a
 * duplicate the store refuses not passed on, a backfill of many ticks in one poll, and the life
 * cycle (close, failure, misuse).
 */
class PolledSourceTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final Symbol ETH = Symbol.of("ETHUSDT");

    /** Delivers a script of batches, one per poll; the thread of each poll is remembered. */
    static final class ScriptedFeed extends ThreadedFeed implements PolledFeed {
        final List<List<Tick>> batches;
        final List<String> threads = new CopyOnWriteArrayList<>();
        final AtomicInteger shuts = new AtomicInteger();
        volatile RuntimeException failNext;
        private TickHandler handler;
        private int next;

        ScriptedFeed(List<List<Tick>> batches, FeedConfig config) {
            super("scripted", config);
            this.batches = batches;
        }

        @Override
        public void startPolled(TickHandler h) {
            startPolledMode(h);
        }

        @Override
        public int poll(int limit) {
            return pollOnce(limit);
        }

        @Override
        protected void open(TickHandler h) {
            handler = h;
            running();
        }

        @Override
        protected int work(int limit) {
            threads.add(Thread.currentThread().getName());
            RuntimeException f = failNext;
            if (f != null) {
                throw f;
            }
            if (next == batches.size()) {
                return 0;
            }
            for (Tick t : batches.get(next++)) {
                handler.onTick(t);
                countTick();
            }
            return 1;
        }

        @Override
        protected void shut() {
            shuts.incrementAndGet();
        }

        @Override
        protected void deliver(TickHandler h) {
            throw new AssertionError("polled only");
        }
    }

    private static List<Tick> tapeTicks() throws Exception {
        List<Tick> all = new ArrayList<>();
        TickFiles.forEach(
                List.of(
                        TestData.file(TestData.BTC_2024_08_08),
                        TestData.file(TestData.ETH_2024_08_08)),
                ReadOptions.defaults(),
                t -> all.add(Tick.copyOf(t)));
        return all;
    }

    private static Pipeline configured(TickSource source, PipelineRecording rec) {
        return rec.attach(
                        Pipeline.builder()
                                .source(source)
                                .symbols(BTC, ETH)
                                .timeframes(Timeframe.parse("1s"), Timeframe.parse("1m"))
                                .operator("z60", () -> new RollingZScore(60), OperatorInput.CLOSE)
                                .pair(BTC, ETH, b -> b.zWindow(60)))
                .build();
    }

    @Test
    void aFeedPolledOnThePipelinesThreadGivesTheStreamsOfTheFilesAndRecordsEveryTickFirst()
            throws Exception {
        List<Tick> ticks = tapeTicks();
        // batches of 1 to 300 ticks, one of 2,000 (a gap's backfill arrives in one poll), and an
        // old tick delivered again, which the store refuses
        List<List<Tick>> batches = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(3);
        int i = 0;
        while (i < ticks.size()) {
            int n = batches.size() == 40 ? 2_000 : 1 + rnd.nextInt(300);
            List<Tick> b = new ArrayList<>(ticks.subList(i, Math.min(ticks.size(), i + n)));
            if (batches.size() == 60) {
                b.add(0, ticks.get(i - 5)); // a duplicate
            }
            batches.add(b);
            i += n;
        }
        ScriptedFeed feed = new ScriptedFeed(batches, FeedConfig.builder().build());
        InMemoryTickStore store = new InMemoryTickStore(true);
        PipelineRecording polled = new PipelineRecording();
        Pipeline p = configured(TickSource.polled(feed, store.appender()), polled);
        p.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (p.stats().ticks() < ticks.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.close();
        assertThat(p.stats().ticks()).isEqualTo(ticks.size()); // the duplicate was not passed on
        assertThat(store.count()).isEqualTo(ticks.size());
        assertThat(feed.status()).isEqualTo(FeedStatus.CLOSED);
        assertThat(feed.shuts).hasValue(1);
        assertThat(feed.threads).isNotEmpty().allMatch("quant-pipeline"::equals);

        PipelineRecording files = new PipelineRecording();
        assertThat(
                        configured(
                                        TickSource.files(
                                                List.of(
                                                        TestData.file(TestData.BTC_2024_08_08),
                                                        TestData.file(TestData.ETH_2024_08_08)),
                                                ReadOptions.defaults()),
                                        files)
                                .run())
                .isEqualTo(PipelineStatus.COMPLETED);
        polled.assertSameStreams(files);
        PipelineRecording replay = new PipelineRecording();
        assertThat(
                        configured(TickSource.replay(store, Long.MIN_VALUE, Long.MAX_VALUE), replay)
                                .run())
                .isEqualTo(PipelineStatus.COMPLETED);
        replay.assertSameStreams(files);
        assertThat(files.bars).hasSizeGreaterThan(700);
    }

    @Test
    void aFailureWhilePollingFailsTheFeedAndEndsThePipeline() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ScriptedFeed feed =
                new ScriptedFeed(List.of(), FeedConfig.builder().errorHandler(errors::add).build());
        Pipeline p = configured(TickSource.polled(feed, null), new PipelineRecording());
        p.start();
        feed.failNext = new IllegalStateException("the exchange went away");
        assertThat(p.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(p.status()).isEqualTo(PipelineStatus.COMPLETED); // the source ended
        assertThat(feed.status()).isEqualTo(FeedStatus.FAILED);
        assertThat(errors).extracting(Throwable::getMessage).contains("the exchange went away");
        assertThat(feed.shuts).hasValue(1);
        assertThat(feed.poll(1)).isEqualTo(-1);
        feed.close();
        assertThat(feed.shuts).hasValue(1);
    }

    @Test
    void pollOneTickAtATimeHoldsBackTheRestOfABatch() {
        MutableTick a = new MutableTick();
        List<Tick> batch = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            batch.add(Tick.copyOf(a.set(BTC, 1 + k, 1 + k, 10 + k, 100 + k, 1, Side.BUY)));
        }
        ScriptedFeed feed = new ScriptedFeed(List.of(batch), FeedConfig.builder().build());
        TickSource s = TickSource.polled(feed, null);
        s.start();
        MutableTick out = new MutableTick();
        for (int k = 0; k < 5; k++) {
            assertThat(s.poll(out)).isTrue();
            assertThat(out.tradeId()).isEqualTo(10 + k);
        }
        assertThat(s.poll(out)).isFalse();
        assertThat(s.isFinished()).isFalse();
        s.close();
        assertThat(s.isFinished()).isTrue();
    }

    @Test
    void polledModeIsChosenOnceAndOnlyByThosePolling() throws Exception {
        ScriptedFeed feed = new ScriptedFeed(List.of(), FeedConfig.builder().build());
        assertThatThrownBy(() -> feed.poll(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("startPolled");
        feed.startPolled(t -> {});
        assertThatThrownBy(() -> feed.start(t -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
        assertThatThrownBy(() -> feed.startPolled(t -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThat(feed.poll(1)).isZero();
        feed.close();
        feed.close();
        assertThat(feed.shuts).hasValue(1);
        assertThat(feed.poll(1)).isEqualTo(-1);
        assertThat(feed.awaitTermination(Duration.ofSeconds(1))).isTrue();
        assertThat(feed.status()).isEqualTo(FeedStatus.CLOSED);

        class NotPollable extends ThreadedFeed implements PolledFeed {
            NotPollable() {
                super("plain", FeedConfig.builder().errorHandler(e -> {}).build());
            }

            @Override
            protected void deliver(TickHandler h) {}

            @Override
            public void startPolled(TickHandler h) {
                startPolledMode(h);
            }

            @Override
            public int poll(int limit) {
                return pollOnce(limit);
            }
        }
        NotPollable plain = new NotPollable();
        assertThatThrownBy(() -> plain.startPolled(t -> {}))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot be polled");
        assertThat(plain.status()).isEqualTo(FeedStatus.FAILED);
        assertThat(plain.poll(1)).isEqualTo(-1);
    }
}
