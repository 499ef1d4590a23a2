package org.quantstream.core.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.quantstream.core.alert.AlertEngine;
import org.quantstream.core.alert.AlertRule;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.op.UnivariateOperator;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pair.PairHandler;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.util.Args;

/**
 * What a pipeline computes, apart from where its ticks come from and where its results go: the
 * symbols, the bar timeframes and their policies, the per-symbol operators, the pairs and the alert
 * rules. One configuration drives every engine that runs quantstream's analytics: the one-thread
 * {@link Pipeline} ({@link Pipeline.Builder#config}) and the distributed topology of {@code
 * quant-kafka} ({@code QuantTopology}), so that both compute the same bars, snapshots and alerts
 * from the same ticks.
 *
 * <p>Immutable and thread-safe once built; the factories ({@link #newAggregator}, {@link
 * #newPairAnalytics}, {@link OperatorSpec#create()}) make fresh, unshared stages on every call.
 */
public final class PipelineConfig {
    private final List<Symbol> symbols;
    private final List<Timeframe> timeframes;
    private final Timeframe analysisTimeframe;
    private final GapPolicy gapPolicy;
    private final Duration amendLate;
    private final List<OperatorSpec> operators;
    private final List<PairSpec> pairs;
    private final List<AlertRule> rules;

    private PipelineConfig(Builder b) {
        if (b.symbols.isEmpty()) {
            throw new IllegalArgumentException("no symbols: symbols(...) names what to follow");
        }
        if (b.timeframes.isEmpty()) {
            throw new IllegalArgumentException("no timeframes: timeframes(...) names the bars");
        }
        this.symbols = List.copyOf(b.symbols);
        this.timeframes = List.copyOf(b.timeframes);
        this.analysisTimeframe =
                b.analysisTimeframe == null ? timeframes.get(0) : b.analysisTimeframe;
        if (!timeframes.contains(analysisTimeframe)) {
            throw new IllegalArgumentException(
                    "analysis timeframe " + analysisTimeframe + " is not one of " + timeframes);
        }
        this.gapPolicy = b.gapPolicy;
        this.amendLate = b.amendLate;
        this.operators = List.copyOf(b.operators);
        this.pairs = List.copyOf(b.pairs);
        for (PairSpec p : pairs) {
            if (!symbols.contains(p.a()) || !symbols.contains(p.b())) {
                throw new IllegalArgumentException(
                        "pair " + p.name() + ": both legs must be among the symbols " + symbols);
            }
        }
        this.rules = List.copyOf(b.rules);
        // an unknown metric or a duplicate rule name fails here, at build time
        AlertEngine.builder().rules(rules).symbolMetrics(operatorNames()).build();
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
     * A builder holding this configuration, to change a copy of it.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.symbols.addAll(symbols);
        b.timeframes.addAll(timeframes);
        b.analysisTimeframe = analysisTimeframe;
        b.gapPolicy = gapPolicy;
        b.amendLate = amendLate;
        b.operators.addAll(operators);
        b.pairs.addAll(pairs);
        b.rules.addAll(rules);
        return b;
    }

    /**
     * The symbols followed, in the order given.
     *
     * @return the symbols
     */
    public List<Symbol> symbols() {
        return symbols;
    }

    /**
     * The bar timeframes built for every symbol.
     *
     * @return the timeframes, in the order given
     */
    public List<Timeframe> timeframes() {
        return timeframes;
    }

    /**
     * The timeframe whose bars feed the operators, the bar-metric alerts and the pairs.
     *
     * @return the analysis timeframe
     */
    public Timeframe analysisTimeframe() {
        return analysisTimeframe;
    }

    /**
     * What an interval without trades gives.
     *
     * @return the gap policy
     */
    public GapPolicy gapPolicy() {
        return gapPolicy;
    }

    /**
     * The lateness within which a trade amends its closed bar, or null when late trades are dropped
     * and counted.
     *
     * @return the window, or null
     */
    public Duration amendLate() {
        return amendLate;
    }

    /**
     * The per-symbol operators.
     *
     * @return the operators, in the order given
     */
    public List<OperatorSpec> operators() {
        return operators;
    }

    /**
     * The names of the per-symbol operators (metrics a symbol rule may watch besides the bar's).
     *
     * @return the names, in the order given
     */
    public List<String> operatorNames() {
        List<String> names = new ArrayList<>(operators.size());
        for (OperatorSpec o : operators) {
            names.add(o.name());
        }
        return names;
    }

    /**
     * The pairs.
     *
     * @return the pairs, in the order given
     */
    public List<PairSpec> pairs() {
        return pairs;
    }

    /**
     * The alert rules.
     *
     * @return the rules
     */
    public List<AlertRule> rules() {
        return rules;
    }

    /**
     * A new aggregator of one symbol's bars of one timeframe with this configuration's gap and late
     * policies.
     *
     * @param symbol the symbol
     * @param timeframe the timeframe
     * @param handler receives the closed bars
     * @return the aggregator
     */
    public TimeBarAggregator newAggregator(Symbol symbol, Timeframe timeframe, BarHandler handler) {
        TimeBarAggregator.Builder ab =
                TimeBarAggregator.builder(symbol, timeframe, handler).gapPolicy(gapPolicy);
        if (amendLate != null) {
            ab.amendLateTrades(amendLate);
        }
        return ab.build();
    }

    /**
     * A new pair analytics on the analysis timeframe, configured as the pair says.
     *
     * @param pair one of {@link #pairs()}
     * @param handler receives the snapshots
     * @return the analytics
     */
    public PairAnalytics newPairAnalytics(PairSpec pair, PairHandler handler) {
        PairAnalytics.Builder pb = PairAnalytics.builder(pair.a(), pair.b());
        pair.configure().accept(pb);
        return pb.timeframe(analysisTimeframe).handler(handler).build();
    }

