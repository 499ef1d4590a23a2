package org.quantstream.core.io.internal;

/**
 * Checked conversions of text fields, with errors that name the field, its value and its column.
 * Stateless.
 */
public final class Fields {
    /** Epoch values below this are milliseconds (1e14 ms is the year 5138). */
    private static final long MAX_MILLIS = 100_000_000_000_000L;

    /** Epoch values below this (and not millis) are microseconds. */
    private static final long MAX_MICROS = 100_000_000_000_000_000L;

    private Fields() {}

    /**
     * Converts an epoch timestamp in milliseconds, microseconds or nanoseconds, told apart by
     * magnitude, to nanoseconds.
     *
     * @param value the timestamp
     * @return epoch nanoseconds
     */
    public static long epochToNanos(long value) {
        if (value < MAX_MILLIS) {
            return value * 1_000_000L;
        }
        if (value < MAX_MICROS) {
            return value * 1_000L;
        }
        return value;
    }

    /**
     * Parses a non-negative decimal integer.
     *
     * @param text the field
     * @param name the field's name for the message
     * @param column the field's 1-based column
     * @return the value
     * @throws BadLine if the field is not a non-negative integer
     */
    public static long parseId(String text, String name, int column) throws BadLine {
        long v = parseLong(text, name, column);
        if (v < 0) {
            throw new BadLine(column, name + " " + v + " must be >= 0");
        }
        return v;
    }

