package org.quantstream.core.util;

/**
 * Argument checks that return the checked value and, on failure, throw an {@link
 * IllegalArgumentException} whose message names the argument, the bound and the value found (after
 * OpenGamma Strata's {@code ArgChecker}).
 *
 * <p>Thread-safe (stateless). The checks allocate only when they fail.
 */
public final class Args {
    private Args() {}

    /**
     * Checks that a reference is not null.
     *
     * @param value the value to check
     * @param name the argument's name, used in the message
     * @param <T> the value's type
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is null
     */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Checks that a string is neither null nor blank.
     *
     * @param value the value to check
     * @param name the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is null or blank
     */
    public static String notBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was " + quote(value));
        }
        return value;
    }

    /**
     * Checks that {@code value > 0}.
     *
     * @param value the value to check
     * @param name the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value <= 0}
     */
    public static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    /**
     * Checks that {@code value > 0}; NaN fails.
     *
     * @param value the value to check
     * @param name the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is not greater than zero
     */
    public static double positive(double value, String name) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    /**
     * Checks that {@code value >= 0}.
     *
     * @param value the value to check
     * @param name the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }

    /**
     * Checks that a value is finite (neither NaN nor infinite).
     *
     * @param value the value to check
     * @param name the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
        return value;
    }

    /**
     * Checks that {@code low <= value <= high}.
     *
     * @param value the value to check
     * @param low the inclusive lower bound
     * @param high the inclusive upper bound
     * @param name the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is outside {@code [low, high]}
     */
    public static long inRange(long value, long low, long high, String name) {
        if (value < low || value > high) {
            throw new IllegalArgumentException(
                    name + " must be in [" + low + ", " + high + "], was " + value);
        }
        return value;
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }
}
