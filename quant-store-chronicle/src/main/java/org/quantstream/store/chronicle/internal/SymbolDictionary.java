package org.quantstream.store.chronicle.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quantstream.core.tick.Symbol;

/**
 * The store's symbol names, persisted one per line in {@code symbols.txt} beside the queue: line i
 * is local id i. A new name is written and forced to disk before any record uses its id, so a crash
 * never leaves a record whose symbol is unknown; a torn last line (no newline) is ignored.
 * Thread-safe.
 */
public final class SymbolDictionary {
    /** The largest number of symbols a store holds (ids are 2 bytes). */
    public static final int MAX = 32_767;

    /** The dictionary's file name in the store directory. */
    public static final String FILE = "symbols.txt";

    private final Path file;
    private final boolean writable;
    private volatile Symbol[] byLocal = new Symbol[0];
    private int[] localBySymbolId = new int[0];

    /**
     * Loads the dictionary.
     *
     * @param dir the store directory
     * @param writable whether new symbols may be added
     */
    public SymbolDictionary(Path dir, boolean writable) {
        this.file = dir.resolve(FILE);
        this.writable = writable;
        reload();
    }

    /** Re-reads the file (a reader does this when it meets an id it does not know). */
    public synchronized void reload() {
        List<Symbol> names = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int start = 0;
                int nl;
                while ((nl = text.indexOf('\n', start)) >= 0) {
                    names.add(Symbol.of(text.substring(start, nl)));
                    start = nl + 1;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        Symbol[] table = names.toArray(new Symbol[0]);
        for (int i = 0; i < table.length; i++) {
            index(table[i], i);
        }
        byLocal = table;
    }

    private void index(Symbol s, int local) {
        if (s.id() >= localBySymbolId.length) {
            int old = localBySymbolId.length;
            localBySymbolId = Arrays.copyOf(localBySymbolId, Math.max(s.id() + 1, old * 2 + 8));
            Arrays.fill(localBySymbolId, old, localBySymbolId.length, -1);
        }
        localBySymbolId[s.id()] = local;
    }

    /**
     * The local id of a symbol, adding it (durably) if new. Allocation-free for a known symbol.
     *
     * @param s the symbol
     * @return the local id
     */
    public int localId(Symbol s) {
        int[] table = localBySymbolId;
        int id = s.id();
        if (id < table.length && table[id] >= 0) {
            return table[id];
        }
        return add(s);
    }

    private synchronized int add(Symbol s) {
        if (s.id() < localBySymbolId.length && localBySymbolId[s.id()] >= 0) {
            return localBySymbolId[s.id()];
        }
        if (!writable) {
            throw new IllegalStateException("the store is read-only; cannot add symbol " + s);
        }
        Symbol[] table = byLocal;
        if (table.length >= MAX) {
            throw new IllegalStateException("the store holds the maximum of " + MAX + " symbols");
        }
        try (FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((s.name() + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        Symbol[] grown = Arrays.copyOf(table, table.length + 1);
        grown[table.length] = s;
        index(s, table.length);
        byLocal = grown;
        return table.length;
    }

    /**
     * The symbol of a local id.
     *
     * @param local the id from a record
     * @return the symbol
     * @throws IllegalStateException if the id is unknown even after a reload
     */
    public Symbol symbol(int local) {
        Symbol[] table = byLocal;
        if (local >= 0 && local < table.length) {
            return table[local];
        }
        reload();
        table = byLocal;
        if (local >= 0 && local < table.length) {
            return table[local];
        }
        throw new IllegalStateException("record names symbol id " + local + ", unknown to " + file);
    }

    /**
     * Every symbol.
     *
     * @return the symbols by local id
     */
    public List<Symbol> all() {
        return List.of(byLocal);
    }
}
