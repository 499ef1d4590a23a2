package org.quantstream.store.chronicle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeeds;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedEventListener;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.testkit.DataFeedContractTest;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Tick;

class ReplayFeedTest extends DataFeedContractTest {
    @TempDir Path dir;

    @BeforeEach
    void fill() throws Exception {
        try (ChronicleTickStore store = ChronicleTickStore.open(dir.resolve("store"))) {
            TickFiles.forEach(
                    List.of(TestData.file(TestData.BTC_2024_07_18)),
                    ReadOptions.defaults(),
                    store.appender()::append);
        }
    }

    @Override
    protected DataFeed createFeed(FeedEventListener listener) {
        return DataFeeds.open(
                "replay",
                FeedConfig.builder()
                        .option("store", dir.resolve("store").toString())
                        .listener(listener)
                        .build());
    }

    @Override
    protected long expectedTicks() {
        return 10_701;
    }

    @Override
    protected String threadNamePrefix() {
        return "quant-replay-feed-";
    }

    @Test
    void shouldReplayATimeRangeExactlyAsStored() throws Exception {
        List<Tick> all = new ArrayList<>();
        TickFiles.forEach(
                List.of(TestData.file(TestData.BTC_2024_07_18)),
                ReadOptions.defaults(),
                t -> all.add(Tick.copyOf(t)));
        // 2024-07-18T23:58:00Z .. 2024-07-19T00:01:00Z
        long from = 1_721_347_080_000_000_000L;
        long to = 1_721_347_260_000_000_000L;
        List<Tick> got = new CopyOnWriteArrayList<>();
        try (DataFeed feed =
                DataFeeds.open(
                        "replay",
                        FeedConfig.builder()
                                .option("store", dir.resolve("store").toString())
                                .option("from", "2024-07-18T23:58:00Z")
                                .option("to", "1721347260000")
                                .build())) {
            feed.start(t -> got.add(Tick.copyOf(t)));
            assertThat(feed.awaitTermination(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(got)
                .isNotEmpty()
                .containsExactlyElementsOf(
                        all.stream()
                                .filter(t -> t.eventTimeNanos() >= from && t.eventTimeNanos() < to)
                                .toList());
    }
}
