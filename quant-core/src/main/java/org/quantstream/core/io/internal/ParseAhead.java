package org.quantstream.core.io.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickHandler;
import org.quantstream.core.tick.TickView;

/**
 * Runs a tick source on a thread of its own and hands its ticks to a handler on the calling thread,
 * in order, in batches of {@value #BATCH} passed round a fixed set of buffers (columns of
 * primitives: no allocation per tick). What the source returns, or throws, reaches the caller after
 * every tick delivered before it. Single use.
 *
 * @param <T> what the source returns
 */
public final class ParseAhead<T> {
    /** Ticks per batch. */
    public static final int BATCH = 4096;

    private static final int BATCHES = 4;
    private static final Side[] SIDES = Side.values();

    /**
     * A source of ticks that returns a result when done.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Source<T> {
        /**
         * Pushes every tick to the handler.
         *
         * @param out the handler
         * @return the source's result
         * @throws IOException if reading fails
         */
        T run(TickHandler out) throws IOException;
    }

    private static final class Batch {
        final Symbol[] symbol = new Symbol[BATCH];
        final long[] event = new long[BATCH];
        final long[] receive = new long[BATCH];
        final long[] id = new long[BATCH];
        final double[] price = new double[BATCH];
        final double[] quantity = new double[BATCH];
        final byte[] side = new byte[BATCH];
        int n;
        boolean last;
        Object result;
        Throwable error;
    }

    private final Source<T> source;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private volatile boolean stopped;

    /**
     * Creates the hand-over.
     *
     * @param source what produces the ticks (run on another thread)
     */
    public ParseAhead(Source<T> source) {
        this.source = source;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
    }

    /**
     * Runs the source on another thread and the handler on this one.
     *
     * @param handler receives every tick, in order
     * @return the source's result
     * @throws IOException what the source threw, after the ticks before it
     */
    public T run(TickHandler handler) throws IOException {
        Thread producer = new Thread(this::produce, "parse-ahead");
        producer.setDaemon(true);
        producer.start();
        MutableTick t = new MutableTick();
        try {
            while (true) {
                Batch b = full.take();
                for (int i = 0; i < b.n; i++) {
                    t.set(
                            b.symbol[i],
                            b.event[i],
                            b.receive[i],
                            b.id[i],
                            b.price[i],
                            b.quantity[i],
                            SIDES[b.side[i]]);
                    handler.onTick(t);
                }
                if (b.last) {
                    if (b.error instanceof IOException io) {
                        throw io;
                    }
                    if (b.error instanceof RuntimeException re) {
                        throw re;
                    }
                    if (b.error instanceof Error err) {
                        throw err;
                    }
                    @SuppressWarnings("unchecked") // put there by produce(), from the source
                    T result = (T) b.result;
                    return result;
                }
                java.util.Arrays.fill(b.symbol, 0, b.n, null);
                b.n = 0;
                free.add(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        } finally {
            stopped = true;
            producer.interrupt();
            // its files are closed when this returns
            joinQuietly(producer);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void produce() {
        Batch[] current = new Batch[1];
        try {
            current[0] = free.take();
            Object result =
                    source.run(
                            tick -> {
                                Batch b = current[0];
                                int i = b.n;
                                copy(tick, b, i);
                                b.n = i + 1;
                                if (b.n == BATCH) {
                                    current[0] = handOver(b);
                                }
                            });
            Batch b = current[0];
            b.last = true;
            b.result = result;
            full.put(b);
        } catch (InterruptedException e) {
            // the consumer stopped
        } catch (Throwable e) {
            if (stopped) {
                return;
            }
            Batch b = current[0];
            if (b != null) {
                b.last = true;
                b.error = e instanceof Stop ? e.getCause() : e;
                try {
                    full.put(b);
                } catch (InterruptedException ignored) {
                    // the consumer stopped
                }
            }
        }
    }

    private static void copy(TickView tick, Batch b, int i) {
        b.symbol[i] = tick.symbol();
        b.event[i] = tick.eventTimeNanos();
        b.receive[i] = tick.receiveTimeNanos();
        b.id[i] = tick.tradeId();
        b.price[i] = tick.price();
        b.quantity[i] = tick.quantity();
        b.side[i] = (byte) tick.aggressor().ordinal();
    }

    private Batch handOver(Batch b) {
        try {
            full.put(b);
            return free.take();
        } catch (InterruptedException e) {
            throw new Stop(e);
        }
    }

    /** The consumer stopped while the source was running. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop(InterruptedException e) {
            super(e);
        }
    }
}
