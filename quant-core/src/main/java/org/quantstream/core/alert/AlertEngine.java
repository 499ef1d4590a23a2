package org.quantstream.core.alert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quantstream.core.bar.BarView;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.util.Args;
import org.quantstream.core.util.ErrorHandler;

/**
 * Evaluates {@link AlertRule}s on streams of values, exactly as SPEC §14: one state machine per
 * rule, values in event-time order, NaN skipped (no state change); level conditions fire once and
 * re-arm with hysteresis, crossings fire on each crossing; a fire sooner than the cooldown after
 * the rule's last delivered alert is suppressed and counted (a level rule disarms either way).
 *
 * <p>Values come in through {@link Watch}es: {@link #watch(String, String)} for any metric, {@link
 * #symbol(String)} for the metrics of a symbol's bars, {@link #pair(String, String)} for those of a
 * pair's snapshots. A watch of a target and metric no rule watches does nothing.
 *
 * <p>Threading: confined to one thread (a pipeline's); sinks are called on it. Allocation: none per
 * value; one {@link Alert} per delivered alert. An exception of a sink goes to the error handler
 * and is counted; evaluation goes on.
 */
public final class AlertEngine {
    /** The metrics of a symbol's bars a rule can watch. */
    public static final List<String> BAR_METRICS =
            List.of(
                    "open",
                    "high",
                    "low",
                    "close",
                    "volume",
                    "quoteVolume",
                    "trades",
                    "buyVolume",
                    "vwap",
                    "return");

    /** The metrics of a pair's snapshots a rule can watch. */
    public static final List<String> PAIR_METRICS =
            List.of(
                    "priceA",
                    "priceB",
                    "beta",
                    "alpha",
                    "spread",
                    "zScore",
                    "correlation",
                    "adfStatistic",
                    "adfPValue",
                    "halfLife");

    private static final Watch NONE = new Watch(new RuleState[0]);

    private final List<AlertRule> rules;
    private final Map<String, RuleState> byName = new LinkedHashMap<>();
    private final AlertSink sink;
    private final ErrorHandler errors;
    private long sinkErrors;

    private AlertEngine(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.sink = b.sink;
        this.errors = b.errors;
        for (AlertRule r : rules) {
            List<String> known = new ArrayList<>(r.isPairRule() ? PAIR_METRICS : BAR_METRICS);
            if (!r.isPairRule()) {
                known.addAll(b.symbolMetrics);
            }
            if (!known.contains(r.metric())) {
                throw new IllegalArgumentException(
                        "rule "
                                + r.name()
                                + ": unknown "
                                + (r.isPairRule() ? "pair" : "symbol")
                                + " metric \""
                                + r.metric()
                                + "\"; valid: "
                                + String.join(", ", known));
            }
            if (byName.put(r.name(), new RuleState(r)) != null) {
                throw new IllegalArgumentException("two rules are named " + r.name());
            }
        }
    }

    /**
     * A builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rules, in the order given.
     *
     * @return the rules
     */
    public List<AlertRule> rules() {
        return rules;
    }

    /**
     * Where the values of one metric of one target go.
     *
     * @param target a symbol or a pair ({@code A/B})
     * @param metric the metric
     * @return the watch; one that does nothing when no rule watches them
     */
    public Watch watch(String target, String metric) {
        List<RuleState> states = new ArrayList<>();
        for (RuleState s : byName.values()) {
            if (s.rule.target().equals(target) && s.rule.metric().equals(metric)) {
                states.add(s);
            }
        }
        return states.isEmpty() ? NONE : new Watch(states.toArray(new RuleState[0]));
    }

    /**
     * The watches of every bar metric of a symbol, fed bar by bar.
     *
     * @param symbol the symbol
     * @return the symbol's watches
     */
    public SymbolWatch symbol(String symbol) {
        Watch[] w = new Watch[BAR_METRICS.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = watch(symbol, BAR_METRICS.get(i));
        }
        return new SymbolWatch(w);
    }

