package org.quantstream.core.io.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Numbers read straight from ASCII bytes, without a {@code String}: the fast path of the live
 * decoder and the file readers. Each method accepts only the plain, common shape and answers "not
 * this shape" (NaN or -1) for anything else, so that the caller falls back to the exact, general
 * parser (and its error messages). Stateless; allocates nothing.
 */
public final class AsciiNumbers {
    /** Significant digits that always fit a long. */
    private static final int MAX_DIGITS = 18;

    /** Exact powers of ten: 10^22 is the largest a double holds exactly. */
    static final double[] POW10 = new double[23];

    /** Integer powers of ten up to 10^18. */
    static final long[] LONG_POW10 = new long[MAX_DIGITS + 1];

    /** {@link Long#MAX_VALUE} / 10: a value at or above it overflows with one more digit. */
    private static final long LONG_MAX_TENTH = Long.MAX_VALUE / 10;

    /** The bytes of "00000000", XORed away so that digits become 0..9. */
    static final long ZEROS = 0x3030303030303030L;

    /** The bytes of ",,,,,,,,". */
    static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;

    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;

    /** Added to de-biased bytes: 0..9 stay below 0x80, 10 and above reach it. */
    private static final long ABOVE_NINE = 0x7676767676767676L;

    /** The high bits of the lowest n bytes. */
    private static final long[] HIGH_BYTES = new long[9];

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        long q = 1;
        for (int i = 0; i < LONG_POW10.length; i++) {
            LONG_POW10[i] = q;
            q *= 10;
        }
        for (int n = 1; n <= 8; n++) {
            HIGH_BYTES[n] = HIGHS >>> ((8 - n) << 3);
        }
    }

    private AsciiNumbers() {}

    /**
     * A decimal {@code digits[.digits]} (no sign, no exponent, at least one digit; {@code
     * 61800.30}, {@code 0.006}, {@code .5}, {@code 5.}) converted exactly as {@link
     * Double#parseDouble} does, when its digits without the point form an integer below 2^53 and it
     * has at most 22 digits after the point: then both the integer and the power of ten are exact
     * doubles and one correctly rounded division gives the correctly rounded result (Clinger's fast
     * path). Every price and quantity an exchange writes has this shape.
     *
     * @param b the bytes
     * @param s the first byte
     * @param e one past the last byte
     * @return the value, or NaN if the text is not of that shape (the caller parses it otherwise)
     */
    public static double parseDecimal(byte[] b, int s, int e) {
        int len = e - s;
        return len >= 2 && len <= 16 && s + 16 <= b.length
                ? decimal16(b, s, len)
                : parseLongDecimal(b, s, e);
    }

    /**
     * A decimal of 2 to 16 bytes from two loads, without a branch per byte: the non-digit bytes are
     * flagged at once; none (an integer) or one that is the point.
     */
    private static double decimal16(byte[] b, int s, int len) {
        long x0 = load(b, s) ^ ZEROS;
        long x1 = load(b, s + 8) ^ ZEROS;
        int n0 = Math.min(len, 8);
        int n1 = len - n0;
        long f0 = nonDigits(x0) & HIGH_BYTES[n0];
        long f1 = nonDigits(x1) & HIGH_BYTES[n1];
        long whole;
        long fraction;
        int fractionDigits;
        if ((f0 | f1) == 0) {
            whole = n1 == 0 ? swarValue(x0, n0) : swarValue(x0, 8) * LONG_POW10[n1] + value(x1, n1);
            fraction = 0;
            fractionDigits = 0;
        } else if (f1 == 0 && (f0 & (f0 - 1)) == 0) {
            int p = Long.numberOfTrailingZeros(f0) >>> 3;
            if (b[s + p] != '.') {
                return Double.NaN;
            }
            whole = value(x0, p);
            int inFirst = n0 - p - 1;
            fraction = value(x0 >>> ((p + 1) << 3), inFirst) * LONG_POW10[n1] + value(x1, n1);
            fractionDigits = inFirst + n1;
        } else if (f0 == 0 && (f1 & (f1 - 1)) == 0) {
            int q = Long.numberOfTrailingZeros(f1) >>> 3;
            if (b[s + 8 + q] != '.') {
                return Double.NaN;
            }
            whole = swarValue(x0, 8) * LONG_POW10[q] + value(x1, q);
            fractionDigits = n1 - q - 1;
            fraction = value(x1 >>> ((q + 1) << 3), fractionDigits);
        } else {
            return Double.NaN;
        }
        long m = whole * LONG_POW10[fractionDigits] + fraction;
        if (m >= (1L << 53)) {
            return Double.NaN;
        }
        return fractionDigits == 0 ? m : m / POW10[fractionDigits];
    }

    /**
     * Any other length, or a field near the end of its buffer: digit by digit (also leading zeros
     * past 18 digits, {@code 0.0000000000000000001234}).
     */
    private static double parseLongDecimal(byte[] b, int s, int e) {
        long m = 0;
        int digits = 0;
        int significant = 0;
        int scale = 0;
        boolean dot = false;
        for (int i = s; i < e; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                if (significant == MAX_DIGITS) {
                    return Double.NaN;
                }
                m = m * 10 + (c - '0');
                digits++;
                if (m != 0) {
                    significant++;
                }
                if (dot) {
                    scale++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || m >= (1L << 53) || scale >= POW10.length) {
            return Double.NaN;
        }
        return scale == 0 ? m : m / POW10[scale];
    }

    /**
     * An unsigned decimal integer of 1 to 19 ASCII digits (leading zeros allowed) that fits a long,
     * as {@link Long#parseLong} reads it.
     *
     * @param b the bytes
     * @param s the first byte
     * @param e one past the last byte
     * @return the value, or -1 if the text is not 1 to 19 digits or is above {@link Long#MAX_VALUE}
     */
    public static long parseDigits(byte[] b, int s, int e) {
        int n = e - s;
        if (n <= 0 || n > MAX_DIGITS + 1) {
            return -1;
        }
        if (n <= 16 && s + 16 <= b.length) {
            long x0 = load(b, s) ^ ZEROS;
            long x1 = load(b, s + 8) ^ ZEROS;
            int n0 = Math.min(n, 8);
            int n1 = n - n0;
            if (((nonDigits(x0) & HIGH_BYTES[n0]) | (nonDigits(x1) & HIGH_BYTES[n1])) != 0) {
                return -1;
            }
            return n1 == 0 ? swarValue(x0, n0) : swarValue(x0, 8) * LONG_POW10[n1] + value(x1, n1);
        }
        // 17 to 19 digits, or near the end of the buffer: digit by digit
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || v > LONG_MAX_TENTH || (v == LONG_MAX_TENTH && d > 7)) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * The value of the first {@code n} (1..8) de-biased digit bytes of {@code x}, lowest byte
     * first: shifted to the top (the bytes below become leading zeros), then combined as pairs,
     * quadruples and the whole, each with one multiply (SWAR).
     */
    static long swarValue(long x, int n) {
        long v = x << ((8 - n) << 3);
        v = (v * (10 * 256 + 1)) >>> 8;
        v = ((v & 0x00FF00FF00FF00FFL) * (100 * 65536 + 1)) >>> 16;
        return ((v & 0x0000FFFF0000FFFFL) * (10000L * (1L << 32) + 1)) >>> 32;
    }

    /** {@link #swarValue} that is 0 for no digit. */
    static long value(long x, int n) {
        return n == 0 ? 0 : swarValue(x, n);
    }

    /**
     * The high bit of every de-biased byte that is not a digit, exactly (no carry between bytes).
     */
    static long nonDigits(long x) {
        return (((x & LOWS) + ABOVE_NINE) | x) & HIGHS;
    }

    /**
     * The high bit of every byte of {@code x} that is zero, exactly (no borrow between bytes: each
     * byte's low seven bits are added separately).
     */
    static long zeroBytes(long x) {
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }

    /** One 8-byte little-endian load. */
    static long load(byte[] b, int i) {
        return (long) LONG_LE.get(b, i);
    }
}
