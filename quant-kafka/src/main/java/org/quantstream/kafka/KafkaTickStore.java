package org.quantstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickView;

/**
 * A {@link TickStore} on a Kafka topic: ticks keyed by symbol (so a symbol's ticks stay in one
 * partition, in order), valued in {@link QuantSerdes#ticks()}'s layout, stamped with their event
 * time. Collectors on many machines append to one topic; Kafka Streams ({@link QuantTopology}),
 * {@link #cursor}s and the {@code kafka} feed read it.
 *
 * <p><b>Appending.</b> The producer is idempotent ({@code enable.idempotence}, {@code acks=all}):
 * its own retries never duplicate a record. A trade id at or below the last one of its symbol is
 * dropped and counted ({@link TickAppender#duplicates()}), as the Chronicle store does; when an
 * appender opens it reads back the end of each partition ({@link
 * KafkaTickStoreConfig#dedupeScan()}) to learn the last trade ids, so a collector that restarts and
 * re-sends drops what is already there. Appends are asynchronous: {@link #flush()} waits for them;
 * a send that failed is thrown by the next append or flush.
 *
 * <p><b>Reading.</b> A cursor reads every partition from the first record at or after a time
 * (Kafka's offsets-for-times on the event-time stamps) with {@code read_committed}. Within a symbol
 * the order is the append order; between symbols in different partitions it is the order the
 * fetches return. {@link TickCursor#next} returns false once the cursor has read everything that
 * was in the topic when it was opened and nothing newer is ready (so a replay ends, and a tailing
 * caller polls again).
 *
 * <p><b>Threads.</b> The store may be shared; its appender is one, confined to one thread at a
 * time; each cursor is confined to its thread.
 */
public final class KafkaTickStore implements TickStore {
    private final KafkaTickStoreConfig config;
    private final int partitions;
    private final Set<Symbol> symbols = Collections.synchronizedSet(new LinkedHashSet<>());
    private Appender appender;
    private Admin admin;
    private volatile boolean closed;

    private KafkaTickStore(KafkaTickStoreConfig config, int partitions) {
        this.config = config;
        this.partitions = partitions;
    }

    /**
     * Opens the store, creating its topic if it does not exist.
     *
     * @param config the configuration
     * @return the store
     * @throws IllegalStateException if the brokers cannot be reached in time, or refuse
     */
    public static KafkaTickStore open(KafkaTickStoreConfig config) {
        KafkaTopics.ensure(
                config.bootstrap(),
                config.partitions(),
                config.replication(),
                config.timeout(),
                config.clientProperties(),
                config.topic());
        return new KafkaTickStore(
                config,
                KafkaTopics.partitions(
                        config.bootstrap(),
                        config.topic(),
                        config.timeout(),
                        config.clientProperties()));
    }

    /**
     * Opens the store on an existing topic, or creates it with the default partitions.
     *
     * @param bootstrap the brokers
     * @param topic the topic
     * @return the store
     */
    public static KafkaTickStore open(String bootstrap, String topic) {
        return open(KafkaTickStoreConfig.builder(bootstrap).topic(topic).build());
    }

    private Map<String, Object> consumerProps() {
        Map<String, Object> p = new HashMap<>(config.clientProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis());
        return p;
    }

    /**
     * The store's configuration.
     *
     * @return the configuration
     */
    public KafkaTickStoreConfig config() {
        return config;
    }

    /**
     * The topic's partitions.
     *
     * @return the count
     */
    public int partitions() {
        return partitions;
    }

    /**
     * The store's appender (one per store), opened on first call: it reads back the end of each
     * partition to learn the last trade ids (see the class doc).
     *
     * @return the appender
     */
    @Override
    public synchronized TickAppender appender() {
        checkOpen();
        if (appender == null) {
            appender = new Appender();
        }
        return appender;
    }

    /**
     * Waits until every tick appended so far is acknowledged by the brokers.
     *
     * @throws IllegalStateException if a send failed
     */
    public void flush() {
        Appender a;
        synchronized (this) {
            a = appender;
        }
        if (a != null) {
            a.flush();
        }
    }