    /**
     * The watches of every snapshot metric of a pair, fed snapshot by snapshot.
     *
     * @param legA the first leg
     * @param legB the second leg
     * @return the pair's watches
     */
    public PairWatch pair(String legA, String legB) {
        String target = legA + "/" + legB;
        Watch[] w = new Watch[PAIR_METRICS.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = watch(target, PAIR_METRICS.get(i));
        }
        return new PairWatch(w);
    }

    /**
     * Alerts delivered by a rule so far.
     *
     * @param rule the rule's name
     * @return the count
     */
    public long fired(String rule) {
        return state(rule).fired;
    }

    /**
     * Fires of a rule suppressed by its cooldown so far.
     *
     * @param rule the rule's name
     * @return the count
     */
    public long suppressed(String rule) {
        return state(rule).suppressed;
    }

    /**
     * Alerts delivered by every rule so far.
     *
     * @return the count
     */
    public long fired() {
        return byName.values().stream().mapToLong(s -> s.fired).sum();
    }

    /**
     * Fires suppressed by cooldowns so far.
     *
     * @return the count
     */
    public long suppressed() {
        return byName.values().stream().mapToLong(s -> s.suppressed).sum();
    }

    /**
     * Exceptions thrown by the sink so far (each went to the error handler).
     *
     * @return the count
     */
    public long sinkErrors() {
        return sinkErrors;
    }

    private RuleState state(String rule) {
        RuleState s = byName.get(rule);
        if (s == null) {
            throw new IllegalArgumentException(
                    "no rule named " + rule + "; rules: " + String.join(", ", byName.keySet()));
        }
        return s;
    }

    private void deliver(Alert a) {
        try {
            sink.onAlert(a);
        } catch (RuntimeException e) {
            sinkErrors++;
            errors.onError(e);
        }
    }

    /** The values of one metric of one target, in event-time order. Confined to one thread. */
    public static final class Watch {
        private final RuleState[] states;

        private Watch(RuleState[] states) {
            this.states = states;
        }

        /**
         * Evaluates every rule on this metric with a new value.
         *
         * @param eventTimeNanos the value's event time, not before the previous one's
         * @param value the value; NaN is skipped
         */
        public void onValue(long eventTimeNanos, double value) {
            if (Double.isNaN(value)) {
                return;
            }
            for (RuleState s : states) {
                s.onValue(eventTimeNanos, value);
            }
        }

        /**
         * Whether any rule watches this metric.
         *
         * @return false for a watch that does nothing
         */
        public boolean isWatched() {
            return states.length > 0;
        }
    }

    /** The bar metrics of one symbol. Confined to one thread. */
    public static final class SymbolWatch {
        private final Watch[] w;
        private double lastClose = Double.NaN;

        private SymbolWatch(Watch[] w) {
            this.w = w;
        }

        /**
         * Evaluates the symbol's rules on a closed bar; {@code return} is close over the previous
         * bar's close, minus 1.
         *
         * @param bar the bar
         */
        public void onBar(BarView bar) {
            long t = bar.openTimeNanos();
            w[0].onValue(t, bar.open());
            w[1].onValue(t, bar.high());
            w[2].onValue(t, bar.low());
            w[3].onValue(t, bar.close());
            w[4].onValue(t, bar.volume());
            w[5].onValue(t, bar.quoteVolume());
            w[6].onValue(t, bar.tradeCount());
            w[7].onValue(t, bar.buyVolume());
            w[8].onValue(t, bar.vwap());
            w[9].onValue(t, bar.close() / lastClose - 1);
            lastClose = bar.close();
        }
    }

    /** The snapshot metrics of one pair. Confined to one thread. */
    public static final class PairWatch {
        private final Watch[] w;

        private PairWatch(Watch[] w) {
            this.w = w;
        }

        /**
         * Evaluates the pair's rules on a snapshot.
         *
         * @param s the snapshot
         */
        public void onSnapshot(PairSnapshot s) {
            long t = s.openTimeNanos();
            w[0].onValue(t, s.priceA());
            w[1].onValue(t, s.priceB());
            w[2].onValue(t, s.beta());
            w[3].onValue(t, s.alpha());
            w[4].onValue(t, s.spread());
            w[5].onValue(t, s.zScore());
            w[6].onValue(t, s.correlation());
            w[7].onValue(t, s.adfStatistic());
            w[8].onValue(t, s.adfPValue());
            w[9].onValue(t, s.halfLife());
        }
    }

