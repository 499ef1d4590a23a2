package org.quantstream.core.alert;

import java.time.Duration;
import org.quantstream.core.util.Args;

/**
 * One alert rule (SPEC §14): a metric of a symbol or a pair, a condition with its threshold (or
 * lower and upper bounds for {@link AlertCondition#OUTSIDE}), a hysteresis for level conditions and
 * a cooldown. Immutable and thread-safe; built with {@link #builder(String)}.
 */
public final class AlertRule {
    private final String name;
    private final String target;
    private final boolean pair;
    private final String metric;
    private final AlertCondition condition;
    private final double lower;
    private final double upper;
    private final double hysteresis;
    private final long cooldownNanos;

    private AlertRule(Builder b) {
        this.name = b.name;
        this.target = b.target;
        this.pair = b.pair;
        this.metric = b.metric;
        this.condition = b.condition;
        this.lower = b.lower;
        this.upper = b.upper;
        this.hysteresis = b.hysteresis;
        this.cooldownNanos = b.cooldownNanos;
    }

    /**
     * A builder.
     *
     * @param name the rule's name, carried by its alerts
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(Args.notBlank(name, "name"));
    }

    /**
     * The rule's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The symbol ({@code BTCUSDT}) or pair ({@code BTCUSDT/ETHUSDT}) watched.
     *
     * @return the target
     */
    public String target() {
        return target;
    }

    /**
     * Whether the target is a pair.
     *
     * @return true for a pair rule
     */
    public boolean isPairRule() {
        return pair;
    }

    /**
     * The metric watched.
     *
     * @return its name
     */
    public String metric() {
        return metric;
    }

    /**
     * The condition.
     *
     * @return the condition
     */
    public AlertCondition condition() {
        return condition;
    }

    /**
     * The lower bound: OUTSIDE's lower, BELOW's and the crossings' threshold; NaN for ABOVE.
     *
     * @return the bound
     */
    public double lower() {
        return lower;
    }

    /**
     * The upper bound: OUTSIDE's upper, ABOVE's and the crossings' threshold; NaN for BELOW.
     *
     * @return the bound
     */
    public double upper() {
        return upper;
    }

    /**
     * How far back a value must come before a level rule fires again.
     *
     * @return the hysteresis, &gt;= 0
     */
    public double hysteresis() {
        return hysteresis;
    }

    /**
     * The least time between two delivered alerts of this rule; a fire sooner is suppressed.
     *
     * @return nanoseconds, &gt;= 0
     */
    public long cooldownNanos() {
        return cooldownNanos;
    }

    @Override
    public String toString() {
        return name
                + ": "
                + metric
                + " of "
                + target
                + " "
                + condition
                + (condition == AlertCondition.OUTSIDE
                        ? " [" + lower + ", " + upper + "]"
                        : " " + (condition == AlertCondition.BELOW ? lower : upper))
                + (condition.isLevel() ? ", hysteresis " + hysteresis : "")
                + ", cooldown "
                + Duration.ofNanos(cooldownNanos);
    }

    /** Builds an {@link AlertRule}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String target;
        private boolean pair;
        private String metric;
        private AlertCondition condition;
        private double threshold = Double.NaN;
        private double lower = Double.NaN;
        private double upper = Double.NaN;
        private double hysteresis;
        private long cooldownNanos;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Watches a metric of a symbol's bars.
         *
         * @param symbol the symbol, e.g. {@code BTCUSDT}
         * @param metric e.g. {@code close}
         * @return this
         */
        public Builder symbol(String symbol, String metric) {
            this.target = Args.notBlank(symbol, "symbol");
            this.pair = false;
            this.metric = Args.notBlank(metric, "metric");
            return this;
        }

        /**
         * Watches a metric of a pair's snapshots.
         *
         * @param legA the first leg
         * @param legB the second leg
         * @param metric e.g. {@code zScore}
         * @return this
         */
        public Builder pair(String legA, String legB, String metric) {
            this.target = Args.notBlank(legA, "legA") + "/" + Args.notBlank(legB, "legB");
            this.pair = true;
            this.metric = Args.notBlank(metric, "metric");
            return this;
        }

        /**
         * ABOVE, BELOW or a crossing of a threshold.
         *
         * @param condition not OUTSIDE
         * @param threshold finite
         * @return this
         */
        public Builder when(AlertCondition condition, double threshold) {
            if (Args.notNull(condition, "condition") == AlertCondition.OUTSIDE) {
                throw new IllegalArgumentException(
                        "OUTSIDE takes a lower and an upper bound: use outside(lower, upper)");
            }
            this.condition = condition;
            this.threshold = Args.finite(threshold, "threshold");
            return this;
        }

        /**
         * OUTSIDE [lower, upper].
         *
         * @param lower finite
         * @param upper finite, &gt; lower
         * @return this
         */
        public Builder outside(double lower, double upper) {
            Args.finite(lower, "lower");
            Args.finite(upper, "upper");
            if (!(upper > lower)) {
                throw new IllegalArgumentException(
                        "upper must be > lower (" + lower + "), was " + upper);
            }
            this.condition = AlertCondition.OUTSIDE;
            this.lower = lower;
            this.upper = upper;
            return this;
        }

        /**
         * The hysteresis of a level condition (default 0).
         *
         * @param h finite, &gt;= 0
         * @return this
         */
        public Builder hysteresis(double h) {
            if (!(h >= 0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException("hysteresis must be finite and >= 0, was " + h);
            }
            this.hysteresis = h;
            return this;
        }

        /**
         * The cooldown (default none).
         *
         * @param cooldown &gt;= 0
         * @return this
         */
        public Builder cooldown(Duration cooldown) {
            if (Args.notNull(cooldown, "cooldown").isNegative()) {
                throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
            }
            this.cooldownNanos = cooldown.toNanos();
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws IllegalArgumentException if the target, metric or condition is missing, or
         *     hysteresis is given to a crossing, or OUTSIDE's band is too narrow to re-arm
         */
        public AlertRule build() {
            if (target == null) {
                throw new IllegalArgumentException(
                        "rule " + name + ": no symbol or pair (symbol(...) or pair(...))");
            }
            if (condition == null) {
                throw new IllegalArgumentException(
                        "rule " + name + ": no condition (when(...) or outside(...))");
            }
            if (!condition.isLevel() && hysteresis != 0) {
                throw new IllegalArgumentException(
                        "rule "
                                + name
                                + ": hysteresis applies to ABOVE, BELOW and OUTSIDE only, not "
                                + condition);
            }
            if (condition == AlertCondition.OUTSIDE && lower + hysteresis > upper - hysteresis) {
                throw new IllegalArgumentException(
                        "rule "
                                + name
                                + ": hysteresis "
                                + hysteresis
                                + " is more than half the band ["
                                + lower
                                + ", "
                                + upper
                                + "]: the rule could never re-arm");
            }
            if (condition != AlertCondition.OUTSIDE) {
                lower = condition == AlertCondition.ABOVE ? Double.NaN : threshold;
                upper = condition == AlertCondition.BELOW ? Double.NaN : threshold;
            }
            return new AlertRule(this);
        }
    }
}
