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
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadLine(column, name + " \"" + text + "\" is not an integer");
        }
    }

    /**
     * Parses an epoch timestamp in ms, µs or ns (by magnitude) to nanoseconds; must be positive.
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
        return epochToNanos(v);
    }

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
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new BadLine(column, name + " \"" + text + "\" is not a number");
        }
        return checkPositive(v, name, column);
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
        String t = text.trim();
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
