package org.quantstream.core.op;

/**
 * The incremental operator contract, after commons-math's storeless statistics: push values in with
 * {@code update}, read the result with {@link #value()}.
 *
 * <ul>
 *   <li>{@link #value()} is NaN until {@link #isReady()} (a rolling operator is ready once its
 *       window is full).
 *   <li>A NaN or infinite input is rejected at the boundary: counted in {@link #rejected()}, state
 *       unchanged (the window does not move).
 *   <li>Updates are O(1) and allocate nothing unless the implementation's javadoc says otherwise.
 * </ul>
 *
 * <p>Operators are not thread-safe: confine each to one thread (the pipeline's).
 */
public interface Operator {
    /**
     * The current result.
     *
     * @return the value, NaN until {@link #isReady()}
     */
    double value();

    /**
     * Whether {@link #value()} is defined.
     *
     * @return true once enough observations were seen
     */
    boolean isReady();

    /**
     * Observations accepted since creation or the last {@link #reset()}.
     *
     * @return the count (for a rolling operator, all accepted, not only those in the window)
     */
    long count();

    /**
     * Inputs refused because they were NaN or infinite.
     *
     * @return the count
     */
    long rejected();

    /** Forgets every observation, as if new. Allocates nothing. */
    void reset();
}