    /** One rule's state machine. */
    private final class RuleState {
        final AlertRule rule;
        final AlertCondition cond;
        final double lo;
        final double hi;
        final double h;
        final long cooldown;
        boolean armed = true;
        double prev = Double.NaN;
        boolean hasFired;
        long lastFire;
        long fired;
        long suppressed;

        RuleState(AlertRule rule) {
            this.rule = rule;
            this.cond = rule.condition();
            this.lo = rule.lower();
            this.hi = rule.upper();
            this.h = rule.hysteresis();
            this.cooldown = rule.cooldownNanos();
        }

        void onValue(long t, double v) {
            boolean fire = false;
            switch (cond) {
                case ABOVE:
                    if (armed && v > hi) {
                        fire = true;
                        armed = false;
                    } else if (!armed && v <= hi - h) {
                        armed = true;
                    }
                    break;
                case BELOW:
                    if (armed && v < lo) {
                        fire = true;
                        armed = false;
                    } else if (!armed && v >= lo + h) {
                        armed = true;
                    }
                    break;
                case OUTSIDE:
                    if (armed && (v < lo || v > hi)) {
                        fire = true;
                        armed = false;
                    } else if (!armed && lo + h <= v && v <= hi - h) {
                        armed = true;
                    }
                    break;
                case CROSSES_ABOVE:
                    fire = prev <= hi && hi < v; // false while prev is NaN
                    break;
                case CROSSES_BELOW:
                    fire = prev >= lo && lo > v;
                    break;
                default: // CROSSES
                    fire = (prev <= hi && hi < v) || (prev >= lo && lo > v);
            }
            if (fire) {
                if (hasFired && t - lastFire < cooldown) {
                    suppressed++;
                } else {
                    fired++;
                    hasFired = true;
                    lastFire = t;
                    deliver(
                            new Alert(
                                    rule.name(),
                                    rule.target(),
                                    rule.metric(),
                                    cond,
                                    lo,
                                    hi,
                                    v,
                                    prev,
                                    t));
                }
            }
            prev = v;
        }
    }

    /** Builds an {@link AlertEngine}. Not thread-safe. */
    public static final class Builder {
        private final List<AlertRule> rules = new ArrayList<>();
        private final Set<String> symbolMetrics = new LinkedHashSet<>();
        private AlertSink sink = a -> {};
        private ErrorHandler errors =
                ErrorHandler.logging(org.slf4j.LoggerFactory.getLogger(AlertEngine.class));

        private Builder() {}

        /**
         * Adds rules.
         *
         * @param rules the rules; names unique
         * @return this
         */
        public Builder rules(Collection<AlertRule> rules) {
            for (AlertRule r : Args.notNull(rules, "rules")) {
                this.rules.add(Args.notNull(r, "rule"));
            }
            return this;
        }

        /**
         * Adds rules.
         *
         * @param rules the rules; names unique
         * @return this
         */
        public Builder rules(AlertRule... rules) {
            return rules(Arrays.asList(rules));
        }

        /**
         * Names further symbol metrics rules may watch (a pipeline's per-symbol operators), fed
         * through {@link #watch(String, String)}.
         *
         * @param names metric names
         * @return this
         */
        public Builder symbolMetrics(Collection<String> names) {
            symbolMetrics.addAll(Args.notNull(names, "names"));
            return this;
        }

        /**
         * Where delivered alerts go (default: nowhere; the counts still count).
         *
         * @param sink the sink
         * @return this
         */
        public Builder sink(AlertSink sink) {
            this.sink = Args.notNull(sink, "sink");
            return this;
        }

        /**
         * Receives the sink's exceptions (default: logged at ERROR).
         *
         * @param errors the handler; must not throw
         * @return this
         */
        public Builder errorHandler(ErrorHandler errors) {
            this.errors = Args.notNull(errors, "errors");
            return this;
        }

        /**
         * Builds the engine.
         *
         * @return the engine
         * @throws IllegalArgumentException for an unknown metric (the message lists the valid ones)
         *     or two rules of one name
         */
        public AlertEngine build() {
            return new AlertEngine(this);
        }
    }
}
