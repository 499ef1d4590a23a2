package org.quantstream.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.alert.AlertSink;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.pipeline.PairListener;
import org.quantstream.core.util.Args;

/**
 * Reads what a {@link QuantTopology} writes, committed transactions only ({@code read_committed}):
 * bars, pair snapshots and alerts, handed to the same handler types a {@link
 * org.quantstream.core.pipeline.Pipeline} calls, so that a dashboard, a recorder or a check can
 * follow a cluster as it follows one pipeline. Confined to one thread (a Kafka consumer).
 */
public final class TopicOutputs implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String bars;
    private final String snapshots;
    private final BarHandler onBar;
    private final PairListener onPair;
    private final AlertSink onAlert;
    private final Deserializer<Bar> barReader = QuantSerdes.bars().deserializer();
    private final Deserializer<org.quantstream.core.pair.PairSnapshot> snapshotReader =
            QuantSerdes.snapshots().deserializer();
    private final Deserializer<Alert> alertReader = QuantSerdes.alerts().deserializer();
    private long records;

    /**
     * Subscribes to the topics from their start (a new consumer group) or from where the group left
     * off.
     *
     * @param bootstrap the brokers
     * @param groupId the consumer group (its committed offsets resume a reader)
     * @param topics bars, snapshots and alerts topics
     * @param onBar receives each bar
     * @param onPair receives each snapshot with its pair
     * @param onAlert receives each alert
     */
    public TopicOutputs(
            String bootstrap,
            String groupId,
            List<String> topics,
            BarHandler onBar,
            PairListener onPair,
            AlertSink onAlert) {
        if (Args.notNull(topics, "topics").size() != 3) {
            throw new IllegalArgumentException("topics: bars, snapshots, alerts; was " + topics);
        }
        this.bars = topics.get(0);
        this.snapshots = topics.get(1);
        this.onBar = Args.notNull(onBar, "onBar");
        this.onPair = Args.notNull(onPair, "onPair");
        this.onAlert = Args.notNull(onAlert, "onAlert");
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Args.notBlank(bootstrap, "bootstrap"));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, Args.notBlank(groupId, "groupId"));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
    }

    /**
     * Hands out what arrived within {@code timeout}.
     *
     * @param timeout the longest wait for the first record
     * @return the records handed out
     */
    public int poll(Duration timeout) {
        int n = 0;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            String t = r.topic();
            if (t.equals(bars)) {
                onBar.onBarClosed(barReader.deserialize(t, r.value()));
            } else if (t.equals(snapshots)) {
                onPair.onSnapshot(r.key(), snapshotReader.deserialize(t, r.value()));
            } else {
                onAlert.onAlert(alertReader.deserialize(t, r.value()));
            }
            n++;
        }
        records += n;
        return n;
    }

    /**
     * Records handed out so far.
     *
     * @return the count
     */
    public long records() {
        return records;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
