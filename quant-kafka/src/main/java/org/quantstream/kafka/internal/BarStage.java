package org.quantstream.kafka.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.quantstream.core.alert.AlertEngine;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.pipeline.SymbolAnalytics;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/**
 * The first stage of the topology, one per stream task: the ticks of the task's symbols into {@link
 * TimeBarAggregator}s (one per timeframe), each bar of the analysis timeframe into the symbol's
 * {@link SymbolAnalytics} (operators, bar-metric alerts). Forwards {@link Bar}s (key: the symbol)
 * and {@link org.quantstream.core.alert.Alert}s (key: the rule's target).
 *
 * <p>State: after each tick the symbol's aggregators are snapshotted ({@link StateCodec}) into the
 * task's store under the symbol, and after each bar of the analysis timeframe its analytics under
 * {@code symbol#ops}; the store's changelog is written in the same transaction as the outputs and
 * the input offsets, so a task that moves to another instance goes on from exactly where the
 * committed state stood. With a watermark, a wall-clock punctuator closes the bars whose end plus
 * the grace has passed, so that an idle symbol still closes its bars.
 */
public final class BarStage implements Processor<String, Tick, String, Object> {
    private static final String OPS = "#ops";

    private final PipelineConfig config;
    private final String storeName;
    private final Duration grace;
    private final Duration interval;
    private final Map<String, SymbolState> states = new HashMap<>();
    private final Timeframe analysis;
    private ProcessorContext<String, Object> ctx;
    private KeyValueStore<String, byte[]> store;
    private long timestamp;

    /**
     * A stage.
     *
     * @param config what to compute
     * @param storeName the task's key-value store
     * @param grace with {@code interval}: the watermark's grace, or null for no watermark
     * @param interval how often the watermark is advanced
     */
    public BarStage(PipelineConfig config, String storeName, Duration grace, Duration interval) {
        this.config = config;
        this.storeName = storeName;
        this.grace = grace;
        this.interval = interval;
        this.analysis = config.analysisTimeframe();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.ctx = context;
        this.store = context.getStateStore(storeName);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (!kv.key.endsWith(OPS)) {
                    SymbolState s = state(kv.key);
                    if (s != null) {
                        StateCodec.read(kv.value, (Object[]) s.aggregators);
                    }
                }
            }
        }
        for (SymbolState s : states.values()) {
            byte[] ops = store.get(s.name + OPS);
            if (ops != null) {
                StateCodec.read(ops, s.analytics);
            }
        }
        if (grace != null) {
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::watermark);
        }
    }

    @Override
    public void process(Record<String, Tick> record) {
        Tick t = record.value();
        if (t == null) {
            return;
        }
        SymbolState s = state(t.symbol().name());
        if (s == null) {
            return; // a symbol the configuration does not follow
        }
        timestamp = record.timestamp();
        s.analysisBars = 0;
        for (TimeBarAggregator a : s.aggregators) {
            a.onTick(t);
        }
        save(s);
    }

    private void watermark(long nowMillis) {
        long now = nowMillis * 1_000_000L - grace.toNanos();
        timestamp = nowMillis;
        for (SymbolState s : states.values()) {
            s.analysisBars = 0;
            s.closed = 0;
            for (TimeBarAggregator a : s.aggregators) {
                a.onTime(now);
            }
            if (s.closed > 0) {
                save(s);
            }
        }
    }

    private void save(SymbolState s) {
        store.put(s.name, StateCodec.write((Object[]) s.aggregators));
        if (s.analysisBars > 0) {
            store.put(s.name + OPS, StateCodec.write(s.analytics));
        }
    }

    private SymbolState state(String name) {
        SymbolState s = states.get(name);
        if (s == null) {
            Symbol sym = Symbol.of(name);
            if (!config.symbols().contains(sym)) {
                return null;
            }
            s = new SymbolState(sym);
            states.put(name, s);
        }
        return s;
    }

    /** One symbol's aggregators and analytics. */
    private final class SymbolState {
        final String name;
        final TimeBarAggregator[] aggregators;
        final SymbolAnalytics analytics;
        int analysisBars;
        int closed;

        SymbolState(Symbol sym) {
            this.name = sym.name();
            List<Timeframe> tfs = config.timeframes();
            this.aggregators = new TimeBarAggregator[tfs.size()];
            for (int i = 0; i < aggregators.length; i++) {
                aggregators[i] = config.newAggregator(sym, tfs.get(i), this::onBar);
            }
            AlertEngine alerts =
                    Stages.alerts(config, a -> ctx.forward(new Record<>(a.target(), a, timestamp)));
            this.analytics = new SymbolAnalytics(sym, config, alerts, (t, m, time, v) -> {});
        }

        void onBar(Bar bar) {
            closed++;
            ctx.forward(new Record<>(name, bar, timestamp));
            if (bar.timeframe().equals(analysis)) {
                analysisBars++;
                analytics.onBar(bar);
            }
        }
    }
}
