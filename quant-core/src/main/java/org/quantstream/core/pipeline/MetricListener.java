package org.quantstream.core.pipeline;

/**
 * Follows every value a {@link Pipeline} computes: each per-symbol operator's value at each bar,
 * and each metric of each pair snapshot ({@code zScore}, {@code spread}, ...). Called on the
 * pipeline's thread; must not block. Allocation-free on the pipeline's side.
 */
@FunctionalInterface
public interface MetricListener {
    /**
     * A new value.
     *
     * @param target the symbol ({@code BTCUSDT}) or pair ({@code BTCUSDT/ETHUSDT})
     * @param metric the operator's or metric's name
     * @param eventTimeNanos the bar's open time, epoch ns
     * @param value the value (NaN before the operator is ready)
     */
    void onMetric(String target, String metric, long eventTimeNanos, double value);
}
