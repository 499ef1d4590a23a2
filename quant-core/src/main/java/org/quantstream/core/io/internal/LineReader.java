package org.quantstream.core.io.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines with a length limit, in constant memory: a line longer than the limit is consumed to
 * its end and reported as {@link #TOO_LONG} instead of being built (a file of zeros or a gzip bomb
 * holding one 3 GB line ended in OutOfMemoryError with {@code BufferedReader.readLine}). Lines end
 * at {@code \n}, {@code \r\n} or {@code \r}, as {@code BufferedReader.readLine}. Not thread-safe.
 */
public final class LineReader implements AutoCloseable {
    /** The default limit: 1 MiB characters. */
    public static final int DEFAULT_MAX = 1 << 20;

    /** Returned for a line longer than the limit (compare by identity). */
    public static final String TOO_LONG = new String("(line too long)");

    private final Reader in;
    private final int max;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private boolean skipLf;
    private boolean discarding;
    private final StringBuilder line = new StringBuilder(256);

    /**
     * Wraps a reader.
     *
     * @param in the characters
     * @param max the longest line returned, in characters
     */
    public LineReader(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /**
     * The limit.
     *
     * @return the longest line returned, in characters
     */
    public int max() {
        return max;
    }

    /**
     * The next line.
     *
     * @return the line without its terminator, {@link #TOO_LONG}, or null at the end
     * @throws IOException if reading fails
     */
    public String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return any && !discarding ? line.toString() : null;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            if (discarding) {
                // the rest of a line already reported as too long
                if (pos < end) {
                    discarding = false;
                    skipLf = buf[pos] == '\r';
                    pos++;
                }
                continue;
            }
            any = true;
            if (line.length() + (pos - start) > max) {
                // reported at once, so that a strict reader stops here (a file of zeros has no end
                // of line); the rest of the line is skipped by the next call
                discarding = true;
                return TOO_LONG;
            }
            line.append(buf, start, pos - start);
            if (pos < end) {
                skipLf = buf[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
