package org.quantstream.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/**
 * A simulator with the real 2024-08-08 tapes, a feed on it, and the checks that nothing was lost or
 * repeated.
 */
final class FeedHarness implements AutoCloseable {
    static final Symbol BTC = Symbol.of("BTCUSDT");
    static final Symbol ETH = Symbol.of("ETHUSDT");

    final BinanceSimulator sim;
    final BinanceFeed feed;
    final Map<Symbol, List<Tick>> received = new ConcurrentHashMap<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<String> deadLetters = new CopyOnWriteArrayList<>();
    volatile boolean slowConsumer;
    private long handled;

    /** With {@code polled}: the feed is polled by a thread of the test's, no feed thread. */
    private Thread poller;

    final java.util.Set<String> deliveringThreads = ConcurrentHashMap.newKeySet();

    FeedHarness(SimulatorConfig.Builder sim, BinanceFeedConfig.Builder feed) throws Exception {
        this(sim, feed, false);
    }

    FeedHarness(SimulatorConfig.Builder sim, BinanceFeedConfig.Builder feed, boolean polled)
            throws Exception {
        LeakDetector.install();
        this.sim =
                BinanceSimulator.start(
                        sim.data(
                                        List.of(
                                                TestData.file(TestData.BTC_2024_08_08),
                                                TestData.file(TestData.ETH_2024_08_08)))
                                .build());
        BinanceFeedConfig cfg =
                feed.symbol(BTC)
                        .symbol(ETH)
                        .wsUrl(this.sim.wsUrl())
                        .restUrl(this.sim.restUrl())
                        .deadLetter(deadLetters::add)
                        .build();
        this.feed = new BinanceFeed(FeedConfig.builder().errorHandler(errors::add).build(), cfg);
        received.put(BTC, java.util.Collections.synchronizedList(new java.util.ArrayList<>()));
        received.put(ETH, java.util.Collections.synchronizedList(new java.util.ArrayList<>()));
        org.quantstream.core.tick.TickHandler h =
                t -> {
                    deliveringThreads.add(Thread.currentThread().getName());
                    received.get(t.symbol()).add(Tick.copyOf(t));
                    if (slowConsumer && (++handled % 64) == 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(
                                2_000_000L); // a consumer slower than the stream
                    }
                };
        if (!polled) {
            this.feed.start(h);
            return;
        }
        BinanceFeed f = this.feed;
        poller =
                new Thread(
                        () -> {
                            f.startPolled(h);
                            for (int n; (n = f.poll(256)) >= 0; ) {
                                if (n == 0) {
                                    java.util.concurrent.locks.LockSupport.parkNanos(100_000L);
                                }
                            }
                        },
                        "test-poller");
        poller.start();
    }

    /** The first aggregate-trade id the simulator builds from the BTCUSDT tape. */
    static long firstBtcAggId() throws Exception {
        try (BinanceSimulator probe =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .data(List.of(TestData.file(TestData.BTC_2024_08_08)))
                                .build())) {
            return probe.aggTradeTotals("BTCUSDT")[1];
        }
    }

    /** Waits until every aggregate trade of both symbols arrived (or the time runs out). */
    FeedHarness awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lastId(BTC) == sim.aggTradeTotals("BTCUSDT")[2]
                    && lastId(ETH) == sim.aggTradeTotals("ETHUSDT")[2]) {
                return this;
            }
            Thread.sleep(20);
        }
        return this;
    }

    long lastId(Symbol s) {
        List<Tick> l = received.get(s);
        synchronized (l) {
            return l.isEmpty() ? -1 : l.get(l.size() - 1).tradeId();
        }
    }

    /** Every aggregate trade exactly once, in id order, with the source's volume and notional. */
    void assertCompleteAndUnique() {
        assertThat(errors).as("errors reported").isEmpty();
        for (Symbol s : List.of(BTC, ETH)) {
            long[] totals = sim.aggTradeTotals(s.name());
            List<Tick> got = received.get(s);
            assertThat(got).as(s + " count; feed " + feed.stats()).hasSize((int) totals[0]);
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).tradeId())
                        .as(s + " id continuity at " + i)
                        .isEqualTo(totals[1] + i);
            }
            double v = 0;
            double n = 0;
            for (Tick t : got) {
                v += t.quantity();
                n += t.quantity() * t.price();
            }
            assertThat(v).as(s + " volume").isEqualTo(Double.longBitsToDouble(totals[3]));
            assertThat(n)
                    .as(s + " notional (VWAP numerator)")
                    .isEqualTo(Double.longBitsToDouble(totals[4]));
        }
    }

    @Override
    public void close() throws Exception {
        feed.close();
        if (poller != null) {
            try {
                poller.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the poller", e);
            }
            assertThat(poller.isAlive()).as("the poller saw the end (poll -1)").isFalse();
        }
        sim.close();
        assertNothingLeft();
    }

    /** No feed or simulator thread is left running, and no ByteBuf leaked. */
    static void assertNothingLeft() throws Exception {
        // an event loop whose termination future completed may still be leaving run() (its
        // thread ends a moment later, longer on a loaded machine): give each up to 5 s to end
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("quant-binance-") || t.getName().startsWith("quant-sim-")) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(
                        t ->
                                t.isAlive()
                                        && (t.getName().startsWith("quant-binance-")
                                                || t.getName().startsWith("quant-sim-")));
        LeakDetector.assertNoLeaks();
    }
}
