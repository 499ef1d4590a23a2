package org.quantstream.feed.binance;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeeds;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedEventListener;
import org.quantstream.core.testkit.DataFeedContractTest;
import org.quantstream.core.testkit.TestData;

/**
 * The binance-usdm feed, found through ServiceLoader, keeps core's feed contract against the
 * simulator.
 */
@ExtendWith(LeakDetector.class)
class BinanceFeedContractTest extends DataFeedContractTest {
    private BinanceSimulator sim;

    @BeforeEach
    void startSimulator() throws Exception {
        LeakDetector.install();
        sim =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .data(List.of(TestData.file(TestData.BTC_2024_07_18)))
                                .speed(60)
                                .build());
    }

    @AfterEach
    void stopSimulator() throws Exception {
        sim.close();
        LeakDetector.assertNoLeaks();
    }

    @Override
    protected DataFeed createFeed(FeedEventListener listener) {
        return DataFeeds.open(
                "binance-usdm",
                FeedConfig.builder()
                        .option("symbols", "btcusdt")
                        .option("wsUrl", sim.wsUrl())
                        .option("restUrl", sim.restUrl())
                        .listener(listener)
                        .build());
    }

    @Override
    protected long expectedTicks() {
        return -1; // live: runs until closed
    }

    @Override
    protected String threadNamePrefix() {
        return "quant-binance-";
    }
}
