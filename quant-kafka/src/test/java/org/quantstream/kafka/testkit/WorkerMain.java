package org.quantstream.kafka.testkit;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.quantstream.kafka.QuantTopology;

/**
 * A Kafka Streams instance of the topology in a process of its own, for tests that kill it with
 * SIGKILL: {@code WorkerMain BOOTSTRAP APP_ID STATE_DIR SCENARIO}. Prints {@code RUNNING} when its
 * tasks are assigned and running; runs until killed or its standard input closes.
 */
public final class WorkerMain {
    private WorkerMain() {}

    /**
     * Runs the worker.
     *
     * @param args bootstrap, application id, state directory, scenario ({@link Scenario#named})
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Properties p = QuantTopology.streamsConfig(args[0], args[1]);
        p.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // a killed instance's tasks move after its session times out: keep that short
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        CountDownLatch done = new CountDownLatch(1);
        KafkaStreams streams =
                new KafkaStreams(QuantTopology.builder(Scenario.named(args[3])).build(), p);
        streams.setStateListener(
                (now, before) -> {
                    System.out.println(now);
                    System.out.flush();
                    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                        done.countDown();
                    }
                });
        streams.start();
        Thread stdin =
                new Thread(
                        () -> {
                            try {
                                while (System.in.read() >= 0) {
                                    // until the parent closes it
                                }
                            } catch (java.io.IOException e) {
                                // the parent is gone
                            }
                            done.countDown();
                        });
        stdin.setDaemon(true);
        stdin.start();
        done.await();
        streams.close(java.time.Duration.ofSeconds(10));
    }
}
