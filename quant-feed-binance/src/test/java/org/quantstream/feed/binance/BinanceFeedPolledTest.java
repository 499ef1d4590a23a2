package org.quantstream.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.feed.FeedStatus;

/**
 * The feed polled by a thread of the caller's ({@link BinanceFeed#startPolled}, {@link
 * BinanceFeed#poll}) on the real Netty pipeline and the simulator: everything the feed thread does
 * (duplicates after reconnects, gap backfill over REST through HTTP 429s) happens on the polling
 * thread, with the same result: every trade once, in order, and no thread of the feed's own.
 */
class BinanceFeedPolledTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static BinanceFeedConfig.Builder fast() {
        return BinanceFeedTest.fast();
    }

    @Test
    void everyTradeOnceOnThePollingThread() throws Exception {
        try (FeedHarness h = new FeedHarness(SimulatorConfig.builder().speed(120), fast(), true)) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            assertThat(h.deliveringThreads).containsExactly("test-poller");
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().startsWith("quant-binance-usdm-feed"));
            assertThat(h.feed.status()).isEqualTo(FeedStatus.RUNNING);
        }
    }

    @Test
    void reconnectsDuplicatesAndGapsAreHandledOnThePollingThread() throws Exception {
        long btcFirst = FeedHarness.firstBtcAggId();
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder()
                                .speed(120)
                                .disconnectEvery(4_000)
                                .duplicateOnReconnect(50)
                                .dropIds(btcFirst + 100, btcFirst + 2_600)
                                .rest429Every(2),
                        fast(),
                        true)) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.reconnects()).isPositive();
            assertThat(s.duplicates()).isPositive();
            assertThat(s.backfilled()).isGreaterThanOrEqualTo(2_501);
            assertThat(s.extra().get("rest429")).isPositive();
            assertThat(h.deliveringThreads).containsExactly("test-poller");
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("quant-binance-io"));
    }

    @Test
    void startedOneWayOnly() throws Exception {
        try (BinanceSimulator sim =
                        BinanceSimulator.start(
                                SimulatorConfig.builder()
                                        .data(
                                                java.util.List.of(
                                                        org.quantstream.core.testkit.TestData.file(
                                                                org.quantstream.core.testkit
                                                                        .TestData.BTC_2024_08_08)))
                                        .build());
                BinanceFeed feed =
                        new BinanceFeed(
                                FeedConfig.builder().build(),
                                fast().symbol(FeedHarness.BTC)
                                        .wsUrl(sim.wsUrl())
                                        .restUrl(sim.restUrl())
                                        .build())) {
            assertThatThrownBy(() -> feed.poll(10))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("startPolled");
            feed.startPolled(t -> {});
            assertThatThrownBy(() -> feed.start(t -> {})).isInstanceOf(IllegalStateException.class);
            feed.close();
            assertThat(feed.poll(10)).isEqualTo(-1);
            assertThat(feed.status()).isEqualTo(FeedStatus.CLOSED);
        }
        FeedHarness.assertNothingLeft();
    }
}