    /**
     * Parses a decimal integer.
     *
     * @param text the field
     * @param name the field's name for the message
     * @param column the field's 1-based column
     * @return the value
     * @throws BadLine if the field is not an integer
     */
    public static long parseLong(String text, String name, int column) throws BadLine {
        String t = strip(text);
        // ASCII digits with an optional minus only: Long.parseLong also takes '+' and Unicode
        // digits, which no exchange writes
        boolean ok = !t.isEmpty();
        for (int i = 0; ok && i < t.length(); i++) {
            char c = t.charAt(i);
            ok = (c >= '0' && c <= '9') || (c == '-' && i == 0 && t.length() > 1);
        }
        if (ok) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                // out of range: below
            }
        }
        throw new BadLine(column, name + " \"" + text + "\" is not an integer");
    }

    /**
     * Whether text is one or more ASCII digits and nothing else.
     *
     * @param text the text
     * @return true if only digits
     */
    public static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes surrounding spaces and tabs; other control characters stay, so that a check after it
     * refuses them ({@link String#trim} would remove them too).
     *
     * @param text a field
     * @return the field without surrounding spaces and tabs
     */
    public static String strip(String text) {
        int b = 0;
        int e = text.length();
        while (b < e && (text.charAt(b) == ' ' || text.charAt(b) == '\t')) {
            b++;
        }
        while (e > b && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\t')) {
            e--;
        }
        return text.substring(b, e);
    }

    /**
     * Whether text is a plain decimal number as exchanges write it: ASCII digits, at most one
     * point, an optional exponent ({@code 1e-5}), an optional leading minus; no hex, no {@code d}/
     * {@code f} suffix, no {@code NaN}/{@code Infinity} words, no Unicode digits.
     *
     * @param t the text, without surrounding white space
     * @return true if it is a plain decimal
     */
    public static boolean isPlainDecimal(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && t.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            for (; i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9'; i++) {
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * Parses an epoch timestamp in ms, µs or ns (told apart by magnitude) to nanoseconds; the time
     * must lie in [2017-01-01, 2100-01-01), where the three units' ranges do not overlap (seconds
     * and out-of-range values are errors, never a wrong tick).
     *
     * @param text the field
     * @param name the field's name for the message
     * @param column the field's 1-based column
     * @return epoch nanoseconds
     * @throws BadLine if the field is not a positive integer
     */
    public static long parseEpoch(String text, String name, int column) throws BadLine {
        long v = parseLong(text, name, column);
        if (v <= 0) {
            throw new BadLine(column, name + " " + v + " must be > 0");
        }
        long nanos = anyUnitToNanos(v);
        if (nanos < 0) {
            // seconds, or a time out of range in any unit, would become a wrong tick
            throw new BadLine(
                    column,
                    name
                            + " "
                            + v
                            + " is not an epoch time in ms, µs or ns between 2017-01-01 and"
                            + " 2100-01-01");
        }
        return nanos;
    }

    /**
     * Converts an epoch time in ms, µs or ns, told apart by magnitude, to nanoseconds, when it lies
     * in [2017-01-01, 2100-01-01) in one of the three units (their ranges do not overlap).
     *
     * @param v the value
     * @return epoch nanoseconds, or -1 if the value is in none of the three ranges
     */
    public static long anyUnitToNanos(long v) {
        if (v >= MIN_MILLIS && v < END_MILLIS) {
            return v * 1_000_000L;
        }
        if (v >= MIN_MILLIS * 1_000L && v < END_MILLIS * 1_000L) {
            return v * 1_000L;
        }
        if (v >= MIN_MILLIS * 1_000_000L && v < END_MILLIS * 1_000_000L) {
            return v;
        }
        return -1;
    }

    /**
     * Parses an epoch time that must be in nanoseconds (quantstream's own formats), in [2017-01-01,
     * 2100-01-01).
     *
     * @param text the field
     * @param name the field's name for the message
     * @param column the field's 1-based column
     * @return epoch nanoseconds
     * @throws BadLine if the field is not an integer or out of that range
     */
    public static long parseEpochNanos(String text, String name, int column) throws BadLine {
        long v = parseLong(text, name, column);
        if (!isEpochNanos(v)) {
            throw new BadLine(
                    column,
                    name
                            + " "
                            + v
                            + " is not an epoch time in ns between 2017-01-01 and 2100-01-01");
        }
        return v;
    }

    /**
     * Parses a receive time in epoch nanoseconds: 0 (not recorded) or a time in [2017-01-01,
     * 2100-01-01).
     *
     * @param text the field
     * @param name the field's name for the message
     * @param column the field's 1-based column
     * @return epoch nanoseconds, or 0
     * @throws BadLine if the field is not an integer, negative or out of that range
     */
    public static long parseReceiveNanos(String text, String name, int column) throws BadLine {
        long v = parseLong(text, name, column);
        if (v != 0 && !isEpochNanos(v)) {
            throw new BadLine(
                    column,
                    name
                            + " "
                            + v
                            + " is neither 0 (not recorded) nor an epoch time in ns between"
                            + " 2017-01-01 and 2100-01-01");
        }
        return v;
    }

    /**
     * Whether a value is an epoch time in nanoseconds in [2017-01-01, 2100-01-01).
     *
     * @param nanos the value
     * @return true if in range
     */
    public static boolean isEpochNanos(long nanos) {
        return nanos >= MIN_MILLIS * 1_000_000L && nanos < END_MILLIS * 1_000_000L;
    }

    /** 2017-01-01T00:00Z in epoch ms: trade times before it are not crypto-futures times. */
    private static final long MIN_MILLIS = 1_483_228_800_000L;

    /** 2100-01-01T00:00Z in epoch ms. */
    private static final long END_MILLIS = 4_102_444_800_000L;

    /**
     * Parses a positive, finite decimal number (a price or a quantity).
     *
     * @param text the field
     * @param name the field's name for the message
     * @param column the field's 1-based column
     * @return the value
     * @throws BadLine if the field is not a number, not finite, or not positive
     */
    public static double parsePositive(String text, String name, int column) throws BadLine {
        String t = strip(text);
        if (!isPlainDecimal(t)) {
            throw new BadLine(column, name + " \"" + text + "\" is not a number");
        }
        return checkPositive(Double.parseDouble(t), name, column);
    }

    /**
     * Checks a parsed number is finite and positive.
     *
     * @param v the value
     * @param name the field's name for the message
     * @param column the field's 1-based column
     * @return {@code v}
     * @throws BadLine if it is NaN, infinite or not above zero
     */
    public static double checkPositive(double v, String name, int column) throws BadLine {
        if (!Double.isFinite(v)) {
            throw new BadLine(column, name + " " + v + " is not finite");
        }
        if (v <= 0) {
            throw new BadLine(column, name + " " + v + " must be > 0");
        }
        return v;
    }

    /**
     * Parses {@code true} or {@code false} in any case.
     *
     * @param text the field
     * @param name the field's name for the message
     * @param column the field's 1-based column
     * @return the value
     * @throws BadLine if the field is neither
     */
    public static boolean parseBoolean(String text, String name, int column) throws BadLine {
        String t = strip(text);
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new BadLine(column, name + " \"" + text + "\" is not true or false");
    }

    /**
     * Formats a double so that {@link Double#parseDouble} gives back the same value, in plain (not
     * scientific) notation and without a trailing {@code .0}: {@code 61800.3}, {@code 0.0001},
     * {@code 100}.
     *
     * @param v a finite value
     * @return the text
     */
    public static String formatDouble(double v) {
        String s = Double.toString(v);
        if (s.indexOf('E') >= 0) {
            s = new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
        }
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        return s;
    }
}
