package org.quantstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
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
    private final List<String> topics;

    /** Without a group: the partitions are assigned once the topics exist. */
    private boolean assigned;

    private long records;
    private boolean caughtUp;

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
        this(bootstrap, Args.notBlank(groupId, "groupId"), topics, onBar, onPair, onAlert, true);
    }

    private TopicOutputs(
            String bootstrap,
            String groupId,
            List<String> topics,
            BarHandler onBar,
            PairListener onPair,
            AlertSink onAlert,
            boolean grouped) {
        if (Args.notNull(topics, "topics").size() != 3) {
            throw new IllegalArgumentException("topics: bars, snapshots, alerts; was " + topics);
        }
        this.topics = List.copyOf(topics);
        this.bars = topics.get(0);
        this.snapshots = topics.get(1);
        this.onBar = Args.notNull(onBar, "onBar");
        this.onPair = Args.notNull(onPair, "onPair");
        this.onAlert = Args.notNull(onAlert, "onAlert");
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Args.notBlank(bootstrap, "bootstrap"));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a reader must not create a topic with the broker's defaults before the workers create
        // it with theirs
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        if (grouped) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        } else {
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        }
        this.consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        if (grouped) {
            consumer.subscribe(topics);
            assigned = true;
        }
    }

    /**
     * A reader of every partition of the topics from their start, without a consumer group (nothing
     * is committed, nothing is left on the brokers): what a dashboard that shows the whole history
     * needs. Until the three topics exist (the workers create them), {@link #poll} waits and hands
     * out nothing.
     *
     * @param bootstrap the brokers
     * @param topics bars, snapshots and alerts topics
     * @param onBar receives each bar
     * @param onPair receives each snapshot with its pair
     * @param onAlert receives each alert
     * @return the reader
     */
    public static TopicOutputs fromStart(
            String bootstrap,
            List<String> topics,
            BarHandler onBar,
            PairListener onPair,
            AlertSink onAlert) {
        return new TopicOutputs(bootstrap, null, topics, onBar, onPair, onAlert, false);
    }

    /**
     * Whether the reader reads: subscribed, or (without a group) its partitions assigned.
     *
     * @return true once it reads
     */
    public boolean reading() {
        return assigned;
    }

    /**
     * Hands out what arrived within {@code timeout}.
     *
     * @param timeout the longest wait for the first record
     * @return the records handed out
     */
    public int poll(Duration timeout) {
        if (!assigned && !assign(timeout)) {
            try {
                Thread.sleep(timeout.toMillis()); // the workers have not created them yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
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
        if (!caughtUp) {
            java.util.Set<TopicPartition> reading = consumer.assignment();
            caughtUp = !reading.isEmpty();
            for (TopicPartition tp : reading) {
                java.util.OptionalLong lag = consumer.currentLag(tp);
                if (lag.isEmpty() || lag.getAsLong() > 0) {
                    caughtUp = false;
                    break;
                }
            }
        }
        return n;
    }

    /**
     * Whether the reader has once reached the end of every partition it reads: what came before was
     * history, what comes after is live.
     *
     * @return true once caught up
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Assigns every partition of the topics from their start once all three exist. */
    private boolean assign(Duration timeout) {
        Map<String, List<PartitionInfo>> exist = consumer.listTopics(timeout);
        List<TopicPartition> all = new ArrayList<>();
        for (String t : topics) {
            List<PartitionInfo> ps = exist.get(t);
            if (ps == null || ps.isEmpty()) {
                return false;
            }
            ps.forEach(x -> all.add(new TopicPartition(t, x.partition())));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
        assigned = true;
        return true;
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
