package org.quantstream.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.feed.FeedStatus;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MarketDataHandler;
import org.quantstream.core.tick.Quote;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/**
 * Book tickers on Binance's {@code /public} route next to trades on {@code /market}: the simulator
 * replays the recorded 2024-08-08 captures (301 BTCUSDT and 312 ETHUSDT book tickers, with their
 * trades, over about two seconds), the feed delivers them to one handler on one thread.
 */
@ExtendWith(LeakDetector.class)
class BinanceQuoteFeedTest {
    private static final Symbol BTC = FeedHarness.BTC;
    private static final Symbol ETH = FeedHarness.ETH;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Map<Symbol, List<Quote>> quotes = new ConcurrentHashMap<>();
    private final Map<Symbol, List<Tick>> trades = new ConcurrentHashMap<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private BinanceSimulator sim;
    private BinanceFeed feed;

    @BeforeEach
    void setUp() {
        LeakDetector.install();
        for (Symbol s : List.of(BTC, ETH)) {
            quotes.put(s, new CopyOnWriteArrayList<>());
            trades.put(s, new CopyOnWriteArrayList<>());
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (sim != null) {
            sim.close();
        }
        FeedHarness.assertNothingLeft();
    }

    private void start(SimulatorConfig.Builder simCfg, BinanceFeedConfig.Builder feedCfg)
            throws Exception {
        sim =
                BinanceSimulator.start(
                        simCfg.data(
                                        List.of(
                                                TestData.file(TestData.BTC_MIXED),
                                                TestData.file(TestData.ETH_MIXED)))
                                .build());
        feed =
                new BinanceFeed(
                        FeedConfig.builder().errorHandler(errors::add).build(),
                        feedCfg.symbol(BTC)
                                .symbol(ETH)
                                .wsUrl(sim.wsUrl())
                                .restUrl(sim.restUrl())
                                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                                // longer than any pause of a loaded machine: quotes are never
                                // backfilled, so a needless stall reconnect would lose some
                                .stallTimeout(Duration.ofSeconds(30))
                                .build());
        feed.start(
                MarketDataHandler.of(
                        t -> {
                            threads.add(Thread.currentThread().getName());
                            trades.get(t.symbol()).add(Tick.copyOf(t));
                        },
                        q -> {
                            threads.add(Thread.currentThread().getName());
                            quotes.get(q.symbol()).add(Quote.copyOf(q));
                        }));
    }

    /** The book tickers of a capture as Jackson reads them: {u, b, B, a, A, T} per message. */
    private static List<double[]> recorded(String file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.file(file))) {
            int brace = line.indexOf('{');
            if (brace < 0) {
                continue;
            }
            JsonNode root = json.readTree(line.substring(brace));
            JsonNode d = root.has("data") ? root.get("data") : root;
            if ("bookTicker".equals(d.path("e").asText())) {
                out.add(
                        new double[] {
                            d.get("u").asLong(),
                            Double.parseDouble(d.get("b").asText()),
                            Double.parseDouble(d.get("B").asText()),
                            Double.parseDouble(d.get("a").asText()),
                            Double.parseDouble(d.get("A").asText()),
                            d.get("T").asLong()
                        });
            }
        }
        return out;
    }

    private void awaitQuotes(int btc, int eth) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
                && (quotes.get(BTC).size() < btc || quotes.get(ETH).size() < eth)) {
            Thread.sleep(20);
        }
    }

    private void assertEveryRecordedQuoteOnce() throws Exception {
        for (Symbol s : List.of(BTC, ETH)) {
            List<double[]> expected = recorded(s == BTC ? TestData.BTC_MIXED : TestData.ETH_MIXED);
            List<Quote> got = quotes.get(s);
            assertThat(got).as(s + " quotes; feed " + feed.stats()).hasSize(expected.size());
            for (int i = 0; i < got.size(); i++) {
                Quote q = got.get(i);
                double[] e = expected.get(i);
                assertThat(q.updateId()).as(s + " update id at " + i).isEqualTo((long) e[0]);
                assertThat(
                                new double[] {
                                    q.bidPrice(), q.bidQuantity(), q.askPrice(), q.askQuantity()
                                })
                        .as(s + " book at " + i)
                        .containsExactly(e[1], e[2], e[3], e[4]);
                assertThat(q.eventTimeNanos()).isEqualTo((long) e[5] * 1_000_000L);
                assertThat(q.receiveTimeNanos()).isPositive();
            }
        }
    }

    @Test
    void shouldDeliverEveryRecordedQuoteFromThePublicRouteAndTradesFromTheMarketRoute()
            throws Exception {
        start(
                SimulatorConfig.builder().speed(2).awaitSubscribers(2),
                BinanceFeedConfig.builder().quotes(true));
        assertThat(sim.quoteCount("BTCUSDT")).isEqualTo(301);
        assertThat(sim.quoteCount("ETHUSDT")).isEqualTo(312);
        awaitQuotes(301, 312);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
                && (trades.get(BTC).size() < sim.aggTradeCount("BTCUSDT")
                        || trades.get(ETH).size() < sim.aggTradeCount("ETHUSDT"))) {
            Thread.sleep(20);
        }
        assertEveryRecordedQuoteOnce();
        assertThat(trades.get(BTC)).hasSize(sim.aggTradeCount("BTCUSDT"));
        assertThat(trades.get(ETH)).hasSize(sim.aggTradeCount("ETHUSDT"));
        FeedStats s = feed.stats();
        assertThat(s.extra().get("connects")).as("one connection per route").isEqualTo(2);
        assertThat(s.extra().get("quotes")).isEqualTo(613);
        assertThat(s.extra().get("frames.quote")).isEqualTo(613);
        assertThat(s.extra().get("quoteDuplicates")).isZero();
        assertThat(s.malformed()).isZero();
        assertThat(threads).as("trades and quotes on one thread").hasSize(1);
        assertThat(threads.iterator().next()).startsWith("quant-binance-usdm-feed-");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRotateThePublicConnectionWithoutLosingOrRepeatingAQuote() throws Exception {
        start(
                SimulatorConfig.builder().speed(0.5).awaitSubscribers(2),
                BinanceFeedConfig.builder()
                        .quotes(true)
                        .trades(false)
                        .rotateAfter(Duration.ofMillis(600)));
        awaitQuotes(301, 312);
        assertEveryRecordedQuoteOnce();
        FeedStats s = feed.stats();
        assertThat(s.extra().get("reconnects.rotation")).isPositive();
        assertThat(s.ticks()).isZero();
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldDropReplayedQuotesAndKeepTheRestInOrderAfterDisconnects() throws Exception {
        start(
                SimulatorConfig.builder()
                        .speed(1)
                        .awaitSubscribers(1)
                        .disconnectEvery(150)
                        .duplicateOnReconnect(20),
                BinanceFeedConfig.builder().quotes(true).trades(false));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !sim.finished()) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        FeedStats s = feed.stats();
        assertThat(s.reconnects()).isPositive();
        assertThat(s.extra().get("quoteDuplicates")).as("replayed after reconnects").isPositive();
        for (Symbol sym : List.of(BTC, ETH)) {
            List<Quote> got = quotes.get(sym);
            assertThat(got).isNotEmpty();
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i).updateId())
                        .as(sym + " strictly rising update ids")
                        .isGreaterThan(got.get(i - 1).updateId());
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRefuseAHandlerThatCannotTakeQuotes() throws Exception {
        LeakDetector.install();
        BinanceFeed f =
                new BinanceFeed(
                        FeedConfig.builder().build(),
                        BinanceFeedConfig.builder()
                                .symbol(BTC)
                                .quotes(true)
                                .wsUrl("ws://127.0.0.1:9")
                                .restUrl("http://127.0.0.1:9")
                                .build());
        assertThatThrownBy(() -> f.start(t -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QuoteHandler");
        assertThat(f.status()).isEqualTo(FeedStatus.NEW);
        f.close();
        assertThatThrownBy(
                        () ->
                                BinanceFeedConfig.builder()
                                        .symbol(BTC)
                                        .trades(false)
                                        .quotes(false)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to receive");
    }
}
