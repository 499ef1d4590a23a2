package org.quantstream.examples.cli;

/** Number formatting for CSV output: plain text, empty for NaN. */
final class Rows {
    private Rows() {}

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
