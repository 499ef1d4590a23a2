package org.quantstream.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

/** Tolerance checks that treat NaN as equal to NaN and say where a series first differs. */
public final class Close {
    private Close() {}

    /**
     * Asserts {@code |actual - expected| <= abs + rel·|expected|}, or both NaN.
     *
     * @param actual the value
     * @param expected the reference
     * @param rel relative tolerance
     * @param abs absolute tolerance
     * @param what description for the message
     */
    public static void close(double actual, double expected, double rel, double abs, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what + " (expected NaN)").isNaN();
            return;
        }
        if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        double tol = abs + rel * Math.abs(expected);
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s, expected %s, tolerance %s", what, actual, expected, tol)
                .isLessThanOrEqualTo(tol);
    }

    /**
     * Element-wise {@link #close}.
     *
     * @param actual the values
     * @param expected the references
     * @param rel relative tolerance
     * @param abs absolute tolerance
     * @param what description for the message
     */
    public static void series(
            double[] actual, double[] expected, double rel, double abs, String what) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            close(actual[i], expected[i], rel, abs, what + "[" + i + "]");
        }
    }
}
