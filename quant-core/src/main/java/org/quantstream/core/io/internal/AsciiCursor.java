package org.quantstream.core.io.internal;

/**
 * Reads the fields of one line of ASCII bytes in a single pass, eight bytes at a time: a run of
 * digits is found and valued with one load and a few multiplies (see {@link AsciiNumbers}), so a
 * CSV line is parsed without first being split at its commas and without a branch per byte. Each
 * read answers "not the plain shape" (-1 or NaN) for anything else, for the caller to fall back to
 * the exact text path. Not thread-safe; allocates nothing.
 */
public final class AsciiCursor {
    private byte[] b;
    private int pos;
    private int end;
    private int count;

    /**
     * Starts on a line.
     *
     * @param bytes the bytes
     * @param start the line's first byte
     * @param end one past its last byte
     * @return this cursor
     */
    public AsciiCursor reset(byte[] bytes, int start, int end) {
        this.b = bytes;
        this.pos = start;
        this.end = end;
        return this;
    }

    /**
     * Where the cursor is.
     *
     * @return the index of the next byte to read
     */
    public int position() {
        return pos;
    }

    /**
     * Consumes one byte if it is {@code c}.
     *
     * @param c the expected byte
     * @return true if it was there (and is consumed)
     */
    public boolean skip(byte c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * An unsigned integer of 1 to 19 digits at the cursor that fits a long (leading zeros allowed,
     * as {@link Long#parseLong}); the cursor moves past its digits.
     *
     * @return the value, or -1 if there is no digit or the value is above {@link Long#MAX_VALUE}
     */
    public long digits() {
        long v = run();
        return count == 0 ? -1 : v;
    }

    /**
     * A decimal {@code digits[.digits]} at the cursor, exactly as {@link Double#parseDouble} when
     * it has at most 18 digits and they form an integer below 2^53 (see {@link
     * AsciiNumbers#parseDecimal}); the cursor moves past it.
     *
     * @return the value, or NaN if there is no such decimal at the cursor
     */
    public double decimal() {
        long whole = run();
        int wholeDigits = count;
        long fraction = 0;
        int fractionDigits = 0;
        if (pos < end && b[pos] == '.') {
            pos++;
            fraction = run();
            fractionDigits = count;
        }
        int total = wholeDigits + fractionDigits;
        if (whole < 0 || fraction < 0 || total == 0 || total > AsciiNumbers.MAX_DIGITS) {
            return Double.NaN;
        }
        long m = whole * AsciiNumbers.LONG_POW10[fractionDigits] + fraction;
        if (m >= (1L << 53)) {
            return Double.NaN;
        }
        return fractionDigits == 0 ? m : m / AsciiNumbers.POW10[fractionDigits];
    }

    private void skipDigits() {
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
    }

    /** The digits at the cursor (count in {@link #count}); -1 past a long. */
    private long run() {
        long v = 0;
        int n = 0;
        while (true) {
            int i = pos;
            int k;
            long chunk;
            if (i + 8 <= b.length) {
                long x = AsciiNumbers.load(b, i) ^ AsciiNumbers.ZEROS;
                k = Math.min(AsciiNumbers.digitRun(x), end - i);
                chunk = k == 0 ? 0 : AsciiNumbers.swarValue(x, k);
            } else {
                k = 0;
                chunk = 0;
                while (k < 8 && i + k < end && b[i + k] >= '0' && b[i + k] <= '9') {
                    chunk = chunk * 10 + (b[i + k] - '0');
                    k++;
                }
            }
            n += k;
            pos = i + k;
            if (n > AsciiNumbers.MAX_DIGITS) {
                // 19 digits fit a long up to Long.MAX_VALUE (epoch nanoseconds have 19)
                if (n > AsciiNumbers.MAX_DIGITS + 1
                        || v > (Long.MAX_VALUE - chunk) / AsciiNumbers.LONG_POW10[k]) {
                    count = n;
                    skipDigits();
                    return -1;
                }
            }
            v = v * AsciiNumbers.LONG_POW10[k] + chunk;
            if (k < 8) {
                count = n;
                return v;
            }
        }
    }
}
