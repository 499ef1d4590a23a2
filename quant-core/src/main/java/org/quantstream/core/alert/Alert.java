package org.quantstream.core.alert;

/**
 * One delivered alert: a rule's condition met by a value (SPEC §14). Immutable.
 *
 * @param rule the rule's name
 * @param target what the value belongs to: a symbol ({@code BTCUSDT}) or a pair ({@code
 *     BTCUSDT/ETHUSDT})
 * @param metric the metric watched ({@code zScore}, {@code close}, ...)
 * @param condition the condition met
 * @param lower the rule's lower bound (the threshold for BELOW and the crossings; NaN for ABOVE)
 * @param upper the rule's upper bound (the threshold for ABOVE and the crossings; NaN for BELOW)
 * @param value the value that met it
 * @param previous the metric's previous non-NaN value (NaN for the first)
 * @param eventTimeNanos the value's event time, epoch ns
 */
public record Alert(
        String rule,
        String target,
        String metric,
        AlertCondition condition,
        double lower,
        double upper,
        double value,
        double previous,
        long eventTimeNanos) {}
