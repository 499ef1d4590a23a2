package org.quantstream.kafka.internal;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.quantstream.core.alert.AlertEngine;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pipeline.PipelineConfig;

/**
 * The second stage, one per stream task of the repartitioned bars: each pair's {@link
 * PairAnalytics} and its alert rules, fed the bars of both legs (key: the pair). Forwards {@link
 * org.quantstream.core.pair.PairSnapshot}s (key: the pair) and {@link
 * org.quantstream.core.alert.Alert}s (key: the rule's target).
 *
 * <p>State: after each bar the pair's analytics and rule states are snapshotted ({@link
 * StateCodec}) into the task's store under the pair, in the transaction of the outputs.
 */
public final class PairStage implements Processor<String, Bar, String, Object> {
    private final PipelineConfig config;
    private final String storeName;
    private final Map<String, PipelineConfig.PairSpec> specs = new HashMap<>();
    private final Map<String, PairState> states = new HashMap<>();
    private ProcessorContext<String, Object> ctx;
    private KeyValueStore<String, byte[]> store;
    private long timestamp;

    /**
     * A stage.
     *
     * @param config what to compute
     * @param storeName the task's key-value store
     */
    public PairStage(PipelineConfig config, String storeName) {
        this.config = config;
        this.storeName = storeName;
        for (PipelineConfig.PairSpec p : config.pairs()) {
            specs.put(p.name(), p);
        }
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.ctx = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Bar> record) {
        if (record.value() == null) {
            return;
        }
        PairState s = state(record.key());
        if (s == null) {
            return;
        }
        timestamp = record.timestamp();
        s.analytics.onBarClosed(record.value());
        store.put(s.name, StateCodec.write(s.analytics, s.watch));
    }

    private PairState state(String name) {
        PairState s = states.get(name);
        if (s == null) {
            PipelineConfig.PairSpec spec = specs.get(name);
            if (spec == null) {
                return null;
            }
            s = new PairState(spec);
            byte[] saved = store.get(name);
            if (saved != null) {
                StateCodec.read(saved, s.analytics, s.watch);
            }
            states.put(name, s);
        }
        return s;
    }

    /** One pair's analytics and rules. */
    private final class PairState {
        final String name;
        final PairAnalytics analytics;
        final AlertEngine.PairWatch watch;

        PairState(PipelineConfig.PairSpec spec) {
            this.name = spec.name();
            AlertEngine alerts =
                    Stages.alerts(config, a -> ctx.forward(new Record<>(a.target(), a, timestamp)));
            this.watch = alerts.pair(spec.a().name(), spec.b().name());
            this.analytics =
                    config.newPairAnalytics(
                            spec,
                            snap -> {
                                ctx.forward(new Record<>(name, snap, timestamp));
                                watch.onSnapshot(snap);
                            });
        }
    }
}
