package org.quantstream.core.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on a thread of its own: used for gzip and zip files, whose inflation costs
 * about as much per line as parsing it, so that inflating and parsing run on two cores. A small
 * fixed set of buffers goes round between the two threads (no allocation after the start); the
 * reader thread stops at the end of the data, at an error (handed to the consumer at the point
 * where it occurred) or when the stream is closed. Not thread-safe for consumers: one reader.
 */
final class ReadAheadInput extends InputStream {
    private static final int BUFFERS = 4;
    private static final int SIZE = 1 << 16;

    /** A buffer and how much of it is data; {@code n < 0}: the end (or an error). */
    private static final class Chunk {
        final byte[] data = new byte[SIZE];
        int n;
        IOException error;
        RuntimeException failure;
    }

    private final InputStream in;
    private final byte[] one = new byte[1];
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread thread;
    private Chunk current;
    private int pos;
    private boolean ended;
    private volatile boolean closed;

    ReadAheadInput(InputStream in, String name) {
        this.in = in;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new Chunk());
        }
        thread = new Thread(this::fill, "read-ahead " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void fill() {
        try {
            while (!closed) {
                Chunk c = take();
                int n = 0;
                boolean end = false;
                IOException error = null;
                RuntimeException failure = null;
                try {
                    // fill the buffer, so that the hand-offs stay few
                    while (n < SIZE) {
                        int k = in.read(c.data, n, SIZE - n);
                        if (k < 0) {
                            end = true;
                            break;
                        }
                        n += k;
                    }
                } catch (IOException e) {
                    error = e;
                } catch (RuntimeException e) {
                    failure = e;
                }
                if (n > 0) {
                    // the data before an error first, as a reader on the same thread would see it
                    c.n = n;
                    full.put(c);
                    if (!end && error == null && failure == null) {
                        continue;
                    }
                    c = take();
                }
                c.n = -1;
                c.error = error;
                c.failure = failure;
                full.put(c);
                return;
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private Chunk take() throws InterruptedException {
        Chunk c = free.take();
        c.error = null;
        c.failure = null;
        return c;
    }

    /** The stream read ahead. */
    InputStream source() {
        return in;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (current == null || pos == current.n) {
            if (ended) {
                return -1;
            }
            if (current != null) {
                free.add(current);
            }
            try {
                current = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            }
            pos = 0;
            if (current.n < 0) {
                ended = true;
                Chunk c = current;
                current = null;
                if (c.error != null) {
                    throw c.error;
                }
                if (c.failure != null) {
                    throw c.failure;
                }
                return -1;
            }
        }
        int k = Math.min(len, current.n - pos);
        System.arraycopy(current.data, pos, b, off, k);
        pos += k;
        return k;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        in.close();
    }
}
