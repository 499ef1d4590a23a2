package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeeds;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedEventListener;
import org.quantstream.core.feed.FeedStatus;
import org.quantstream.core.testkit.DataFeedContractTest;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Tick;
import org.quantstream.core.tick.TickSummary;

class FileFeedTest extends DataFeedContractTest {
    @TempDir Path dir;

    @Override
    protected DataFeed createFeed(FeedEventListener listener) {
        return DataFeeds.open(
                "file",
                FeedConfig.builder()
                        .option(
                                "input",
                                TestData.file(TestData.BTC_2024_07_18)
                                        + ","
                                        + TestData.file(TestData.ETH_2024_07_18))
                        .listener(listener)
                        .build());
    }

    @Override
    protected long expectedTicks() {
        return 10_701 + 13_655;
    }

    @Override
    protected String threadNamePrefix() {
        return "quant-file-feed-";
    }

    @Test
    void shouldDeliverBothFilesInOrderWithEverySymbol() throws Exception {
        TickSummary summary = new TickSummary();
        try (DataFeed feed = createFeed(FeedEventListener.NONE)) {
            feed.start(summary);
            assertThat(feed.awaitTermination(Duration.ofSeconds(60))).isTrue();
        }
        assertThat(summary.summaries()).hasSize(2);
        assertThat(summary.summaries().get(0).count()).isEqualTo(10_701);
        assertThat(summary.summaries().get(1).count()).isEqualTo(13_655);
    }

    @Test
    void shouldRejectAFileWithABadLineWithoutDeliveringAnyTick() throws Exception {
        Path bad = dir.resolve("BTCUSDT-trades.csv");
        Files.writeString(bad, "1,100,1,100,1721347022956,true\n2,oops,1,100,1721347022957,true\n");
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicLong delivered = new AtomicLong();
        DataFeed feed =
                DataFeeds.open(
                        "file",
                        FeedConfig.builder()
                                .option("input", TestData.file(TestData.BTC_MIXED) + "," + bad)
                                .errorHandler(errors::add)
                                .build());
        feed.start(t -> delivered.incrementAndGet());
        assertThat(feed.awaitTermination(Duration.ofSeconds(30))).isTrue();
        feed.close();
        assertThat(feed.status()).isEqualTo(FeedStatus.FAILED);
        assertThat(delivered.get()).isZero();
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e).hasMessageContaining("BTCUSDT-trades.csv:2:3"));
    }

    @Test
    void shouldSkipAndCountBadLinesWhenAsked() throws Exception {
        Path bad = dir.resolve("BTCUSDT-trades.csv");
        Files.writeString(
                bad,
                "1,100,1,100,1721347022956,true\n2,oops,1,100,1721347022957,true\n3,101,1,101,1721347022958,false\n");
        List<Tick> ticks = new CopyOnWriteArrayList<>();
        try (DataFeed feed =
                DataFeeds.open(
                        "file",
                        FeedConfig.builder()
                                .option("input", bad.toString())
                                .option("skipBad", "true")
                                .build())) {
            feed.start(t -> ticks.add(Tick.copyOf(t)));
            assertThat(feed.awaitTermination(Duration.ofSeconds(30))).isTrue();
            assertThat(feed.status()).isEqualTo(FeedStatus.COMPLETED);
            assertThat(feed.stats().malformed()).isEqualTo(1);
            assertThat(feed.stats().ticks()).isEqualTo(2);
        }
        assertThat(ticks).extracting(Tick::tradeId).containsExactly(1L, 3L);
    }

    @Test
    void shouldTakeAtLeastTheRecordedTimeDividedBySpeed() throws Exception {
        // 24 trades spread over 2.3 s of exchange time, replayed 10x faster: at least 230 ms.
        Path f = dir.resolve("BTCUSDT-paced.csv");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            b.append(i + 1)
                    .append(",100,1,100,")
                    .append(1721347022000L + i * 100L)
                    .append(",true\n");
        }
        Files.writeString(f, b.toString());
        try (DataFeed feed =
                DataFeeds.open(
                        "file",
                        FeedConfig.builder()
                                .option("input", f.toString())
                                .option("speed", "10")
                                .build())) {
            long start = System.nanoTime();
            feed.start(t -> {});
            assertThat(feed.awaitTermination(Duration.ofSeconds(30))).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(230_000_000L);
            assertThat(feed.stats().ticks()).isEqualTo(24);
        }
    }

    @Test
    void shouldRejectBadOptionsNamingThem() {
        assertThatThrownBy(() -> DataFeeds.open("file", FeedConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feed option 'input' is required");
        assertThatThrownBy(
                        () ->
                                DataFeeds.open(
                                        "file",
                                        FeedConfig.builder()
                                                .option("input", "x")
                                                .option("speed", "-1")
                                                .build()))
                .hasMessageContaining("'speed'")
                .hasMessageContaining("-1");
        assertThatThrownBy(
                        () ->
                                DataFeeds.open(
                                        "file",
                                        FeedConfig.builder()
                                                .option("input", "x")
                                                .option("skipBad", "yes")
                                                .build()))
                .hasMessageContaining("'skipBad' must be true or false, was \"yes\"");
    }

    @Test
    void shouldFailWithAClearErrorForAMissingFile() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (DataFeed feed =
                DataFeeds.open(
                        "file",
                        FeedConfig.builder()
                                .option("input", dir.resolve("nope.csv").toString())
                                .errorHandler(errors::add)
                                .build())) {
            feed.start(t -> {});
            assertThat(feed.awaitTermination(Duration.ofSeconds(30))).isTrue();
            assertThat(feed.status()).isEqualTo(FeedStatus.FAILED);
        }
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("nope.csv"));
    }
}
