package org.quantstream.core.stats;

/**
 * The minimum or maximum of the last {@code window} values with a monotonic deque: each value
 * enters and leaves the deque once, so an update is O(1) amortised. Use {@link #min(int)} or {@link
 * #max(int)}.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingExtreme extends AbstractUnivariate {
    private final int window;
    private final boolean max;
    private final double[] values;
    private final long[] seqs;
    private int head;
    private int size;
    private long seq;

    private RollingExtreme(int window, boolean max) {
        this.window = checkWindow(window);
        this.max = max;
        this.values = new double[window];
        this.seqs = new long[window];
    }

    /**
     * The rolling minimum.
     *
     * @param window values in the window, at least 1
     * @return the operator
     */
    public static RollingExtreme min(int window) {
        return new RollingExtreme(window, false);
    }

    /**
     * The rolling maximum.
     *
     * @param window values in the window, at least 1
     * @return the operator
     */
    public static RollingExtreme max(int window) {
        return new RollingExtreme(window, true);
    }

    @Override
    void accept(double x) {
        long s = seq++;
        // drop the front if it left the window
        if (size > 0 && seqs[head] <= s - window) {
            head = head + 1 == window ? 0 : head + 1;
            size--;
        }
        // drop from the back every value the new one dominates
        while (size > 0) {
            int back = (head + size - 1) % window;
            double b = values[back];
            if (max ? b <= x : b >= x) {
                size--;
            } else {
                break;
            }
        }
        int slot = (head + size) % window;
        values[slot] = x;
        seqs[slot] = s;
        size++;
    }

    @Override
    void clear() {
        head = 0;
        size = 0;
        seq = 0;
    }

    @Override
    public double value() {
        return isReady() ? values[head] : Double.NaN;
    }

    @Override
    public boolean isReady() {
        return seq >= window;
    }
}