    /**
     * A per-symbol operator: its name, how to make one and what it is fed.
     *
     * @param name the name, watched by rules as a symbol metric
     * @param factory makes one operator per symbol
     * @param input what the operator is fed
     */
    public record OperatorSpec(
            String name, Supplier<? extends UnivariateOperator> factory, OperatorInput input) {
        /**
         * Checks the parts.
         *
         * @param name the name
         * @param factory the factory
         * @param input the input
         */
        public OperatorSpec {
            Args.notBlank(name, "name");
            Args.notNull(factory, "factory");
            Args.notNull(input, "input");
        }

        /**
         * A new operator.
         *
         * @return the operator
         */
        public UnivariateOperator create() {
            return Args.notNull(factory.get(), "operator " + name);
        }
    }

    /**
     * A pair: its legs and how its {@link PairAnalytics} is configured (hedge method, windows,
     * missing-leg policy; the timeframe and handler are the engine's).
     *
     * @param a leg A, the regressor
     * @param b leg B, the regressand
     * @param configure configures the pair's builder
     */
    public record PairSpec(Symbol a, Symbol b, Consumer<PairAnalytics.Builder> configure) {
        /**
         * Checks the parts.
         *
         * @param a leg A
         * @param b leg B
         * @param configure the configuration
         */
        public PairSpec {
            Args.notNull(a, "a");
            Args.notNull(b, "b");
            Args.notNull(configure, "configure");
        }

        /**
         * The pair's name, {@code A/B}: its key in alert rules, listeners and topics.
         *
         * @return the name
         */
        public String name() {
            return a.name() + "/" + b.name();
        }
    }

    /** Builds a {@link PipelineConfig}. Not thread-safe. */
    public static final class Builder {
        private final Set<Symbol> symbols = new LinkedHashSet<>();
        private final List<Timeframe> timeframes = new ArrayList<>();
        private Timeframe analysisTimeframe;
        private GapPolicy gapPolicy = GapPolicy.SKIP;
        private Duration amendLate;
        private final List<OperatorSpec> operators = new ArrayList<>();
        private final List<PairSpec> pairs = new ArrayList<>();
        private final List<AlertRule> rules = new ArrayList<>();

        private Builder() {}

        /**
         * The symbols to follow (required); ticks of others are counted and ignored.
         *
         * @param symbols the symbols
         * @return this
         */
        public Builder symbols(Symbol... symbols) {
            for (Symbol s : symbols) {
                this.symbols.add(Args.notNull(s, "symbol"));
            }
            return this;
        }

        /**
         * The bar timeframes built for every symbol (required).
         *
         * @param timeframes e.g. 1s and 1m
         * @return this
         */
        public Builder timeframes(Timeframe... timeframes) {
            for (Timeframe tf : timeframes) {
                if (!this.timeframes.contains(Args.notNull(tf, "timeframe"))) {
                    this.timeframes.add(tf);
                }
            }
            return this;
        }

        /**
         * The timeframe whose bars feed the operators, the bar-metric alerts and the pairs
         * (default: the first timeframe).
         *
         * @param tf one of the timeframes
         * @return this
         */
        public Builder analysisTimeframe(Timeframe tf) {
            this.analysisTimeframe = Args.notNull(tf, "tf");
            return this;
        }

        /**
         * What an interval without trades gives (default {@link GapPolicy#SKIP}: no bar).
         *
         * @param policy the policy
         * @return this
         */
        public Builder gapPolicy(GapPolicy policy) {
            this.gapPolicy = Args.notNull(policy, "policy");
            return this;
        }

        /**
         * Lets a trade up to {@code window} late amend its closed bar (re-emitted, flagged revised)
         * instead of being dropped and counted (the default).
         *
         * @param window the lateness accepted
         * @return this
         */
        public Builder amendLateTrades(Duration window) {
            this.amendLate = Args.notNull(window, "window");
            return this;
        }

        /**
         * A per-symbol operator over the bars of the analysis timeframe, by name.
         *
         * @param name the operator's name, e.g. {@code z60}
         * @param factory makes one operator per symbol, e.g. {@code () -> new RollingZScore(60)}
         * @param input what it is fed
         * @return this
         * @throws IllegalArgumentException if the name is a bar metric or taken
         */
        public Builder operator(
                String name, Supplier<? extends UnivariateOperator> factory, OperatorInput input) {
            OperatorSpec spec = new OperatorSpec(name, factory, input);
            if (AlertEngine.BAR_METRICS.contains(name)) {
                throw new IllegalArgumentException(
                        "operator name " + name + " is a bar metric; choose another");
            }
            for (OperatorSpec o : operators) {
                if (o.name().equals(name)) {
                    throw new IllegalArgumentException("two operators are named " + name);
                }
            }
            operators.add(spec);
            return this;
        }

        /**
         * A pair's analytics on the analysis timeframe's bars.
         *
         * @param a the first leg
         * @param b the second leg
         * @param configure configures the pair's {@link PairAnalytics.Builder}
         * @return this
         */
        public Builder pair(Symbol a, Symbol b, Consumer<PairAnalytics.Builder> configure) {
            pairs.add(new PairSpec(a, b, configure));
            return this;
        }

        /**
         * Alert rules on bar metrics, operator values and pair metrics.
         *
         * @param rules the rules
         * @return this
         */
        public Builder rules(List<AlertRule> rules) {
            this.rules.addAll(Args.notNull(rules, "rules"));
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException for a missing symbol or timeframe, an analysis timeframe
         *     that is not one of the timeframes, a pair leg that is not a symbol, an alert rule on
         *     an unknown metric or two rules of one name
         */
        public PipelineConfig build() {
            return new PipelineConfig(this);
        }
    }
}
