package org.quantstream.core.alert;

/**
 * What an {@link AlertRule} watches for in a stream of values (SPEC §14). Level conditions are
 * edge-triggered with hysteresis; crossing conditions fire on every crossing of the threshold,
 * judged against the previous non-NaN value.
 */
public enum AlertCondition {
    /** value &gt; threshold; re-arms at value &lt;= threshold - hysteresis. */
    ABOVE(true),
    /** value &lt; threshold; re-arms at value &gt;= threshold + hysteresis. */
    BELOW(true),
    /** value &lt; lower or value &gt; upper; re-arms at lower + h &lt;= value &lt;= upper - h. */
    OUTSIDE(true),
    /** previous &lt;= threshold &lt; value. */
    CROSSES_ABOVE(false),
    /** previous &gt;= threshold &gt; value. */
    CROSSES_BELOW(false),
    /** either crossing. */
    CROSSES(false);

    private final boolean level;

    AlertCondition(boolean level) {
        this.level = level;
    }

    /**
     * Whether this is a level condition (armed, fires once, re-arms with hysteresis) rather than a
     * crossing.
     *
     * @return true for ABOVE, BELOW and OUTSIDE
     */
    public boolean isLevel() {
        return level;
    }
}
