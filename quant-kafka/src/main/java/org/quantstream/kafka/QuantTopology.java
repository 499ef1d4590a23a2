package org.quantstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.tick.Tick;
import org.quantstream.core.util.Args;
import org.quantstream.kafka.internal.BarStage;
import org.quantstream.kafka.internal.PairStage;

/**
 * quantstream's analytics as a Kafka Streams topology, built from the same {@link PipelineConfig}
 * as a one-thread {@link org.quantstream.core.pipeline.Pipeline}, computing the same bars, pair
 * snapshots and alerts from the same ticks, spread over however many instances run it:
 *
 * <pre>
 *  ticks (key symbol) ──▶ [bar stage: TimeBarAggregator × timeframes, SymbolAnalytics]
 *        │                     │ state: quant-bar-state (changelog)
 *        │                     ├──▶ bars topic (key symbol)
 *        │                     ├──▶ alerts topic (symbol rules)
 *        │                     └──▶ fan-out: each analysis bar to every pair of its symbol
 *        │                              ──▶ repartition topic pair-bars (key pair)
 *        │                                    ──▶ [pair stage: PairAnalytics, pair rules]
 *        │                                          │ state: quant-pair-state (changelog)
 *        │                                          ├──▶ snapshots topic (key pair)
 *        │                                          └──▶ alerts topic (pair rules)
 * </pre>
 *
 * <p>A symbol's ticks are in one partition, so one task owns its aggregators; a pair's bars are
 * re-keyed by the pair, so one task owns its analytics. Each stage snapshots the state of what it
 * owns into its store after each input (see the module README: snapshots were chosen over
 * rebuilding from the last N bars because the recursive hedge methods, Kalman and the cooldowns
 * depend on all history, and a rebuilt rolling window differs in the last bits), so with {@link
 * #streamsConfig}'s {@code exactly_once_v2} a task that fails over goes on exactly as if it had
 * not: every output once, equal to the one-thread pipeline's.
 *
 * <p>Time: bars close when a later trade of their symbol arrives, or, with {@link
 * Builder#watermark}, when the wall clock passes their end plus the grace (an idle symbol still
 * closes its bars; results then depend on timing, as with the pipeline's watermark).
 */
public final class QuantTopology {
    /** The bar stage's store (and, prefixed by the application id, its changelog topic). */
    public static final String BAR_STORE = "quant-bar-state";

    /** The pair stage's store. */
    public static final String PAIR_STORE = "quant-pair-state";

    /** The repartition topic's name (Kafka Streams prefixes it with the application id). */
    public static final String PAIR_BARS = "quant-pair-bars";

    private QuantTopology() {}

    /**
     * A builder of the topology for a configuration.
     *
     * @param config what to compute
     * @return the builder
     */
    public static Builder builder(PipelineConfig config) {
        return new Builder(Args.notNull(config, "config"));
    }

