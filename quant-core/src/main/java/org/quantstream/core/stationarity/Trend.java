package org.quantstream.core.stationarity;

import java.util.Locale;

/**
 * The deterministic terms of a unit-root regression, as statsmodels' {@code regression} argument.
 */
public enum Trend {
    /** No constant, no trend ({@code "n"}). */
    N(0),
    /** A constant ({@code "c"}). */
    C(1),
    /** A constant and a linear trend ({@code "ct"}). */
    CT(2),
    /** A constant, a linear and a quadratic trend ({@code "ctt"}). */
    CTT(3);

    private final int terms;

    Trend(int terms) {
        this.terms = terms;
    }

    /**
     * The number of deterministic columns.
     *
     * @return 0 to 3
     */
    public int terms() {
        return terms;
    }

    /**
     * Parses statsmodels' names: {@code n} (or the old {@code nc}), {@code c}, {@code ct}, {@code
     * ctt}, any case.
     *
     * @param text the name
     * @return the trend
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Trend parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "n":
            case "nc":
                return N;
            case "c":
                return C;
            case "ct":
                return CT;
            case "ctt":
                return CTT;
            default:
                throw new IllegalArgumentException(
                        "regression must be n, c, ct or ctt, was \"" + text + '"');
        }
    }

    /**
     * statsmodels' name.
     *
     * @return {@code n}, {@code c}, {@code ct} or {@code ctt}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
