package org.quantstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.testkit.PipelineRecording;
import org.quantstream.kafka.testkit.Scenario;
import org.quantstream.kafka.testkit.Tapes;
import org.quantstream.kafka.testkit.TestBroker;

/**
 * {@link TopicOutputs#fromStart}, the dashboard's reader, on a real KRaft broker in this JVM: it
 * waits for topics that do not exist yet without creating them, then reads every partition from the
 * start, each stream in its order, without a consumer group; a second reader reads it all again.
 */
class TopicOutputsIT {
    private static final List<String> TOPICS = List.of("o-bars", "o-snapshots", "o-alerts");
    private static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    private static TopicOutputs reader(PipelineRecording into) {
        return TopicOutputs.fromStart(
                broker.bootstrap(),
                TOPICS,
                into.bars::add,
                (pair, s) -> {
                    into.snapshots.add(pair + " " + s);
                    into.snapshotRecords.add(s);
                },
                into.alerts::add);
    }

    @Test
    void shouldWaitForTheTopicsThenReadEveryPartitionFromTheStartWithoutAGroup() throws Exception {
        PipelineRecording expected = Scenario.pipeline(Scenario.twoSymbols(), Tapes.both());
        assertThat(expected.alerts).isNotEmpty();
        PipelineRecording first = new PipelineRecording();
        try (TopicOutputs early = reader(first);
                Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        broker.bootstrap()))) {
            // before the workers created the topics: nothing read, and nothing created
            assertThat(early.poll(Duration.ofMillis(300))).isZero();
            assertThat(early.reading()).isFalse();
            assertThat(admin.listTopics().names().get()).doesNotContainAnyElementsOf(TOPICS);

            broker.createTopics(3, TOPICS.toArray(String[]::new));
            publish(expected);
            long want = expected.bars.size() + expected.snapshots.size() + expected.alerts.size();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((early.records() < want || !early.caughtUp()) && System.nanoTime() < deadline) {
                early.poll(Duration.ofMillis(200));
            }
            assertThat(early.records()).isEqualTo(want);
            assertThat(early.caughtUp()).isTrue();
            first.assertSameStreams(expected);
            assertThat(admin.listConsumerGroups().all().get()).as("no group left behind").isEmpty();
        }
        // a reader opened later reads the whole history again
        PipelineRecording second = new PipelineRecording();
        try (TopicOutputs late = reader(second)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (late.records() < first.bars.size() + first.snapshots.size() + first.alerts.size()
                    && System.nanoTime() < deadline) {
                late.poll(Duration.ofMillis(200));
            }
            second.assertSameStreams(expected);
        }
    }

    /** Writes a recording as the topology does: bars by symbol, snapshots by pair, alerts. */
    private static void publish(PipelineRecording r) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        try (KafkaProducer<String, Bar> bars =
                        new KafkaProducer<>(
                                p, new StringSerializer(), QuantSerdes.bars().serializer());
                KafkaProducer<String, PairSnapshot> snaps =
                        new KafkaProducer<>(
                                p, new StringSerializer(), QuantSerdes.snapshots().serializer());
                KafkaProducer<String, Alert> alerts =
                        new KafkaProducer<>(
                                p, new StringSerializer(), QuantSerdes.alerts().serializer())) {
            for (Bar b : r.bars) {
                bars.send(new ProducerRecord<>(TOPICS.get(0), b.symbol().name(), b));
            }
            for (int i = 0; i < r.snapshots.size(); i++) {
                String s = r.snapshots.get(i);
                snaps.send(
                        new ProducerRecord<>(
                                TOPICS.get(1),
                                s.substring(0, s.indexOf(' ')),
                                r.snapshotRecords.get(i)));
            }
            for (Alert a : r.alerts) {
                alerts.send(new ProducerRecord<>(TOPICS.get(2), a.target(), a));
            }
        }
    }
}
