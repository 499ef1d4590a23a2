package org.quantstream.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.quantstream.core.util.Args;

/**
 * How a {@link KafkaTickStore} reaches its topic: brokers, topic, the partitions and replication of
 * a topic it creates, how far back a new appender looks for the trades already there, and extra
 * client properties. Immutable.
 */
public final class KafkaTickStoreConfig {
    private final String bootstrap;
    private final String topic;
    private final int partitions;
    private final short replication;
    private final int dedupeScan;
    private final Duration timeout;
    private final Map<String, Object> clientProperties;

    private KafkaTickStoreConfig(Builder b) {
        this.bootstrap = b.bootstrap;
        this.topic = b.topic;
        this.partitions = b.partitions;
        this.replication = b.replication;
        this.dedupeScan = b.dedupeScan;
        this.timeout = b.timeout;
        this.clientProperties = Map.copyOf(b.clientProperties);
    }

    /**
     * A builder.
     *
     * @param bootstrap the brokers, {@code host:port,...}
     * @return the builder
     */
    public static Builder builder(String bootstrap) {
        return new Builder(Args.notBlank(bootstrap, "bootstrap"));
    }

    /**
     * The brokers.
     *
     * @return {@code host:port,...}
     */
    public String bootstrap() {
        return bootstrap;
    }

    /**
     * The ticks topic.
     *
     * @return its name
     */
    public String topic() {
        return topic;
    }

    /**
     * Partitions of the topic when the store creates it.
     *
     * @return the count
     */
    public int partitions() {
        return partitions;
    }

    /**
     * Replication factor of the topic when the store creates it.
     *
     * @return the factor
     */
    public short replication() {
        return replication;
    }

    /**
     * Records read back from the end of each partition when an appender opens, to learn each
     * symbol's last trade id.
     *
     * @return the count per partition
     */
    public int dedupeScan() {
        return dedupeScan;
    }

    /**
     * The longest wait for the brokers (topic creation, offsets, a flush, a cursor behind the end).
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Extra properties for the store's producer, consumers and admin client (security, ...).
     *
     * @return the properties
     */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /** Builds a {@link KafkaTickStoreConfig}. Not thread-safe. */
    public static final class Builder {
        private final String bootstrap;
        private String topic = "ticks";
        private int partitions = 6;
        private short replication = 1;
        private int dedupeScan = 100_000;
        private Duration timeout = Duration.ofSeconds(30);
        private final Map<String, Object> clientProperties = new HashMap<>();

        private Builder(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        /**
         * The ticks topic (default {@code ticks}).
         *
         * @param topic the name
         * @return this
         */
        public Builder topic(String topic) {
            this.topic = Args.notBlank(topic, "topic");
            return this;
        }

        /**
         * Partitions and replication factor of the topic if the store creates it (default 6 and 1).
         * Partitions bound how many Streams instances share the bar stage.
         *
         * @param partitions partitions, &gt;= 1
         * @param replication replication factor, &gt;= 1
         * @return this
         */
        public Builder partitions(int partitions, int replication) {
            this.partitions = (int) Args.positive(partitions, "partitions");
            this.replication = (short) Args.positive(replication, "replication");
            return this;
        }

        /**
         * Records per partition an appender reads back from the end when it opens, to learn each
         * symbol's last trade id (default 100,000): a collector that restarts then drops the trades
         * it already published. A symbol whose last trade lies further back is not known and its
         * first re-sent trades are appended again.
         *
         * @param records the count, &gt;= 0
         * @return this
         */
        public Builder dedupeScan(int records) {
            if (records < 0) {
                throw new IllegalArgumentException("dedupeScan must be >= 0, was " + records);
            }
            this.dedupeScan = records;
            return this;
        }

        /**
         * The longest wait for the brokers (default 30 s).
         *
         * @param timeout the timeout
         * @return this
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Args.notNull(timeout, "timeout");
            return this;
        }

        /**
         * An extra client property for the producer, consumers and admin client.
         *
         * @param key the property
         * @param value its value
         * @return this
         */
        public Builder clientProperty(String key, Object value) {
            clientProperties.put(Args.notBlank(key, "key"), Args.notNull(value, "value"));
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public KafkaTickStoreConfig build() {
            return new KafkaTickStoreConfig(this);
        }
    }
}