    /**
     * The settings the topology is meant to run with: {@code exactly_once_v2}, String keys, the
     * tick's event time as the record time, {@code read_committed} for the internal consumers,
     * idempotent producers.
     *
     * @param bootstrap the brokers, {@code host:port,...}
     * @param applicationId the Streams application id (its instances share work and state)
     * @return the properties, to extend (state.dir, num.stream.threads, ...)
     */
    public static Properties streamsConfig(String bootstrap, String applicationId) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Args.notBlank(bootstrap, "bootstrap"));
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, Args.notBlank(applicationId, "applicationId"));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return p;
    }

    /** The record time of a tick: its event time (ms); other values keep the record's. */
    static final TimestampExtractor EVENT_TIME =
            (record, partitionTime) ->
                    record.value() instanceof Tick t
                            ? Math.floorDiv(t.eventTimeNanos(), 1_000_000L)
                            : record.timestamp();

    /** Builds a {@link Topology}. Not thread-safe. */
    public static final class Builder {
        private final PipelineConfig config;
        private String ticks = "ticks";
        private String bars = "bars";
        private String snapshots = "snapshots";
        private String alerts = "alerts";
        private Duration grace;
        private Duration interval = Duration.ofMillis(100);
        private Integer pairPartitions;

        private Builder(PipelineConfig config) {
            this.config = config;
        }

        /**
         * The topics (defaults: {@code ticks}, {@code bars}, {@code snapshots}, {@code alerts}).
         * The ticks topic must exist; the output topics are created by the broker when it allows,
         * or beforehand.
         *
         * @param ticks input: ticks keyed by symbol ({@link QuantSerdes#ticks()})
         * @param bars output: bars keyed by symbol
         * @param snapshots output: pair snapshots keyed by pair
         * @param alerts output: alerts (JSON) keyed by the rule's target
         * @return this
         */
        public Builder topics(String ticks, String bars, String snapshots, String alerts) {
            this.ticks = Args.notBlank(ticks, "ticks");
            this.bars = Args.notBlank(bars, "bars");
            this.snapshots = Args.notBlank(snapshots, "snapshots");
            this.alerts = Args.notBlank(alerts, "alerts");
            return this;
        }

        /**
         * Closes bars by the wall clock too: every {@code interval} each task's aggregators are
         * told the clock minus {@code grace}, as {@link
         * org.quantstream.core.pipeline.Pipeline.Builder#watermark} does.
         *
         * @param grace how long after a bar's end its trades may still arrive
         * @param interval how often
         * @return this
         */
        public Builder watermark(Duration grace, Duration interval) {
            if (Args.notNull(grace, "grace").isNegative()) {
                throw new IllegalArgumentException("grace must be >= 0, was " + grace);
            }
            if (Args.notNull(interval, "interval").isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be > 0, was " + interval);
            }
            this.grace = grace;
            this.interval = interval;
            return this;
        }

        /**
         * Partitions of the pair repartition topic (default: as many as the ticks topic); more lets
         * more instances share the pairs.
         *
         * @param n the partitions
         * @return this
         */
        public Builder pairPartitions(int n) {
            this.pairPartitions = (int) Args.positive(n, "n");
            return this;
        }

        /**
         * Builds the topology.
         *
         * @return the topology, for {@code new KafkaStreams(topology, props)}
         */
        public Topology build() {
            StreamsBuilder sb = new StreamsBuilder();
            sb.addStateStore(
                    Stores.keyValueStoreBuilder(
                                    Stores.inMemoryKeyValueStore(BAR_STORE),
                                    Serdes.String(),
                                    Serdes.ByteArray())
                            // a key's snapshots within one commit reach the changelog once
                            .withCachingEnabled());
            sb.addStateStore(
                    Stores.keyValueStoreBuilder(
                                    Stores.inMemoryKeyValueStore(PAIR_STORE),
                                    Serdes.String(),
                                    Serdes.ByteArray())
                            // a key's snapshots within one commit reach the changelog once
                            .withCachingEnabled());
            PipelineConfig c = config;
            Duration g = grace;
            Duration iv = interval;
            KStream<String, Object> barOut =
                    sb.stream(
                                    ticks,
                                    Consumed.with(Serdes.String(), QuantSerdes.ticks())
                                            .withTimestampExtractor(EVENT_TIME)
                                            .withName("quant-ticks"))
                            .process(() -> new BarStage(c, BAR_STORE, g, iv), BAR_STORE);
            KStream<String, Bar> barStream =
                    barOut.filter((k, v) -> v instanceof Bar).mapValues(v -> (Bar) v);
            barStream.to(bars, Produced.with(Serdes.String(), QuantSerdes.bars()));
            barOut.filter((k, v) -> v instanceof Alert)
                    .mapValues(v -> (Alert) v)
                    .to(alerts, Produced.with(Serdes.String(), QuantSerdes.alerts()));
            if (c.pairs().isEmpty()) {
                return sb.build();
            }
            Repartitioned<String, Bar> rp =
                    Repartitioned.<String, Bar>as(PAIR_BARS)
                            .withKeySerde(Serdes.String())
                            .withValueSerde(QuantSerdes.bars());
            if (pairPartitions != null) {
                rp = rp.withNumberOfPartitions(pairPartitions);
            }
            KStream<String, Object> pairOut =
                    barStream
                            .flatMap(
                                    (symbol, bar) -> {
                                        List<KeyValue<String, Bar>> out = new ArrayList<>(2);
                                        if (bar.timeframe().equals(c.analysisTimeframe())) {
                                            for (PipelineConfig.PairSpec p : c.pairs()) {
                                                if (p.a() == bar.symbol()
                                                        || p.b() == bar.symbol()) {
                                                    out.add(KeyValue.pair(p.name(), bar));
                                                }
                                            }
                                        }
                                        return out;
                                    })
                            .repartition(rp)
                            .process(() -> new PairStage(c, PAIR_STORE), PAIR_STORE);
            pairOut.filter((k, v) -> v instanceof PairSnapshot)
                    .mapValues(v -> (PairSnapshot) v)
                    .to(snapshots, Produced.with(Serdes.String(), QuantSerdes.snapshots()));
            pairOut.filter((k, v) -> v instanceof Alert)
                    .mapValues(v -> (Alert) v)
                    .to(alerts, Produced.with(Serdes.String(), QuantSerdes.alerts()));
            return sb.build();
        }
    }
}
