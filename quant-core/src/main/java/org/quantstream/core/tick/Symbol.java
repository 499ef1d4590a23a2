package org.quantstream.core.tick;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An instrument name, interned: one instance per upper-case name in a JVM, so symbols compare with
 * {@code ==} and carry a small dense integer {@link #id()} for array-indexed per-symbol state on
 * hot paths.
 *
 * <p>Names are upper-cased ({@code "btcusdt"} and {@code "BTCUSDT"} are the same symbol) and must
 * match {@code [A-Z0-9][A-Z0-9._-]{0,31}}. Ids are given in order of first use, starting at 0; they
 * are stable for the life of the JVM only (a store persists its own name dictionary).
 *
 * <p>Thread-safe. {@link #of(String)} allocates only the first time a name is seen.
 */
public final class Symbol implements Comparable<Symbol> {
    private static final ConcurrentHashMap<String, Symbol> BY_NAME = new ConcurrentHashMap<>();
    private static final Object REGISTER_LOCK = new Object();
    private static volatile Symbol[] byId = new Symbol[64];
    private static int registered;
    private static final int MAX_LENGTH = 32;

    private final String name;
    private final int id;

    private Symbol(String name, int id) {
        this.name = name;
        this.id = id;
    }

    /**
     * Returns the symbol with this name, creating it on first use.
     *
     * @param name the instrument name, any case
     * @return the interned symbol
     * @throws IllegalArgumentException if the name is null, empty, longer than 32 characters or has
     *     a character other than letters, digits, '.', '_' or '-'
     */
    public static Symbol of(String name) {
        Symbol existing = name == null ? null : BY_NAME.get(name);
        if (existing != null) {
            return existing;
        }
        if (!isValidName(name)) {
            throw new IllegalArgumentException(
                    "symbol must be 1 to "
                            + MAX_LENGTH
                            + " letters, digits, '.', '_' or '-', was "
                            + (name == null ? "null" : '"' + name + '"'));
        }
        String upper = name.toUpperCase(Locale.ROOT);
        Symbol symbol = BY_NAME.computeIfAbsent(upper, Symbol::register);
        if (!upper.equals(name)) {
            BY_NAME.putIfAbsent(
                    name, symbol); // later look-ups of this spelling skip the upper-casing
        }
        return symbol;
    }

    /**
     * Returns the symbol with the given id. Lock-free and allocation-free.
     *
     * @param id an id returned by {@link #id()}
     * @return the symbol
     * @throws IllegalArgumentException if no symbol has that id
     */
    public static Symbol byId(int id) {
        Symbol[] table = byId;
        Symbol s = id >= 0 && id < table.length ? table[id] : null;
        if (s == null) {
            throw new IllegalArgumentException("no symbol has id " + id);
        }
        return s;
    }

    /**
     * Whether a string is a valid symbol name.
     *
     * @param name the candidate
     * @return true if {@link #of(String)} would accept it
     */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || (i > 0 && (c == '.' || c == '_' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Symbol register(String upper) {
        synchronized (REGISTER_LOCK) {
            Symbol s = new Symbol(upper, registered);
            Symbol[] table = byId;
            if (registered == table.length) {
                table = Arrays.copyOf(table, table.length * 2);
            }
            table[registered++] = s;
            byId = table; // volatile write publishes the new entry to lock-free readers
            return s;
        }
    }

    /**
     * The upper-case name.
     *
     * @return the name, such as {@code "BTCUSDT"}
     */
    public String name() {
        return name;
    }

    /**
     * A small dense integer, unique in this JVM, for array-indexed per-symbol state.
     *
     * @return the id, {@code >= 0}
     */
    public int id() {
        return id;
    }

    @Override
    public int compareTo(Symbol other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
