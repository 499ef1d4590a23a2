package org.quantstream.core.pipeline;

import java.util.List;
import org.quantstream.core.alert.AlertEngine;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.op.UnivariateOperator;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.util.Args;

/**
 * One symbol's stage after its bars: the per-symbol operators of a {@link PipelineConfig} fed with
 * each bar of the analysis timeframe (its close, return or log return), each value handed to a
 * {@link MetricListener} and to the alert rules that watch it, then the rules on the bar's own
 * metrics (close, volume, ...). The {@link Pipeline} runs one per symbol; so does each task of the
 * {@code quant-kafka} topology, for the symbols of its partitions.
 *
 * <p>Not thread-safe: confine to one thread. Allocation-free per bar (alerts aside).
 */
public final class SymbolAnalytics {
    private final String name;
    private final String[] opNames;
    private final UnivariateOperator[] ops;
    private final OperatorInput[] inputs;
    private final AlertEngine.Watch[] opWatches;
    private final AlertEngine.SymbolWatch barWatch;
    private final MetricListener metrics;
    private double lastClose = Double.NaN;

    /**
     * A stage with fresh operators.
     *
     * @param symbol the symbol
     * @param config the operators to run
     * @param alerts the engine whose rules on this symbol are watched
     * @param metrics receives every operator value ({@code symbol, operator name, bar open time,
     *     value}); exceptions propagate
     */
    public SymbolAnalytics(
            Symbol symbol, PipelineConfig config, AlertEngine alerts, MetricListener metrics) {
        this.name = Args.notNull(symbol, "symbol").name();
        this.metrics = Args.notNull(metrics, "metrics");
        List<PipelineConfig.OperatorSpec> specs = config.operators();
        int n = specs.size();
        this.opNames = new String[n];
        this.ops = new UnivariateOperator[n];
        this.inputs = new OperatorInput[n];
        this.opWatches = new AlertEngine.Watch[n];
        for (int i = 0; i < n; i++) {
            PipelineConfig.OperatorSpec o = specs.get(i);
            opNames[i] = o.name();
            ops[i] = o.create();
            inputs[i] = o.input();
            opWatches[i] = alerts.watch(name, o.name());
        }
        this.barWatch = alerts.symbol(name);
    }

    /**
     * Feeds a closed bar of the analysis timeframe: updates the operators (the first bar has no
     * return, so operators fed returns start at the second), hands out their values, runs the
     * rules.
     *
     * @param bar the bar; bars in time order
     */
    public void onBar(Bar bar) {
        double close = bar.close();
        double ret = close / lastClose - 1;
        double logRet = Math.log(close / lastClose);
        long t = bar.openTimeNanos();
        for (int i = 0; i < ops.length; i++) {
            double x =
                    switch (inputs[i]) {
                        case CLOSE -> close;
                        case RETURN -> ret;
                        case LOG_RETURN -> logRet;
                    };
            if (Double.isNaN(x)) {
                continue; // the first bar has no return
            }
            ops[i].update(x);
            double v = ops[i].value();
            metrics.onMetric(name, opNames[i], t, v);
            opWatches[i].onValue(t, v);
        }
        barWatch.onBar(bar);
        lastClose = close;
    }
}
