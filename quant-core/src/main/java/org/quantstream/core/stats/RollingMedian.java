package org.quantstream.core.stats;

/**
 * The median of the last {@code window} values (the mean of the two middle values for an even
 * window, as pandas). Two indexed heaps (a max-heap of the lower half, a min-heap of the upper
 * half) that know where each window slot sits: the evicted value is overwritten in place and
 * sifted, then at most one swap of the heap tops restores the halves. O(log window) per update.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
public final class RollingMedian extends AbstractUnivariate {
    private final int window;
    private final double[] value; // by window slot
    private final int[] where; // by slot: +i+1 in low heap at i, -(i+1) in high heap at i
    private final int[] low; // max-heap of slots
    private final int[] high; // min-heap of slots
    private int lowSize;
    private int highSize;
    private int n;
    private int next;

    /**
     * Creates the operator.
     *
     * @param window values in the window, at least 1
     */
    public RollingMedian(int window) {
        this.window = checkWindow(window);
        this.value = new double[window];
        this.where = new int[window];
        this.low = new int[window];
        this.high = new int[window];
    }

    @Override
    void accept(double x) {
        int slot = next;
        next = next + 1 == window ? 0 : next + 1;
        if (n < window) {
            n++;
            value[slot] = x;
            // insert into the low heap, then restore order and balance
            low[lowSize] = slot;
            where[slot] = lowSize + 1;
            siftUp(true, lowSize++);
            if (highSize > 0 && value[low[0]] > value[high[0]]) {
                swapTops();
            }
            if (lowSize > highSize + 1) {
                moveTop(true);
            } else if (highSize > lowSize) {
                moveTop(false);
            }
            return;
        }
        value[slot] = x;
        int w = where[slot];
        if (w > 0) {
            int i = w - 1;
            siftUp(true, i);
            siftDown(true, where[slot] - 1);
        } else {
            int i = -w - 1;
            siftUp(false, i);
            siftDown(false, -where[slot] - 1);
        }
        if (highSize > 0 && value[low[0]] > value[high[0]]) {
            swapTops();
        }
    }

    private void swapTops() {
        int a = low[0];
        int b = high[0];
        low[0] = b;
        where[b] = 1;
        high[0] = a;
        where[a] = -1;
        siftDown(true, 0);
        siftDown(false, 0);
    }

    /** Moves the top of one heap to the other. */
    private void moveTop(boolean fromLow) {
        int[] from = fromLow ? low : high;
        int top = from[0];
        if (fromLow) {
            low[0] = low[--lowSize];
            where[low[0]] = 1;
            if (lowSize > 0) {
                siftDown(true, 0);
            }
            high[highSize] = top;
            where[top] = -(highSize + 1);
            siftUp(false, highSize++);
        } else {
            high[0] = high[--highSize];
            where[high[0]] = -1;
            if (highSize > 0) {
                siftDown(false, 0);
            }
            low[lowSize] = top;
            where[top] = lowSize + 1;
            siftUp(true, lowSize++);
        }
    }

    /** Whether slot a belongs above slot b in the heap. */
    private boolean before(boolean isLow, int a, int b) {
        return isLow ? value[a] > value[b] : value[a] < value[b];
    }

    private void place(boolean isLow, int i, int slot) {
        if (isLow) {
            low[i] = slot;
            where[slot] = i + 1;
        } else {
            high[i] = slot;
            where[slot] = -(i + 1);
        }
    }

    private void siftUp(boolean isLow, int i) {
        int[] h = isLow ? low : high;
        int slot = h[i];
        while (i > 0) {
            int parent = (i - 1) >> 1;
            if (!before(isLow, slot, h[parent])) {
                break;
            }
            place(isLow, i, h[parent]);
            i = parent;
        }
        place(isLow, i, slot);
    }

    private void siftDown(boolean isLow, int i) {
        int[] h = isLow ? low : high;
        int size = isLow ? lowSize : highSize;
        int slot = h[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(isLow, h[child + 1], h[child])) {
                child++;
            }
            if (!before(isLow, h[child], slot)) {
                break;
            }
            place(isLow, i, h[child]);
            i = child;
        }
        place(isLow, i, slot);
    }

    @Override
    void clear() {
        lowSize = 0;
        highSize = 0;
        n = 0;
        next = 0;
    }

    @Override
    public double value() {
        if (n < window) {
            return Double.NaN;
        }
        return (window & 1) == 1 ? value[low[0]] : (value[low[0]] + value[high[0]]) / 2;
    }

    @Override
    public boolean isReady() {
        return n == window;
    }
}
