package org.quantstream.feed.binance.internal;

import java.util.Arrays;
import org.quantstream.core.tick.Symbol;

/**
 * A {@code long} per symbol, indexed by {@link Symbol#id()}, -1 for a symbol never set: the last
 * trade id or update id seen. Grows when a symbol with a larger id is set; reads allocate nothing.
 * Not thread-safe; confine to one thread.
 */
public final class SymbolLongs {
    private long[] values = new long[16];

    /** Creates the table with every symbol unset. */
    public SymbolLongs() {
        Arrays.fill(values, -1);
    }

    /**
     * The value of a symbol.
     *
     * @param s the symbol
     * @return its value, or -1 if never set
     */
    public long get(Symbol s) {
        return s.id() < values.length ? values[s.id()] : -1;
    }

    /**
     * Sets the value of a symbol.
     *
     * @param s the symbol
     * @param value the value
     */
    public void set(Symbol s, long value) {
        if (s.id() >= values.length) {
            int old = values.length;
            values = Arrays.copyOf(values, Math.max(s.id() + 1, old * 2));
            Arrays.fill(values, old, values.length, -1);
        }
        values[s.id()] = value;
    }
}
