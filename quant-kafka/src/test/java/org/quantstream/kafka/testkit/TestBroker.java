package org.quantstream.kafka.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka (one combined broker and controller) in the test's JVM, on
 * 127.0.0.1 with an ephemeral port, in a temporary directory deleted on close; starts in about 5 s
 * here.
 */
public final class TestBroker implements AutoCloseable {
    private final KafkaClusterTestKit kit;

    private TestBroker(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    /**
     * Starts a broker.
     *
     * @return the running broker
     * @throws Exception if it does not start
     */
    public static TestBroker start() throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build();
        KafkaClusterTestKit kit =
                new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .setConfigProp("log.retention.ms", "-1")
                        .build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            kit.close();
            throw e;
        }
        return new TestBroker(kit);
    }

    /**
     * The broker's address.
     *
     * @return {@code host:port}
     */
    public String bootstrap() {
        return kit.bootstrapServers();
    }

    /**
     * Creates topics.
     *
     * @param partitions partitions of each
     * @param names the topics
     * @throws Exception if the broker refuses
     */
    public void createTopics(int partitions, String... names) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String n : names) {
            // event-time stamps from 2024: time retention would delete them at once
            topics.add(
                    new NewTopic(n, partitions, (short) 1)
                            .configs(java.util.Map.of("retention.ms", "-1")));
        }
        try (Admin admin = kit.admin()) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
