package org.quantstream.core.io.internal;

import java.nio.charset.StandardCharsets;
import org.quantstream.core.tick.Symbol;

/**
 * Symbols by the bytes of their name, so a decoder finds a known symbol without creating a String:
 * the last symbol found is compared first (a stream repeats its symbol), then open addressing over
 * (hash, name bytes). Shared by the live decoder and the file readers. Not thread-safe; allocates
 * only for a name it has not seen.
 */
public final class SymbolCache {
    private byte[][] names = new byte[64][];
    private Symbol[] symbols = new Symbol[64];
    private int[] hashes = new int[64];
    private int size;
    private byte[] lastName;
    private Symbol lastSymbol;

    /**
     * The symbol named by {@code buf[s..e)} (ASCII), as {@link Symbol#of} would give it.
     *
     * @param buf the bytes
     * @param s the first byte of the name
     * @param e one past its last byte
     * @return the symbol, or null if it is not a valid name
     */
    public Symbol lookup(byte[] buf, int s, int e) {
        if (lastName != null && matches(lastName, buf, s, e)) {
            return lastSymbol;
        }
        int h = 1;
        for (int i = s; i < e; i++) {
            h = 31 * h + buf[i];
        }
        int mask = names.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            byte[] n = names[slot];
            if (n == null) {
                break;
            }
            if (hashes[slot] == h && matches(n, buf, s, e)) {
                lastName = n;
                lastSymbol = symbols[slot];
                return lastSymbol;
            }
        }
        String name = new String(buf, s, e - s, StandardCharsets.US_ASCII);
        if (!Symbol.isValidName(name)) {
            return null;
        }
        Symbol sym = Symbol.of(name);
        byte[] bytes = java.util.Arrays.copyOfRange(buf, s, e);
        insert(h, bytes, sym);
        lastName = bytes;
        lastSymbol = sym;
        return sym;
    }

    private static boolean matches(byte[] n, byte[] buf, int s, int e) {
        if (n.length != e - s) {
            return false;
        }
        for (int i = 0; i < n.length; i++) {
            if (n[i] != buf[s + i]) {
                return false;
            }
        }
        return true;
    }

    private void insert(int h, byte[] name, Symbol sym) {
        if ((size + 1) * 2 > names.length) {
            byte[][] on = names;
            Symbol[] os = symbols;
            int[] oh = hashes;
            names = new byte[on.length * 2][];
            symbols = new Symbol[on.length * 2];
            hashes = new int[on.length * 2];
            size = 0;
            for (int i = 0; i < on.length; i++) {
                if (on[i] != null) {
                    insert(oh[i], on[i], os[i]);
                }
            }
        }
        int mask = names.length - 1;
        int slot = h & mask;
        while (names[slot] != null) {
            slot = (slot + 1) & mask;
        }
        names[slot] = name;
        symbols[slot] = sym;
        hashes[slot] = h;
        size++;
    }
}
