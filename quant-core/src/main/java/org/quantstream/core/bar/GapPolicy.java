package org.quantstream.core.bar;

/** What a time-bar aggregator emits for an interval without trades. */
public enum GapPolicy {
    /** Nothing: the interval has no bar (pandas {@code resample} with empty bins dropped). */
    SKIP,
    /** A {@link BarView#SYNTHETIC} bar with O=H=L=C = the previous close and zero volume. */
    FLAT_FILL
}
