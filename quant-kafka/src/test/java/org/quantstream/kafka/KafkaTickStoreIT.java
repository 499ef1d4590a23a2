package org.quantstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quantstream.kafka.testkit.Scenario.BTC;
import static org.quantstream.kafka.testkit.Scenario.ETH;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.DataFeeds;
import org.quantstream.core.feed.FeedConfig;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Tick;
import org.quantstream.kafka.testkit.Tapes;
import org.quantstream.kafka.testkit.TestBroker;

/** The tick store on a real KRaft broker in this JVM. */
class KafkaTickStoreIT {
    private static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    private static KafkaTickStoreConfig config(String topic) {
        return KafkaTickStoreConfig.builder(broker.bootstrap())
                .topic(topic)
                .partitions(3, 1)
                .build();
    }

    private static List<Tick> readAll(TickCursor c) {
        List<Tick> out = new ArrayList<>();
        MutableTick t = new MutableTick();
        while (c.next(t)) {
            out.add(Tick.copyOf(t));
        }
        return out;
    }

    /** The ticks of each symbol, in their order. */
    private static Map<String, List<Tick>> bySymbol(List<Tick> ticks) {
        Map<String, List<Tick>> m = new TreeMap<>();
        for (Tick t : ticks) {
            m.computeIfAbsent(t.symbol().name(), k -> new ArrayList<>()).add(t);
        }
        return m;
    }

    @Test
    void shouldStoreAndReplayEveryTickOfEachSymbolInOrder() {
        List<Tick> ticks = Tapes.both();
        try (KafkaTickStore store = KafkaTickStore.open(config("replay"))) {
            TickAppender a = store.appender();
            for (Tick t : ticks) {
                assertThat(a.append(t)).isTrue();
            }
            store.flush();
            assertThat(store.count()).isEqualTo(ticks.size());
            assertThat(store.symbols()).containsExactlyInAnyOrder(BTC, ETH);
            try (TickCursor c = store.cursor()) {
                assertThat(bySymbol(readAll(c))).isEqualTo(bySymbol(ticks));
            }
            // from a time: offsets-for-times, then the range's filter
            long from = ticks.get(ticks.size() / 2).eventTimeNanos();
            long to = ticks.get(ticks.size() * 3 / 4).eventTimeNanos();
            List<Tick> want =
                    ticks.stream()
                            .filter(t -> t.eventTimeNanos() >= from && t.eventTimeNanos() < to)
                            .toList();
            try (TickCursor c = store.cursor(from, to)) {
                assertThat(bySymbol(readAll(c))).isEqualTo(bySymbol(want));
            }
        }
    }

    @Test
    void shouldDropTradesAlreadyStoredAcrossACollectorRestart() {
        List<Tick> ticks = Tapes.ticks(BTC);
        int first = ticks.size() * 2 / 3;
        try (KafkaTickStore store = KafkaTickStore.open(config("restart"))) {
            ticks.subList(0, first).forEach(store.appender()::append);
        }
        // a new collector re-sends from the middle: the overlap is dropped
        try (KafkaTickStore store = KafkaTickStore.open(config("restart"))) {
            assertThat(store.lastTradeId(BTC)).isEqualTo(ticks.get(first - 1).tradeId());
            TickAppender a = store.appender();
            int half = ticks.size() / 3;
            for (Tick t : ticks.subList(half, ticks.size())) {
                a.append(t);
            }
            assertThat(a.duplicates()).isEqualTo(first - half);
            store.flush();
            assertThat(store.count()).isEqualTo(ticks.size());
            try (TickCursor c = store.cursor()) {
                assertThat(readAll(c)).isEqualTo(ticks);
            }
        }
    }

    @Test
    void shouldRefuseAValueThatIsNotATickNamingTheTopic() {
        assertThatThrownBy(
                        () ->
                                QuantSerdes.readTick(
                                        new byte[] {9, 9, 9}, new MutableTick(), "ticks"))
                .hasMessageContaining("ticks: not a tick value");
    }

    @Test
    void shouldBeReadBackThroughTheKafkaFeed() throws Exception {
        List<Tick> ticks = Tapes.ticks(ETH).subList(0, 500);
        try (KafkaTickStore store = KafkaTickStore.open(config("feed"))) {
            ticks.forEach(store.appender()::append);
            store.flush();
        }
        List<Tick> got = java.util.Collections.synchronizedList(new ArrayList<>());
        DataFeed feed =
                DataFeeds.open(
                        "kafka",
                        FeedConfig.builder()
                                .option("bootstrap", broker.bootstrap())
                                .option("topic", "feed")
                                .option("follow", "false")
                                .build());
        feed.start(t -> got.add(Tick.copyOf(t)));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!feed.status().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        feed.close();
        assertThat(got).isEqualTo(ticks);
    }
}
