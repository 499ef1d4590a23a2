package org.quantstream.core.io.internal;

import static org.quantstream.core.io.internal.AsciiNumbers.LONG_POW10;
import static org.quantstream.core.io.internal.AsciiNumbers.POW10;
import static org.quantstream.core.io.internal.AsciiNumbers.ZEROS;
import static org.quantstream.core.io.internal.AsciiNumbers.load;
import static org.quantstream.core.io.internal.AsciiNumbers.nonDigits;
import static org.quantstream.core.io.internal.AsciiNumbers.swarValue;
import static org.quantstream.core.io.internal.AsciiNumbers.value;

/**
 * Reads the fields of a comma-separated line of numbers left to right, finding each field's end
 * from the same two 8-byte loads that convert it: the bytes that are not digits are flagged at
 * once, and the first one (or the second, after a decimal point) is the delimiter. One pass over
 * the line, with no separate search for the line's end or its commas.
 *
 * <p>Only the plain shape is taken: an integer of 1 to 18 digits, a decimal of at most 15 bytes
 * with digits on both sides of its point (or none), {@code true} / {@code false}. Anything else
 * answers "not this shape" (-1 or NaN) and the caller leaves the line to the general parser. The
 * cursor may be anywhere after a refusal. The loads read up to {@value #SPAN} bytes past the line's
 * start for a line of seven fields: the caller checks that the buffer holds them (bytes past the
 * valid data are read but never taken: the line must end at a terminator before the limit). Not
 * thread-safe; allocates nothing.
 */
final class CsvCursor {
    /** Bytes past a line's start the loads of up to seven fields may read. */
    static final int SPAN = 7 * 19 + 24;

    /** "true", little-endian. */
    private static final int TRUE = 't' | 'r' << 8 | 'u' << 16 | 'e' << 24;

    /** "false", little-endian, in the low five bytes. */
    private static final long FALSE = 'f' | 'a' << 8 | 'l' << 16 | 's' << 24 | (long) 'e' << 32;

    private static final long FIVE_BYTES = 0xFF_FFFF_FFFFL;

    /** Where the next field starts. */
    int at;

    /**
     * An integer field of 1 to 18 digits followed by a comma.
     *
     * @param b the bytes
     * @return its value (the cursor moves past the comma), or -1
     */
    long digits(byte[] b) {
        int i = at;
        long x0 = load(b, i) ^ ZEROS;
        long x1 = load(b, i + 8) ^ ZEROS;
        int k = firstFlagged(nonDigits(x0), nonDigits(x1));
        long v;
        if (k == 0) {
            return -1;
        } else if (k <= 8) {
            v = swarValue(x0, k);
        } else if (k < 16) {
            v = swarValue(x0, 8) * LONG_POW10[k - 8] + value(x1, k - 8);
        } else {
            // 16 digits or more: microseconds, nanoseconds
            long x2 = load(b, i + 16) ^ ZEROS;
            long f2 = nonDigits(x2);
            k = 16 + (Long.numberOfTrailingZeros(f2) >>> 3);
            if (k > 18) {
                return -1;
            }
            v =
                    (swarValue(x0, 8) * LONG_POW10[8] + swarValue(x1, 8)) * LONG_POW10[k - 16]
                            + value(x2, k - 16);
        }
        if (b[i + k] != ',') {
            return -1;
        }
        at = i + k + 1;
        return v;
    }

    /**
     * A decimal field ({@code 61800.30}, {@code 0.006}, {@code 12}) of at most 15 bytes followed by
     * a comma, converted exactly as {@link Double#parseDouble} does: at most 14 digits form an
     * integer below 2^53 and the power of ten is exact, so one correctly rounded division gives the
     * correctly rounded value (Clinger's fast path).
     *
     * @param b the bytes
     * @return its value (the cursor moves past the comma), or NaN
     */
    double decimal(byte[] b) {
        int i = at;
        long x0 = load(b, i) ^ ZEROS;
        long x1 = load(b, i + 8) ^ ZEROS;
        long f0 = nonDigits(x0);
        long f1 = nonDigits(x1);
        int p = firstFlagged(f0, f1);
        if (p == 0 || p == 16) {
            return Double.NaN;
        }
        byte c = b[i + p];
        if (c == ',') {
            at = i + p + 1;
            return p <= 8
                    ? swarValue(x0, p)
                    : swarValue(x0, 8) * LONG_POW10[p - 8] + value(x1, p - 8);
        }
        if (c != '.') {
            return Double.NaN;
        }
        // the second byte that is not a digit ends the field: the point's flag cleared (in f0 when
        // it is there, else in f1), the first flag left
        int e = firstFlagged(f0 & (f0 - 1), f0 != 0 ? f1 : f1 & (f1 - 1));
        if (e == 16) {
            return Double.NaN;
        }
        int q = e - p - 1;
        if (q == 0 || b[i + e] != ',') {
            return Double.NaN;
        }
        long whole;
        long fraction;
        if (p < 8) {
            whole = swarValue(x0, p);
            int n1 = Math.max(e - 8, 0);
            // (p + 1) << 3 is 64 when the point is the eighth byte: no digit of x0 follows it
            fraction = value(x0 >>> ((p + 1) << 3), q - n1) * LONG_POW10[n1] + value(x1, n1);
        } else {
            whole = swarValue(x0, 8) * LONG_POW10[p - 8] + value(x1, p - 8);
            fraction = swarValue(x1 >>> ((p - 7) << 3), q);
        }
        at = i + e + 1;
        return (whole * LONG_POW10[q] + fraction) / POW10[q];
    }

    /**
     * The position (0 to 15) of the first flagged byte of two words of flags, 16 if none.
     *
     * @param f0 the flags of bytes 0 to 7 (the high bit of each flagged byte)
     * @param f1 the flags of bytes 8 to 15
     */
    private static int firstFlagged(long f0, long f1) {
        return f0 != 0
                ? Long.numberOfTrailingZeros(f0) >>> 3
                : 8 + (Long.numberOfTrailingZeros(f1) >>> 3);
    }

    /**
     * A {@code true} or {@code false} field (the last of a line: no comma taken).
     *
     * @param b the bytes
     * @return 1 or 0 (the cursor moves past it), or -1
     */
    int bool(byte[] b) {
        long w = load(b, at);
        if ((int) w == TRUE) {
            at += 4;
            return 1;
        }
        if ((w & FIVE_BYTES) == FALSE) {
            at += 5;
            return 0;
        }
        return -1;
    }

    /**
     * Whether the cursor is at a line terminator ({@code \n} or {@code \r}) before {@code limit}.
     *
     * @param b the bytes
     * @param limit one past the last valid byte
     * @return true if the line ends there
     */
    boolean atEndOfLine(byte[] b, int limit) {
        int t = at;
        return t < limit && (b[t] == '\n' || b[t] == '\r');
    }
}