    @Override
    public TickCursor cursor() {
        return cursor(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public TickCursor cursor(long fromNanos, long toNanos) {
        checkOpen();
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("toNanos must be >= fromNanos");
        }
        return new Cursor(fromNanos, toNanos);
    }

    /**
     * The records in the topic now (end minus start offsets, summed over the partitions).
     *
     * @return the count
     */
    @Override
    public long count() {
        checkOpen();
        Admin a = admin();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition tp : topicPartitions()) {
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }
        long ms = config.timeout().toMillis();
        try {
            var begin = a.listOffsets(earliest).all().get(ms, TimeUnit.MILLISECONDS);
            var end = a.listOffsets(latest).all().get(ms, TimeUnit.MILLISECONDS);
            long n = 0;
            for (TopicPartition tp : earliest.keySet()) {
                n += end.get(tp).offset() - begin.get(tp).offset();
            }
            return n;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "kafka topic " + config.topic() + ": cannot list its offsets: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted counting " + config.topic(), e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> p = new HashMap<>(config.clientProperties());
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
            p.put(
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    (int) config.timeout().toMillis());
            admin = Admin.create(p);
        }
        return admin;
    }

    /**
     * The last trade id of a symbol: appended through this store, or found in the last records of
     * its partition ({@link KafkaTickStoreConfig#dedupeScan()}; the first call opens the appender,
     * which reads them back).
     *
     * @param symbol the symbol
     * @return the id, or {@link #NO_TRADE_ID}
     */
    @Override
    public long lastTradeId(Symbol symbol) {
        Appender a = (Appender) appender();
        synchronized (a) {
            return a.last(symbol);
        }
    }

    /**
     * The symbols appended through this store or found in the last records of the partitions (as
     * {@link #lastTradeId}).
     *
     * @return a copy
     */
    @Override
    public Set<Symbol> symbols() {
        appender();
        synchronized (symbols) {
            return Set.copyOf(symbols);
        }
    }

    /** Flushes and closes the appender's producer. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (appender != null) {
                appender.close();
            }
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(
                    "the kafka tick store on " + config.topic() + " is closed");
        }
    }

    private List<TopicPartition> topicPartitions() {
        List<TopicPartition> tps = new ArrayList<>(partitions);
        for (int i = 0; i < partitions; i++) {
            tps.add(new TopicPartition(config.topic(), i));
        }
        return tps;
    }

    /** The producer and the per-symbol last trade ids. */
    private final class Appender implements TickAppender {
        private final KafkaProducer<String, byte[]> producer;
        private long[] lastIds = new long[64];
        private long duplicates;
        private volatile RuntimeException failure;

        Appender() {
            Arrays.fill(lastIds, NO_TRADE_ID);
            readBack();
            Map<String, Object> p = new HashMap<>(config.clientProperties());
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.timeout().toMillis());
            this.producer = new KafkaProducer<>(p);
        }

