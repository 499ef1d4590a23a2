package org.quantstream.core.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.quantstream.core.tick.MutableTick;

/**
 * Reads lines of bytes with a length limit, in constant memory and without a {@code String} per
 * line: {@link #next()} exposes each line in place ({@link #buffer()}, {@link #start()}, {@link
 * #end()}) until the next call. A line longer than the limit is consumed to its end and reported as
 * {@link #tooLong()} instead of being kept (a file of zeros or a gzip bomb holding one 3 GB line
 * ended in OutOfMemoryError with {@code BufferedReader.readLine}). Lines end at {@code \n}, {@code
 * \r\n} or {@code \r}, as {@code BufferedReader.readLine}. Not thread-safe.
 */
public final class LineReader implements AutoCloseable {
    /** The default limit: 1 MiB. */
    public static final int DEFAULT_MAX = 1 << 20;

    /** Returned by {@link #line()} for a line longer than the limit (compare by identity). */
    public static final String TOO_LONG = new String("(line too long)");

    private static final int INITIAL = 1 << 16;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final int max;
    private byte[] buf = new byte[INITIAL];
    private int pos;
    private int lim;
    private int lineStart;
    private int lineEnd;
    private boolean tooLong;
    private boolean skipLf;
    private boolean discarding;
    private boolean eof;

    /**
     * Wraps a stream of bytes (UTF-8 text).
     *
     * @param in the bytes; closed with this reader
     * @param max the longest line returned, in bytes
     */
    public LineReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    /**
     * The limit.
     *
     * @return the longest line returned, in bytes
     */
    public int max() {
        return max;
    }

    /**
     * Moves to the next line.
     *
     * @return false at the end of the input
     * @throws IOException if reading fails
     */
    public boolean next() throws IOException {
        tooLong = false;
        int scan = pos;
        while (true) {
            if (skipLf && scan < lim) {
                skipLf = false;
                if (buf[scan] == '\n') {
                    scan++;
                    pos = scan;
                }
            }
            byte[] b = buf;
            int l = lim;
            int i = endOfLine(b, scan, l);
            if (i < l) {
                skipLf = b[i] == '\r';
                if (discarding) {
                    // the end of a line already reported as too long
                    discarding = false;
                    pos = i + 1;
                    scan = pos;
                    continue;
                }
                if (i - pos > max) {
                    return reportTooLong(i + 1);
                }
                lineStart = pos;
                lineEnd = i;
                pos = i + 1;
                return true;
            }
            if (discarding) {
                pos = l;
            } else if (l - pos > max) {
                // reported at once, so that a strict reader stops here (a file of zeros has no
                // end of line); the rest of the line is skipped by the next call
                discarding = true;
                return reportTooLong(l);
            }
            scan = fill(i);
            if (scan < 0) {
                if (pos < lim && !discarding) {
                    lineStart = pos;
                    lineEnd = lim;
                    pos = lim;
                    return true;
                }
                pos = lim;
                discarding = false;
                return false;
            }
        }
    }

    /**
     * The first {@code \n} or {@code \r} in {@code b[i..l)}, or {@code l}: eight bytes at a time
     * (SWAR: a byte equal to the terminator is a zero byte of the XOR, found with the classic
     * has-zero-byte expression; the lowest flagged byte is exact).
     */
    private static int endOfLine(byte[] b, int i, int l) {
        for (; i + 8 <= l; i += 8) {
            long v = (long) LONG_LE.get(b, i);
            long lf = v ^ LFS;
            long cr = v ^ CRS;
            long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (i < l && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i;
    }

    /**
     * Moves to the next line if the parser takes it where it lies ({@link LineParser#parseLineAt}):
     * the line's end is found by the parser in the same pass that reads it. When the parser
     * declines (a line of another shape, or one not wholly in the buffer yet), nothing changes and
     * {@link #next()} reads the line.
     *
     * @param parser the parser
     * @param into filled with the trade when the method returns true
     * @return true if the parser took the next line
     */
    public boolean nextParsed(LineParser parser, MutableTick into) {
        if (discarding) {
            return false;
        }
        int p = pos;
        if (skipLf) {
            // the previous line ended with \r: a \n right after it belongs to it
            if (p >= lim) {
                return false;
            }
            if (buf[p] == '\n') {
                p++;
            }
        }
        int t = parser.parseLineAt(buf, p, lim, into);
        if (t < 0) {
            return false;
        }
        skipLf = buf[t] == '\r';
        tooLong = false;
        lineStart = p;
        lineEnd = t;
        pos = t + 1;
        return true;
    }

    private boolean reportTooLong(int newPos) {
        tooLong = true;
        lineStart = pos;
        lineEnd = pos;
        pos = newPos;
        return true;
    }

    /**
     * Keeps the unfinished line at the start of the buffer and reads more after it.
     *
     * @param scanned how far the line was already searched for its end
     * @return where to go on searching, or -1 at the end of the input
     */
    private int fill(int scanned) throws IOException {
        if (eof) {
            return -1;
        }
        int keep = lim - pos;
        int offset = scanned - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
        } else if (keep == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        pos = 0;
        lim = keep;
        int n = in.read(buf, lim, buf.length - lim);
        while (n == 0) {
            n = in.read(buf, lim, buf.length - lim);
        }
        if (n < 0) {
            eof = true;
            return -1;
        }
        lim += n;
        return offset;
    }

    /**
     * Whether the current line was longer than the limit (its bytes are not kept).
     *
     * @return true if too long
     */
    public boolean tooLong() {
        return tooLong;
    }

    /**
     * The buffer holding the current line; valid until the next call.
     *
     * @return the bytes
     */
    public byte[] buffer() {
        return buf;
    }

    /**
     * Where the current line starts in {@link #buffer()}.
     *
     * @return the index of its first byte
     */
    public int start() {
        return lineStart;
    }

    /**
     * Where the current line ends in {@link #buffer()}, without its terminator.
     *
     * @return one past its last byte
     */
    public int end() {
        return lineEnd;
    }

    /**
     * The current line as text (UTF-8; malformed bytes become U+FFFD).
     *
     * @return the line, or {@link #TOO_LONG}
     */
    public String line() {
        return tooLong
                ? TOO_LONG
                : new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /**
     * What the stream inflates (see {@link TextFiles#compression}), for error messages.
     *
     * @return {@code "gzip"}, {@code "zip"}, or null
     */
    public String compression() {
        return TextFiles.compression(in);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
