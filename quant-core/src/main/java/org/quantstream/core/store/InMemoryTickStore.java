package org.quantstream.core.store;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickView;
import org.quantstream.core.util.Args;

/**
 * A {@link TickStore} on the heap: growable primitive columns, for tests, backtests and short
 * sessions. Nothing survives the JVM.
 *
 * <p>Thread-safe for one writer and any number of cursor threads: appends publish through a
 * volatile count, and cursors read only records below the count they saw. Appends allocate only
 * when a column grows (doubling). A time-bounded cursor finds its first record by binary search
 * over the running maximum of event times, then filters; records are returned in append order.
 */
public final class InMemoryTickStore implements TickStore {
    private static final Side[] SIDES = Side.values();

    private final boolean dedupe;
    private final Appender appender = new Appender();
    private final Object growLock = new Object();

    private volatile Columns columns;
    private volatile int count;
    private volatile boolean closed;
    private long[] lastIdBySymbol = new long[16];

    /** Creates an empty store with dedupe on. */
    public InMemoryTickStore() {
        this(true);
    }

    /**
     * Creates an empty store.
     *
     * @param dedupe whether to skip ticks whose trade id is not newer than the symbol's last stored
     *     id
     */
    public InMemoryTickStore(boolean dedupe) {
        this(dedupe, 1024);
    }

    /**
     * Creates an empty store sized for a number of ticks, so that appends up to it never grow a
     * column.
     *
     * @param dedupe whether to skip ticks whose trade id is not newer than the symbol's last stored
     *     id
     * @param initialCapacity ticks the columns hold before they first grow
     * @throws IllegalArgumentException if {@code initialCapacity < 1}
     */
    public InMemoryTickStore(boolean dedupe, int initialCapacity) {
        this.dedupe = dedupe;
        this.columns = new Columns((int) Args.positive(initialCapacity, "initialCapacity"));
        Arrays.fill(lastIdBySymbol, NO_TRADE_ID);
    }

    @Override
    public TickAppender appender() {
        checkOpen();
        return appender;
    }

    @Override
    public TickCursor cursor() {
        checkOpen();
        return new Cursor(0, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public TickCursor cursor(long fromNanos, long toNanos) {
        checkOpen();
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException(
                    "toNanos must be >= fromNanos (" + fromNanos + "), was " + toNanos);
        }
        Columns c = columns;
        int n = count;
        int lo = 0;
        int hi = n;
        while (lo < hi) { // first index whose running max event time >= fromNanos
            int mid = (lo + hi) >>> 1;
            if (c.maxTime[mid] < fromNanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return new Cursor(lo, fromNanos, toNanos);
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public synchronized long lastTradeId(Symbol symbol) {
        int id = symbol.id();
        return id < lastIdBySymbol.length ? lastIdBySymbol[id] : NO_TRADE_ID;
    }

    @Override
    public Set<Symbol> symbols() {
        Set<Symbol> out = new TreeSet<>();
        synchronized (this) {
            for (int i = 0; i < lastIdBySymbol.length; i++) {
                if (lastIdBySymbol[i] != NO_TRADE_ID) {
                    out.add(Symbol.byId(i));
                }
            }
        }
        return Set.copyOf(out);
    }

    /**
     * Removes every record and forgets every symbol's last trade id, keeping the allocated columns:
     * a store reused between backtest runs allocates nothing. Only while no cursor is in use and
     * the writer is idle.
     */
    public void clear() {
        synchronized (this) {
            Arrays.fill(lastIdBySymbol, NO_TRADE_ID);
        }
        count = 0;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    private static final class Columns {
        final int[] symbol;
        final long[] eventTime;
        final long[] maxTime;
        final long[] receiveTime;
        final long[] tradeId;
        final double[] price;
        final double[] quantity;
        final byte[] side;

        Columns(int capacity) {
            symbol = new int[capacity];
            eventTime = new long[capacity];
            maxTime = new long[capacity];
            receiveTime = new long[capacity];
            tradeId = new long[capacity];
            price = new double[capacity];
            quantity = new double[capacity];
            side = new byte[capacity];
        }

        Columns grow(int n) {
            Columns g = new Columns(symbol.length * 2);
            System.arraycopy(symbol, 0, g.symbol, 0, n);
            System.arraycopy(eventTime, 0, g.eventTime, 0, n);
            System.arraycopy(maxTime, 0, g.maxTime, 0, n);
            System.arraycopy(receiveTime, 0, g.receiveTime, 0, n);
            System.arraycopy(tradeId, 0, g.tradeId, 0, n);
            System.arraycopy(price, 0, g.price, 0, n);
            System.arraycopy(quantity, 0, g.quantity, 0, n);
            System.arraycopy(side, 0, g.side, 0, n);
            return g;
        }
    }

    private final class Appender implements TickAppender {
        private long duplicates;

        @Override
        public boolean append(TickView tick) {
            checkOpen();
            Symbol symbol = tick.symbol();
            if (symbol == null) {
                throw new IllegalArgumentException("tick.symbol must not be null");
            }
            if (tick.tradeId() < 0) {
                throw new IllegalArgumentException(
                        "tick.tradeId must be >= 0, was " + tick.tradeId());
            }
            int sid = symbol.id();
            synchronized (InMemoryTickStore.this) {
                if (sid >= lastIdBySymbol.length) {
                    int old = lastIdBySymbol.length;
                    lastIdBySymbol = Arrays.copyOf(lastIdBySymbol, Math.max(sid + 1, old * 2));
                    Arrays.fill(lastIdBySymbol, old, lastIdBySymbol.length, NO_TRADE_ID);
                }
                long last = lastIdBySymbol[sid];
                if (dedupe && tick.tradeId() <= last) {
                    duplicates++;
                    return false;
                }
                lastIdBySymbol[sid] = Math.max(last, tick.tradeId());
            }
            int n = count;
            Columns c = columns;
            if (n == c.symbol.length) {
                synchronized (growLock) {
                    c = c.grow(n);
                    columns = c;
                }
            }
            long t = tick.eventTimeNanos();
            c.symbol[n] = sid;
            c.eventTime[n] = t;
            c.maxTime[n] = n == 0 ? t : Math.max(c.maxTime[n - 1], t);
            c.receiveTime[n] = tick.receiveTimeNanos();
            c.tradeId[n] = tick.tradeId();
            c.price[n] = tick.price();
            c.quantity[n] = tick.quantity();
            c.side[n] = (byte) tick.aggressor().ordinal();
            count = n + 1; // volatile write publishes the record
            return true;
        }

        @Override
        public long duplicates() {
            return duplicates;
        }
    }

    private final class Cursor implements TickCursor {
        private final long fromNanos;
        private final long toNanos;
        private int position;

        Cursor(int start, long fromNanos, long toNanos) {
            this.position = start;
            this.fromNanos = fromNanos;
            this.toNanos = toNanos;
        }

        @Override
        public boolean next(MutableTick into) {
            int n = count; // volatile read first: every record below n is visible
            Columns c = columns;
            while (position < n) {
                int i = position++;
                long t = c.eventTime[i];
                if (t >= fromNanos && t < toNanos) {
                    into.set(
                            Symbol.byId(c.symbol[i]),
                            t,
                            c.receiveTime[i],
                            c.tradeId[i],
                            c.price[i],
                            c.quantity[i],
                            SIDES[c.side[i]]);
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            position = Integer.MAX_VALUE;
        }
    }
}