        /** The last trade id per symbol in the last records of each partition. */
        private void readBack() {
            if (config.dedupeScan() == 0) {
                return;
            }
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps())) {
                List<TopicPartition> tps = topicPartitions();
                c.assign(tps);
                Map<TopicPartition, Long> end = c.endOffsets(tps);
                Map<TopicPartition, Long> begin = c.beginningOffsets(tps);
                boolean any = false;
                for (TopicPartition tp : tps) {
                    long from = Math.max(begin.get(tp), end.get(tp) - config.dedupeScan());
                    c.seek(tp, from);
                    any |= from < end.get(tp);
                }
                MutableTick t = new MutableTick();
                long deadline = System.nanoTime() + config.timeout().toNanos();
                while (any && !caughtUp(c, end)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "kafka topic "
                                        + config.topic()
                                        + ": could not read back its last records in "
                                        + config.timeout());
                    }
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                        QuantSerdes.readTick(r.value(), t, config.topic());
                        if (t.tradeId() > last(t.symbol())) {
                            setLast(t.symbol(), t.tradeId());
                        }
                    }
                }
            }
        }

        long last(Symbol s) {
            int id = s.id();
            return id < lastIds.length ? lastIds[id] : NO_TRADE_ID;
        }

        private void setLast(Symbol s, long id) {
            int i = s.id();
            if (i >= lastIds.length) {
                int old = lastIds.length;
                lastIds = Arrays.copyOf(lastIds, Math.max(i + 1, old * 2));
                Arrays.fill(lastIds, old, lastIds.length, NO_TRADE_ID);
            }
            if (lastIds[i] == NO_TRADE_ID) {
                symbols.add(s);
            }
            lastIds[i] = id;
        }

        @Override
        public boolean append(TickView tick) {
            checkOpen();
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
            Symbol s = tick.symbol();
            if (s == null) {
                throw new IllegalArgumentException("tick.symbol must not be null");
            }
            long id = tick.tradeId();
            if (id < 0) {
                throw new IllegalArgumentException("tick.tradeId must be >= 0, was " + id);
            }
            synchronized (this) { // against lastTradeId on another thread; uncontended
                if (id <= last(s)) {
                    duplicates++;
                    return false;
                }
                setLast(s, id);
            }
            producer.send(
                    new ProducerRecord<>(
                            config.topic(),
                            null,
                            Math.floorDiv(tick.eventTimeNanos(), 1_000_000L),
                            s.name(),
                            QuantSerdes.tick(tick)),
                    (md, e) -> {
                        if (e != null && failure == null) {
                            failure =
                                    new IllegalStateException(
                                            "kafka topic "
                                                    + config.topic()
                                                    + ": a tick was not stored: "
                                                    + e,
                                            e);
                        }
                    });
            return true;
        }

        @Override
        public long duplicates() {
            return duplicates;
        }

        void flush() {
            producer.flush();
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
        }

        void close() {
            try {
                producer.flush();
            } finally {
                producer.close(config.timeout());
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Reads every partition from a time. */
    private final class Cursor implements TickCursor {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Map<TopicPartition, Long> end;
        private final long from;
        private final long to;
        private java.util.Iterator<ConsumerRecord<byte[], byte[]>> it = Collections.emptyIterator();
        private boolean caughtUp;

        Cursor(long from, long to) {
            this.from = from;
            this.to = to;
            this.consumer = new KafkaConsumer<>(consumerProps());
            try {
                List<TopicPartition> tps = topicPartitions();
                consumer.assign(tps);
                if (from == Long.MIN_VALUE) {
                    consumer.seekToBeginning(tps);
                } else {
                    Map<TopicPartition, Long> times = new HashMap<>();
                    long ms = Math.max(0, Math.floorDiv(from, 1_000_000L));
                    for (TopicPartition tp : tps) {
                        times.put(tp, ms);
                    }
                    var found = consumer.offsetsForTimes(times);
                    Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
                    for (TopicPartition tp : tps) {
                        var o = found.get(tp);
                        consumer.seek(tp, o == null ? ends.get(tp) : o.offset());
                    }
                }
                this.end = consumer.endOffsets(tps);
            } catch (RuntimeException e) {
                consumer.close();
                throw e;
            }
        }

        @Override
        public boolean next(MutableTick into) {
            long deadline = 0;
            while (true) {
                while (it.hasNext()) {
                    ConsumerRecord<byte[], byte[]> r = it.next();
                    QuantSerdes.readTick(r.value(), into, config.topic());
                    long t = into.eventTimeNanos();
                    if (t >= from && t < to) {
                        return true;
                    }
                }
                if (!caughtUp && caughtUp(consumer, end)) {
                    caughtUp = true;
                }
                var records = consumer.poll(caughtUp ? Duration.ZERO : Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    it = records.iterator();
                    continue;
                }
                if (caughtUp) {
                    return false;
                }
                if (deadline == 0) {
                    deadline = System.nanoTime() + config.timeout().toNanos();
                } else if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "kafka topic "
                                    + config.topic()
                                    + ": no records for "
                                    + config.timeout()
                                    + " while behind its end");
                }
            }
        }

        @Override
        public void close() {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
