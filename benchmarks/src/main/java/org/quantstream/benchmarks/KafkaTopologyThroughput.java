package org.quantstream.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.pipeline.PipelineStatus;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.store.InMemoryTickStore;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.tick.Tick;
import org.quantstream.kafka.KafkaTickStore;
import org.quantstream.kafka.KafkaTickStoreConfig;
import org.quantstream.kafka.QuantTopology;
import org.quantstream.kafka.testkit.Scenario;
import org.quantstream.kafka.testkit.TestBroker;

/**
 * Ticks per second through the Kafka Streams topology on one machine, with the one-thread {@link
 * Pipeline} on the same ticks and configuration beside it (a main, not JMH: a whole system).
 *
 * <p>The input: {@code S} symbols made from the real tapes (Scenario.manySymbols: symbol i replays
 * tape i % 2, prices scaled), {@code P} pairs, 1 s bars, a z-score operator, a rule per pair and
 * per symbol. The ticks are published first (through {@link KafkaTickStore}) to a real KRaft broker
 * in this JVM (6 partitions); then one Streams instance with {@code T} stream threads processes
 * them, exactly once; the figure is ticks / (time from RUNNING to the last output record read
 * committed). The pipeline's figure is ticks / its run time, best of 3.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * org.quantstream.benchmarks.KafkaTopologyThroughput [S=20] [P=50] [T=2]}.
 */
public final class KafkaTopologyThroughput {
    private KafkaTopologyThroughput() {}

    /**
     * Runs the measurement.
     *
     * @param args symbols, pairs, stream threads
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int symbols = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<Tick> ticks = Scenario.manySymbols(symbols);
        PipelineConfig cfg = Scenario.many(symbols, pairs);

        InMemoryTickStore mem = new InMemoryTickStore();
        ticks.forEach(mem.appender()::append);
        long outputs = 0;
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            AtomicLong n = new AtomicLong();
            Pipeline p =
                    Pipeline.builder()
                            .config(cfg)
                            .source(TickSource.replay(mem, Long.MIN_VALUE, Long.MAX_VALUE))
                            .flushAtEnd(false)
                            .onBar(b -> n.incrementAndGet())
                            .onPair((k, s) -> n.incrementAndGet())
                            .onAlert(a -> n.incrementAndGet())
                            .build();
            long t0 = System.nanoTime();
            if (p.run() != PipelineStatus.COMPLETED) {
                throw new IllegalStateException("pipeline failed", p.failure());
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            outputs = n.get();
        }
        System.out.printf(
                "pipeline: %d ticks, %d outputs in %.3f s = %,.0f ticks/s (one thread, best of 3)%n",
                ticks.size(), outputs, best, ticks.size() / best);

        try (TestBroker broker = TestBroker.start()) {
            broker.createTopics(6, "ticks", "bars", "snapshots", "alerts");
            long t0 = System.nanoTime();
            try (KafkaTickStore store =
                    KafkaTickStore.open(
                            KafkaTickStoreConfig.builder(broker.bootstrap())
                                    .topic("ticks")
                                    .build())) {
                TickAppender a = store.appender();
                ticks.forEach(a::append);
                store.flush();
            }
            double pub = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "publish: %d ticks in %.2f s = %,.0f ticks/s (KafkaTickStore, one thread)%n",
                    ticks.size(), pub, ticks.size() / pub);

            Properties p = QuantTopology.streamsConfig(broker.bootstrap(), "bench");
            p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
            p.put(
                    StreamsConfig.STATE_DIR_CONFIG,
                    java.nio.file.Files.createTempDirectory("bench-state").toString());
            AtomicLong running = new AtomicLong();
            try (KafkaStreams ks = new KafkaStreams(QuantTopology.builder(cfg).build(), p);
                    KafkaConsumer<byte[], byte[]> out =
                            new KafkaConsumer<>(
                                    Map.of(
                                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                            broker.bootstrap(),
                                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                            "read_committed",
                                            ConsumerConfig.GROUP_ID_CONFIG,
                                            "bench-check",
                                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                            "earliest"),
                                    new ByteArrayDeserializer(),
                                    new ByteArrayDeserializer())) {
                ks.setStateListener(
                        (now, before) -> {
                            if (now == KafkaStreams.State.RUNNING) {
                                running.compareAndSet(0, System.nanoTime());
                            }
                        });
                long start = System.nanoTime();
                ks.start();
                out.subscribe(List.of("bars", "snapshots", "alerts"));
                long seen = 0;
                long last = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (seen < outputs && System.nanoTime() < deadline) {
                    int got = out.poll(Duration.ofMillis(200)).count();
                    if (got > 0) {
                        seen += got;
                        last = System.nanoTime();
                    }
                }
                double secs = (last - running.get()) / 1e9;
                System.out.printf(
                        "topology: %d ticks, %d of %d outputs in %.2f s from RUNNING (%.2f s"
                                + " from start) = %,.0f ticks/s (%d stream threads, exactly_once_v2)%n",
                        ticks.size(),
                        seen,
                        outputs,
                        secs,
                        (last - start) / 1e9,
                        ticks.size() / secs,
                        threads);
            }
        }
    }
}
